import Foundation

/// `torch.optim.lr_scheduler`: StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR and
/// LambdaLR with PyTorch's chainable formulas, so the printed learning rates carry
/// PyTorch's rounding (0.7 * 0.7 is 0.48999999999999994).
final class LRScheduler: NativeObject {
    enum Rule {
        case step(size: Int, gamma: Double)
        case multiStep(milestones: [Int], gamma: Double)
        case exponential(gamma: Double)
        case cosine(period: Int, minimum: Double)
        case lambda([Value])
    }

    let name: String
    let optimizer: Optimizer
    let rule: Rule
    var lastEpoch = -1
    var baseRates: [Double] = []
    var lastRates: [Double] = []

    init(name: String, optimizer: Optimizer, rule: Rule, interpreter: Interpreter) throws {
        self.name = name
        self.optimizer = optimizer
        self.rule = rule
        for group in optimizer.groups {
            if group[.string("initial_lr")] == nil { group[.string("initial_lr")] = group[.string("lr")] ?? .float(0) }
            baseRates.append(try interpreter.pythonDouble(group[.string("initial_lr")] ?? .float(0)))
        }
        try step(interpreter)
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
        default: return nil
        }
    }

    func step(_ interpreter: Interpreter) throws {
        lastEpoch += 1
        let groups = optimizer.groups
        var rates: [Double] = []
        for (index, group) in groups.enumerated() {
            let current = try interpreter.pythonDouble(group[.string("lr")] ?? .float(0))
            let rate = try nextRate(current: current, base: baseRates[index], groupIndex: index, interpreter)
            group[.string("lr")] = .float(rate)
            rates.append(rate)
        }
        lastRates = rates
    }

    private func nextRate(current: Double, base: Double, groupIndex: Int, _ interpreter: Interpreter) throws -> Double {
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
            let periodValue = Double(period), epoch = Double(lastEpoch)
            if lastEpoch == 0 { return current }
            guard period != 0 else { throw PythonError("ZeroDivisionError", "integer modulo by zero") }
            if (lastEpoch - 1 - period) % (2 * period) == 0 {
                return current + (base - minimum) * (1 - cos(Double.pi / periodValue)) / 2
            }
            return (1 + cos(Double.pi * epoch / periodValue)) / (1 + cos(Double.pi * (epoch - 1) / periodValue)) * (current - minimum) + minimum
        case let .lambda(functions):
            let function = functions.count == 1 ? functions[0] : functions[groupIndex]
            let factor = try interpreter.pythonDouble(try interpreter.call(function, CallArguments([.int(Int64(lastEpoch))])))
            return base * factor
        }
    }
}

extension Optimizer {
    var groups: [DictStorage] {
        paramGroups.items.compactMap { if case let .dict(group) = $0 { return group } else { return nil } }
    }
}

extension Interpreter {
    func makeSchedulerMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        func define(_ name: String, _ parameters: [String], _ rule: @escaping (Interpreter, BoundArguments) throws -> LRScheduler.Rule) {
            members[name] = .builtin(Builtin(name, isOp: false) { interpreter, arguments in
                let bound = try arguments.bind(name, ["optimizer"] + parameters + ["last_epoch", "verbose"])
                guard case let .native(optimizer as Optimizer) = try bound.value("optimizer") else {
                    throw PythonError.typeError("\(try interpreter.repr(try bound.value("optimizer"))) is not an Optimizer")
                }
                return .native(try LRScheduler(name: name, optimizer: optimizer, rule: try rule(interpreter, bound), interpreter: interpreter))
            })
        }
        define("StepLR", ["step_size", "gamma"]) { _, bound in
            .step(size: try bound.int("step_size"), gamma: try bound.double("gamma", default: 0.1))
        }
        define("MultiStepLR", ["milestones", "gamma"]) { interpreter, bound in
            .multiStep(milestones: try interpreter.iterate(try bound.value("milestones")).map { try interpreter.pythonIntValue($0) },
                       gamma: try bound.double("gamma", default: 0.1))
        }
        define("ExponentialLR", ["gamma"]) { _, bound in .exponential(gamma: try bound.double("gamma")) }
        define("CosineAnnealingLR", ["T_max", "eta_min"]) { _, bound in
            .cosine(period: try bound.int("T_max"), minimum: try bound.double("eta_min", default: 0))
        }
        define("LambdaLR", ["lr_lambda"]) { interpreter, bound in
            let given = try bound.value("lr_lambda")
            if case .list = given { return .lambda(try interpreter.iterate(given)) }
            return .lambda([given])
        }
        return members
    }
}
