import Foundation
import TensorEngine

/// `torch.optim.lr_scheduler`'s epoch-driven schedulers with PyTorch's chainable formulas,
/// so the printed learning rates carry PyTorch's rounding (0.7 * 0.7 is 0.48999999999999994).
/// SequentialLR and ReduceLROnPlateau are in LRSchedulerCompositions.swift.
final class LRScheduler: NativeObject {
    enum Rule {
        case step(size: Int, gamma: Double)
        case multiStep(milestones: [Int], gamma: Double)
        case exponential(gamma: Double)
        case cosine(period: Int, minimum: Double)
        case lambda([Value])
        case multiplicative([Value])
        case constant(factor: Double, total: Int)
        case linear(start: Double, end: Double, total: Int)
        case polynomial(total: Int, power: Double)
        case oneCycle(OneCyclePlan)
        case cyclic(CyclicPlan)
        case warmRestarts(first: Int, multiplier: Int, minimum: Double)
    }

    let name: String
    let optimizer: Optimizer
    /// Its fields change only when `load_state_dict` replaces them.
    var rule: Rule
    var lastEpoch = -1
    var baseRates: [Double] = []
    var lastRates: [Double] = []
    /// True during the step the constructor takes (PyTorch's `_is_initial`).
    var isInitial = false
    /// How many times `step` ran, the constructor's own step included (`_step_count`).
    var stepCount = 0
    /// CosineAnnealingWarmRestarts' position in its cycle (`T_cur`) and the cycle's length (`T_i`).
    var cyclePosition = -1, cycleLength = 0

    init(name: String, optimizer: Optimizer, rule: Rule, interpreter: Interpreter) throws {
        self.name = name
        self.optimizer = optimizer
        self.rule = rule
        if case let .oneCycle(plan) = rule { try plan.prepare(optimizer.groups, interpreter) }
        if case let .cyclic(plan) = rule { try plan.prepare(optimizer.groups, interpreter) }
        if case let .warmRestarts(first, _, _) = rule { cycleLength = first }
        if optimizer.steppedSinceSchedulerAttached == nil { optimizer.steppedSinceSchedulerAttached = false }
        for group in optimizer.groups {
            if group[.string("initial_lr")] == nil { group[.string("initial_lr")] = group[.string("lr")] ?? .float(0) }
            baseRates.append(try interpreter.pythonDouble(group[.string("initial_lr")] ?? .float(0)))
        }
        try initialStep(interpreter)
        // CyclicLR sets `self.base_lrs` after LRScheduler's constructor has stepped once.
        if case let .cyclic(plan) = rule { baseRates = plan.baseRates }
    }

    var typeName: String { name }
    func repr() -> String { "<torch.optim.lr_scheduler.\(name) object>" }

    func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        func method(_ body: @escaping Builtin.Body) -> Value { .builtin(Builtin(attribute, owner: name, isOp: false, body)) }
        switch attribute {
        case "step": return method { interpreter, _ in try self.step(interpreter); return .none }
        case "get_last_lr": return method { _, _ in .list(ListStorage(self.lastRates.map { .float($0) })) }
        case "last_epoch": return .int(Int64(lastEpoch))
        case "base_lrs": return .list(ListStorage(baseRates.map { .float($0) }))
        case "optimizer": return .native(optimizer)
        case "state_dict": return method { interpreter, arguments in
            _ = try arguments.bind("state_dict", [])
            return .dict(try self.stateDict(interpreter))
        }
        case "load_state_dict": return method { interpreter, arguments in
            try self.loadStateDict(try arguments.bind("load_state_dict", ["state_dict"]).value("state_dict"), interpreter)
            return .none
        }
        default: return nil
        }
    }

    /// The step the constructor takes (PyTorch's `_initial_step`); SequentialLR takes it again.
    func initialStep(_ interpreter: Interpreter) throws {
        isInitial = true
        stepCount = 0
        defer { isInitial = false }
        try step(interpreter)
    }

    func step(_ interpreter: Interpreter) throws {
        if stepCount == 1 && optimizer.steppedSinceSchedulerAttached == false {
            interpreter.warn("Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you should call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first value of the learning rate schedule. See more details at https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate")
        }
        stepCount += 1
        if case let .warmRestarts(first, multiplier, minimum) = rule {
            try restartStep(first: first, multiplier: multiplier, minimum: minimum)
            return
        }
        lastEpoch += 1
        try setRates { index, group in
            try nextRate(current: try interpreter.pythonDouble(group[.string("lr")] ?? .float(0)), base: try baseRate(index),
                         group: group, groupIndex: index, interpreter)
        }
    }

    /// `_update_lr(epoch)`: jumps to `epoch` by the closed form where the rule has one
    /// (SequentialLR restarts each scheduler at its milestone this way).
    func jump(to epoch: Int, _ interpreter: Interpreter) throws {
        lastEpoch = epoch
        try setRates { index, group in
            if let rate = closedFormRate(base: try baseRate(index)) { return rate }
            return try nextRate(current: try interpreter.pythonDouble(group[.string("lr")] ?? .float(0)), base: try baseRate(index),
                                group: group, groupIndex: index, interpreter)
        }
    }

    /// A group's base rate; a loaded state_dict may hold fewer than the optimizer has groups,
    /// which PyTorch's `zip(..., strict=True)` refuses.
    private func baseRate(_ index: Int) throws -> Double {
        guard index < baseRates.count else { throw PythonError.valueError("zip() argument 2 is shorter than argument 1") }
        return baseRates[index]
    }

    private func setRates(_ rate: (Int, DictStorage) throws -> Double) throws {
        var rates: [Double] = []
        for (index, group) in optimizer.groups.enumerated() {
            let value = try rate(index, group)
            group[.string("lr")] = .float(value)
            rates.append(value)
        }
        lastRates = rates
    }

    private func restartStep(first: Int, multiplier: Int, minimum: Double) throws {
        if lastEpoch < 0 {
            cycleLength = first
            cyclePosition = 0
        } else {
            cyclePosition += 1
            if cyclePosition >= cycleLength {
                cyclePosition %= cycleLength
                cycleLength *= multiplier
            }
        }
        lastEpoch += 1
        try setRates { index, _ in
            minimum + (try baseRate(index) - minimum) * (1 + cos(Double.pi * Double(cyclePosition) / Double(cycleLength))) / 2
        }
    }

    /// `base` is read only by the rules that use it: the chainable ones run without base rates.
    private func nextRate(current: Double, base: @autoclosure () throws -> Double, group: DictStorage, groupIndex: Int,
                          _ interpreter: Interpreter) throws -> Double {
        let epoch = Double(lastEpoch)
        switch rule {
        case let .step(size, gamma):
            guard size != 0 else { throw PythonError("ZeroDivisionError", "integer modulo by zero") }
            return lastEpoch == 0 || lastEpoch % size != 0 ? current : current * gamma
        case let .multiStep(milestones, gamma):
            let hits = milestones.filter { $0 == lastEpoch }.count
            return hits == 0 ? current : current * pow(gamma, Double(hits))
        case let .exponential(gamma):
            return lastEpoch == 0 ? current : current * gamma
        case let .cosine(period, minimum):
            if lastEpoch == 0 { return current }
            guard period != 0 else { throw PythonError("ZeroDivisionError", "integer modulo by zero") }
            let periodValue = Double(period)
            if (lastEpoch - 1 - period) % (2 * period) == 0 {
                return current + (try base() - minimum) * (1 - cos(Double.pi / periodValue)) / 2
            }
            return (1 + cos(Double.pi * epoch / periodValue)) / (1 + cos(Double.pi * (epoch - 1) / periodValue)) * (current - minimum) + minimum
        case let .lambda(functions):
            return try base() * (try factor(functions, groupIndex, interpreter))
        case let .multiplicative(functions):
            return isInitial ? current : current * (try factor(functions, groupIndex, interpreter))
        case let .constant(factor, total):
            if lastEpoch == 0 { return current * factor }
            return lastEpoch != total ? current : current * (1.0 / factor)
        case let .linear(start, end, total):
            if lastEpoch == 0 { return current * start }
            if isInitial || lastEpoch > total { return current }
            return current * (1.0 + (end - start) / (Double(total) * start + (epoch - 1) * (end - start)))
        case let .polynomial(total, power):
            if isInitial || lastEpoch > total { return current }
            guard total != 0 else { throw PythonError("ZeroDivisionError", "division by zero") }
            let totalValue = Double(total)
            return current * pow((1.0 - epoch / totalValue) / (1.0 - (epoch - 1) / totalValue), power)
        case let .oneCycle(plan):
            return try plan.rate(step: lastEpoch, group: group, interpreter)
        case let .cyclic(plan):
            return try plan.rate(step: lastEpoch, base: try base(), groupIndex: groupIndex, group: group, interpreter)
        case .warmRestarts:
            return current
        }
    }

    /// PyTorch's `_get_closed_form_lr` at `lastEpoch`, for the rules that define one.
    private func closedFormRate(base: Double) -> Double? {
        let epoch = Double(lastEpoch)
        switch rule {
        case let .step(size, gamma): return size == 0 ? nil : base * pow(gamma, Double(lastEpoch.floorDivided(by: size)))
        case let .multiStep(milestones, gamma): return base * pow(gamma, Double(milestones.filter { $0 <= lastEpoch }.count))
        case let .exponential(gamma): return base * pow(gamma, epoch)
        case let .cosine(period, minimum): return period == 0 ? nil : minimum + (base - minimum) * (1 + cos(Double.pi * epoch / Double(period))) / 2
        case let .constant(factor, total): return base * (factor + (lastEpoch >= total ? 1 - factor : 0))
        case let .linear(start, end, total):
            return total == 0 ? nil : base * (start + (end - start) * Double(min(total, lastEpoch)) / Double(total))
        case let .polynomial(total, power): return total == 0 ? nil : base * pow(1.0 - Double(min(total, lastEpoch)) / Double(total), power)
        case .lambda, .multiplicative, .oneCycle, .cyclic, .warmRestarts: return nil
        }
    }

    private func factor(_ functions: [Value], _ groupIndex: Int, _ interpreter: Interpreter) throws -> Double {
        let function = functions.count == 1 ? functions[0] : functions[groupIndex]
        return try interpreter.pythonDouble(try interpreter.call(function, CallArguments([.int(Int64(lastEpoch))])))
    }
}


extension Optimizer {
    var groups: [DictStorage] {
        paramGroups.items.compactMap { if case let .dict(group) = $0 { return group } else { return nil } }
    }
}
