/// `scheduler.state_dict()`: the scheduler's `__dict__` without the optimizer, in the order
/// PyTorch's constructors set it (the rule's own fields, then LRScheduler's), as training
/// scripts put it into their checkpoint dicts.
extension LRScheduler {
    func stateDict(_ interpreter: Interpreter) throws -> DictStorage {
        let state = DictStorage()
        for (key, value) in try ruleFields(interpreter) { state[.string(key)] = value }
        // CosineAnnealingWarmRestarts overrides step() without counting its calls.
        let countedSteps: Int
        if case .warmRestarts = rule { countedSteps = 0 } else { countedSteps = stepCount }
        let common: [(String, Value)] = [
            ("base_lrs", .list(ListStorage(baseRates.map { .float($0) }))), ("last_epoch", .int(Int64(lastEpoch))),
            ("_step_count", .int(Int64(countedSteps))), ("_is_initial", .bool(isInitial)),
            ("_get_lr_called_within_step", .bool(false)), ("_last_lr", .list(ListStorage(lastRates.map { .float($0) }))),
        ]
        for (key, value) in common { state[.string(key)] = value }
        switch rule {
        case let .lambda(functions), let .multiplicative(functions):
            state[.string("lr_lambdas")] = .list(ListStorage(try functions.map { try savedCallable($0, interpreter) }))
        case let .cyclic(plan):
            state[.string("_scale_fn_custom")] = try plan.customScale.map { try savedCallable($0, interpreter) } ?? Value.none
        default: break
        }
        return state
    }

    /// A plain function is saved as None; a callable object as a copy of its `__dict__`.
    private func savedCallable(_ function: Value, _ interpreter: Interpreter) throws -> Value {
        guard case let .instance(instance) = function else { return .none }
        return try interpreter.shallowCopy(try interpreter.attribute(of: .instance(instance), "__dict__"))
    }

    private func ruleFields(_ interpreter: Interpreter) throws -> [(String, Value)] {
        switch rule {
        case let .step(size, gamma): return [("step_size", .int(Int64(size))), ("gamma", .float(gamma))]
        case let .multiStep(milestones, gamma):
            let counts = DictStorage()
            counts.flavor = .counter
            for milestone in milestones {
                let key = Value.int(Int64(milestone))
                counts[key] = .int((counts[key].flatMap { if case let .int(count) = $0 { count } else { nil } } ?? 0) + 1)
            }
            return [("milestones", .dict(counts)), ("gamma", .float(gamma))]
        case let .exponential(gamma): return [("gamma", .float(gamma))]
        case let .cosine(period, minimum): return [("T_max", .int(Int64(period))), ("eta_min", .float(minimum))]
        case .lambda, .multiplicative: return []
        case let .constant(factor, total): return [("factor", .float(factor)), ("total_iters", .int(Int64(total)))]
        case let .linear(start, end, total):
            return [("start_factor", .float(start)), ("end_factor", .float(end)), ("total_iters", .int(Int64(total)))]
        case let .polynomial(total, power): return [("total_iters", .int(Int64(total))), ("power", .float(power))]
        case let .warmRestarts(first, multiplier, minimum):
            return [("T_0", .int(Int64(first))), ("T_i", .int(Int64(cycleLength))), ("T_mult", .int(Int64(multiplier))),
                    ("eta_min", .float(minimum)), ("T_cur", .int(Int64(cyclePosition)))]
        case let .cyclic(plan): return plan.stateFields(optimizer.groups)
        case .oneCycle:
            throw PythonError.notImplemented("OneCycleLR.state_dict() is not available in TensorTutor yet")
        }
    }
}

/// A `state_dict()` being loaded back, read field by field.
struct SavedSchedulerState {
    let fields: DictStorage
    let interpreter: Interpreter

    func value(_ key: String) -> Value? { fields[.string(key)] }
    func int(_ key: String) throws -> Int? { try value(key).map { try interpreter.pythonIntValue($0) } }
    func double(_ key: String) throws -> Double? { try value(key).map { try interpreter.pythonDouble($0) } }
    func doubles(_ key: String) throws -> [Double]? {
        try value(key).map { try interpreter.iterate($0).map { try interpreter.pythonDouble($0) } }
    }
}

/// `scheduler.load_state_dict(state)`: PyTorch's `self.__dict__.update(state)` for the fields
/// this scheduler keeps. The optimizer's rates stay as they are, as in PyTorch: the next
/// step continues from them.
extension LRScheduler {
    func loadStateDict(_ state: Value, _ interpreter: Interpreter) throws {
        guard case let .dict(fields) = state else { throw PythonError.typeError("'\(state.typeName)' object is not iterable") }
        let saved = SavedSchedulerState(fields: fields, interpreter: interpreter)
        if let epoch = try saved.int("last_epoch") { lastEpoch = epoch }
        if let rates = try saved.doubles("base_lrs") { baseRates = rates }
        if let rates = try saved.doubles("_last_lr") { lastRates = rates }
        if let count = try saved.int("_step_count") { stepCount = count }
        if let initial = saved.value("_is_initial") { isInitial = try interpreter.truthy(initial) }
        if let length = try saved.int("T_i") { cycleLength = length }
        if let position = try saved.int("T_cur") { cyclePosition = position }
        rule = try loadedRule(saved)
    }

    private func loadedRule(_ saved: SavedSchedulerState) throws -> Rule {
        switch rule {
        case let .step(size, gamma): return .step(size: try saved.int("step_size") ?? size, gamma: try saved.double("gamma") ?? gamma)
        case let .multiStep(milestones, gamma):
            var loaded = milestones
            // Saved as a Counter: each milestone with how many times it was given.
            if case let .dict(counts)? = saved.value("milestones") {
                loaded = try counts.entries.flatMap { entry in
                    Array(repeating: try saved.interpreter.pythonIntValue(entry.key), count: max(0, try saved.interpreter.pythonIntValue(entry.value)))
                }
            }
            return .multiStep(milestones: loaded, gamma: try saved.double("gamma") ?? gamma)
        case let .exponential(gamma): return .exponential(gamma: try saved.double("gamma") ?? gamma)
        case let .cosine(period, minimum): return .cosine(period: try saved.int("T_max") ?? period, minimum: try saved.double("eta_min") ?? minimum)
        case .lambda, .multiplicative: return rule
        case let .constant(factor, total): return .constant(factor: try saved.double("factor") ?? factor, total: try saved.int("total_iters") ?? total)
        case let .linear(start, end, total):
            return .linear(start: try saved.double("start_factor") ?? start, end: try saved.double("end_factor") ?? end,
                           total: try saved.int("total_iters") ?? total)
        case let .polynomial(total, power): return .polynomial(total: try saved.int("total_iters") ?? total, power: try saved.double("power") ?? power)
        case let .warmRestarts(first, multiplier, minimum):
            return .warmRestarts(first: try saved.int("T_0") ?? first, multiplier: try saved.int("T_mult") ?? multiplier,
                                 minimum: try saved.double("eta_min") ?? minimum)
        case .oneCycle: throw PythonError.notImplemented("OneCycleLR.load_state_dict() is not available in TensorTutor yet")
        case let .cyclic(plan): return .cyclic(try plan.loaded(saved))
        }
    }
}
