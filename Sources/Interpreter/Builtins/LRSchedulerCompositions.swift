import Foundation

/// SequentialLR: one scheduler after another, each restarted at its milestone.
final class SequentialScheduler: NativeObject {
    let optimizer: Optimizer
    let schedulers: [LRScheduler]
    let milestones: [Int]
    var lastEpoch = 0
    var lastRates: [Double] = []

    init(optimizer: Optimizer, schedulers: [LRScheduler], milestones: [Int], interpreter: Interpreter) throws {
        guard !schedulers.isEmpty else { throw PythonError.valueError("SequentialLR expects at least one scheduler, but got no scheduler.") }
        for (index, scheduler) in schedulers.enumerated() where scheduler.optimizer !== optimizer {
            throw PythonError.valueError("SequentialLR expects all schedulers to belong to the same optimizer, but got scheduler \(scheduler.name) at index \(index) has \(scheduler.optimizer.repr()), which is different from \(optimizer.typeName).")
        }
        guard milestones.count == schedulers.count - 1 else {
            throw PythonError.valueError("Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers \(schedulers.count) and the number of milestones to be equal to \(milestones.count)")
        }
        self.optimizer = optimizer
        self.schedulers = schedulers
        self.milestones = milestones
        // Undo the steps the schedulers took when they were made, and start the first again.
        for group in optimizer.groups { group[.string("lr")] = group[.string("initial_lr")] ?? group[.string("lr")] ?? .float(0) }
        for scheduler in schedulers { scheduler.lastEpoch -= 1 }
        let first = schedulers[milestones.filter { $0 <= 0 }.count]
        try first.initialStep(interpreter)
        lastRates = first.lastRates
    }

    var typeName: String { "SequentialLR" }
    func repr() -> String { "<torch.optim.lr_scheduler.SequentialLR object>" }

    func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        func method(_ body: @escaping Builtin.Body) -> Value { .builtin(Builtin(attribute, owner: typeName, isOp: false, body)) }
        switch attribute {
        case "step": return method { interpreter, _ in try self.step(interpreter); return .none }
        case "get_last_lr": return method { _, _ in .list(ListStorage(self.lastRates.map { .float($0) })) }
        case "last_epoch": return .int(Int64(lastEpoch))
        case "optimizer": return .native(optimizer)
        default: return nil
        }
    }

    private func step(_ interpreter: Interpreter) throws {
        lastEpoch += 1
        let index = milestones.filter { $0 <= lastEpoch }.count
        let scheduler = schedulers[index]
        if index > 0 && milestones[index - 1] == lastEpoch {
            try scheduler.jump(to: 0, interpreter)
        } else {
            try scheduler.step(interpreter)
        }
        lastRates = scheduler.lastRates
    }
}

/// ReduceLROnPlateau: multiplies the rates by `factor` once the metric has not improved
/// for more than `patience` steps, then waits `cooldown` steps.
final class PlateauScheduler: NativeObject {
    let optimizer: Optimizer
    // Variables, because `load_state_dict` replaces them.
    var minimizes: Bool, relative: Bool
    var factor: Double, threshold: Double, eps: Double
    var patience: Int, cooldown: Int
    var minimumRates: [Double]
    /// `min_lrs` and `default_min_lr` as given (the default is the int 0), for `state_dict()`.
    var minimumRateValues: [Value], defaultMinimum: Value
    /// `factor`, `threshold` and `eps` as given (`eps=0` stays an int), for `state_dict()`.
    var givenOptions: [String: Value] = [:]
    var best: Double
    var badEpochs = 0, cooldownLeft = 0, lastEpoch = 0
    var lastRates: [Double] = []

    init(optimizer: Optimizer, bound: BoundArguments, interpreter: Interpreter) throws {
        self.optimizer = optimizer
        factor = try bound.double("factor", default: 0.1)
        guard factor < 1 else { throw PythonError.valueError("Factor should be < 1.0.") }
        let mode = try bound.string("mode", default: "min"), thresholdMode = try bound.string("threshold_mode", default: "rel")
        guard mode == "min" || mode == "max" else { throw PythonError.valueError("mode \(mode) is unknown!") }
        guard thresholdMode == "rel" || thresholdMode == "abs" else { throw PythonError.valueError("threshold mode \(thresholdMode) is unknown!") }
        minimizes = mode == "min"
        relative = thresholdMode == "rel"
        threshold = try bound.double("threshold", default: 1e-4)
        patience = try bound.int("patience", default: 10)
        cooldown = try bound.int("cooldown", default: 0)
        eps = try bound.double("eps", default: 1e-8)
        let groups = optimizer.groups
        if let given = bound.optional("min_lr"), case .list = given {
            minimumRateValues = try interpreter.iterate(given)
            defaultMinimum = .none
            guard minimumRateValues.count == groups.count else { throw PythonError.valueError("expected \(groups.count) min_lrs, got \(minimumRateValues.count)") }
        } else {
            defaultMinimum = bound.optional("min_lr") ?? .int(0)
            minimumRateValues = Array(repeating: defaultMinimum, count: groups.count)
        }
        minimumRates = try minimumRateValues.map { try interpreter.pythonDouble($0) }
        for name in ["factor", "threshold", "eps"] { givenOptions[name] = bound.optional(name) }
        best = minimizes ? .infinity : -.infinity
        lastRates = try groups.map { try interpreter.pythonDouble($0[.string("lr")] ?? .float(0)) }
    }

    var typeName: String { "ReduceLROnPlateau" }
    func repr() -> String { "<torch.optim.lr_scheduler.ReduceLROnPlateau object>" }

    func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        func method(_ body: @escaping Builtin.Body) -> Value { .builtin(Builtin(attribute, owner: typeName, isOp: false, body)) }
        switch attribute {
        case "step":
            return method { interpreter, arguments in
                try self.step(try interpreter.pythonDouble(try arguments.bind("step", ["metrics", "epoch"]).value("metrics")), interpreter)
                return .none
            }
        case "get_last_lr": return method { _, _ in .list(ListStorage(self.lastRates.map { .float($0) })) }
        case "state_dict": return method { _, arguments in
            _ = try arguments.bind("state_dict", [])
            return .dict(self.stateDict())
        }
        case "load_state_dict": return method { interpreter, arguments in
            try self.loadStateDict(try arguments.bind("load_state_dict", ["state_dict"]).value("state_dict"), interpreter)
            return .none
        }
        case "best": return .float(best)
        case "num_bad_epochs": return .int(Int64(badEpochs))
        case "last_epoch": return .int(Int64(lastEpoch))
        case "optimizer": return .native(optimizer)
        default: return nil
        }
    }

    private func step(_ metric: Double, _ interpreter: Interpreter) throws {
        lastEpoch += 1
        if isBetter(metric) {
            best = metric
            badEpochs = 0
        } else {
            badEpochs += 1
        }
        if cooldownLeft > 0 {
            cooldownLeft -= 1
            badEpochs = 0
        }
        let groups = optimizer.groups
        if badEpochs > patience {
            for (index, group) in groups.enumerated() {
                let old = try interpreter.pythonDouble(group[.string("lr")] ?? .float(0))
                guard index < minimumRates.count else { throw PythonError("IndexError", "list index out of range") }
                let new = Swift.max(old * factor, minimumRates[index])
                if old - new > eps { group[.string("lr")] = .float(new) }
            }
            cooldownLeft = cooldown
            badEpochs = 0
        }
        lastRates = try groups.map { try interpreter.pythonDouble($0[.string("lr")] ?? .float(0)) }
    }

    private func isBetter(_ metric: Double) -> Bool {
        switch (minimizes, relative) {
        case (true, true): return metric < best * (1 - threshold)
        case (true, false): return metric < best - threshold
        case (false, true): return metric > best * (threshold + 1)
        case (false, false): return metric > best + threshold
        }
    }
}

extension Interpreter {
    func makeSchedulerMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        func optimizer(_ bound: BoundArguments, _ interpreter: Interpreter) throws -> Optimizer {
            guard case let .native(optimizer as Optimizer) = try bound.value("optimizer") else {
                throw PythonError.typeError("\(try bound.value("optimizer").typeName) is not an Optimizer")
            }
            return optimizer
        }
        func define(_ name: String, _ parameters: [String], _ rule: @escaping (Interpreter, BoundArguments, Optimizer) throws -> LRScheduler.Rule) {
            members[name] = .builtin(Builtin(name, isOp: false) { interpreter, arguments in
                let bound = try arguments.bind(name, ["optimizer"] + parameters + ["last_epoch", "verbose"])
                let target = try optimizer(bound, interpreter)
                return .native(try LRScheduler(name: name, optimizer: target, rule: try rule(interpreter, bound, target), interpreter: interpreter))
            })
        }
        func functions(_ interpreter: Interpreter, _ given: Value) throws -> [Value] {
            if case .list = given { return try interpreter.iterate(given) }
            if case .tuple = given { return try interpreter.iterate(given) }
            return [given]
        }
        define("StepLR", ["step_size", "gamma"]) { _, bound, _ in .step(size: try bound.int("step_size"), gamma: try bound.double("gamma", default: 0.1)) }
        define("MultiStepLR", ["milestones", "gamma"]) { interpreter, bound, _ in
            .multiStep(milestones: try interpreter.iterate(try bound.value("milestones")).map { try interpreter.pythonIntValue($0) },
                       gamma: try bound.double("gamma", default: 0.1))
        }
        define("ExponentialLR", ["gamma"]) { _, bound, _ in .exponential(gamma: try bound.double("gamma")) }
        define("CosineAnnealingLR", ["T_max", "eta_min"]) { _, bound, _ in
            .cosine(period: try bound.int("T_max"), minimum: try bound.double("eta_min", default: 0))
        }
        define("LambdaLR", ["lr_lambda"]) { interpreter, bound, _ in .lambda(try functions(interpreter, try bound.value("lr_lambda"))) }
        define("MultiplicativeLR", ["lr_lambda"]) { interpreter, bound, _ in .multiplicative(try functions(interpreter, try bound.value("lr_lambda"))) }
        define("ConstantLR", ["factor", "total_iters"]) { _, bound, _ in
            let factor = try bound.double("factor", default: 1.0 / 3)
            guard factor >= 0 && factor <= 1 else { throw PythonError.valueError("Constant multiplicative factor expected to be between 0 and 1.") }
            return .constant(factor: factor, total: try bound.int("total_iters", default: 5))
        }
        define("LinearLR", ["start_factor", "end_factor", "total_iters"]) { _, bound, _ in
            let start = try bound.double("start_factor", default: 1.0 / 3), end = try bound.double("end_factor", default: 1)
            guard start > 0 && start <= 1 else {
                throw PythonError.valueError("Starting multiplicative factor expected to be greater than 0 and less or equal to 1.")
            }
            guard end >= 0 && end <= 1 else { throw PythonError.valueError("Ending multiplicative factor expected to be between 0 and 1.") }
            return .linear(start: start, end: end, total: try bound.int("total_iters", default: 5))
        }
        define("PolynomialLR", ["total_iters", "power"]) { _, bound, _ in
            .polynomial(total: try bound.int("total_iters", default: 5), power: try bound.double("power", default: 1))
        }
        define("CosineAnnealingWarmRestarts", ["T_0", "T_mult", "eta_min"]) { _, bound, _ in
            let first = try bound.int("T_0"), multiplier = try bound.int("T_mult", default: 1)
            guard first > 0 else { throw PythonError.valueError("Expected positive integer T_0, but got \(first)") }
            guard multiplier >= 1 else { throw PythonError.valueError("Expected integer T_mult >= 1, but got \(multiplier)") }
            return .warmRestarts(first: first, multiplier: multiplier, minimum: try bound.double("eta_min", default: 0))
        }
        define("OneCycleLR", ["max_lr", "total_steps", "epochs", "steps_per_epoch", "pct_start", "anneal_strategy", "cycle_momentum",
                              "base_momentum", "max_momentum", "div_factor", "final_div_factor", "three_phase"]) { interpreter, bound, target in
            .oneCycle(try OneCyclePlan(bound: bound, groupCount: target.groups.count, interpreter))
        }
        define("CyclicLR", ["base_lr", "max_lr", "step_size_up", "step_size_down", "mode", "gamma", "scale_fn", "scale_mode",
                            "cycle_momentum", "base_momentum", "max_momentum"]) { interpreter, bound, target in
            .cyclic(try CyclicPlan(bound: bound, groupCount: target.groups.count, interpreter))
        }
        members["SequentialLR"] = .builtin(Builtin("SequentialLR", isOp: false) { interpreter, arguments in
            let bound = try arguments.bind("SequentialLR", ["optimizer", "schedulers", "milestones", "last_epoch"])
            let schedulers = try interpreter.iterate(try bound.value("schedulers")).map { value -> LRScheduler in
                guard case let .native(scheduler as LRScheduler) = value else {
                    throw PythonError.typeError("SequentialLR takes the epoch-driven schedulers (not ReduceLROnPlateau or SequentialLR)")
                }
                return scheduler
            }
            let milestones = try interpreter.iterate(try bound.value("milestones")).map { try interpreter.pythonIntValue($0) }
            return .native(try SequentialScheduler(optimizer: try optimizer(bound, interpreter), schedulers: schedulers, milestones: milestones,
                                                   interpreter: interpreter))
        })
        members["ReduceLROnPlateau"] = .builtin(Builtin("ReduceLROnPlateau", isOp: false) { interpreter, arguments in
            let bound = try arguments.bind("ReduceLROnPlateau", ["optimizer", "mode", "factor", "patience", "threshold", "threshold_mode",
                                                                 "cooldown", "min_lr", "eps"])
            return .native(try PlateauScheduler(optimizer: try optimizer(bound, interpreter), bound: bound, interpreter: interpreter))
        })
        return members
    }
}
