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
            // A plain function is saved as None; a callable object as a copy of its `__dict__`.
            state[.string("lr_lambdas")] = .list(ListStorage(try functions.map { function in
                guard case let .instance(instance) = function else { return .none }
                return try interpreter.shallowCopy(try interpreter.attribute(of: .instance(instance), "__dict__"))
            }))
        default: break
        }
        return state
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
        case .oneCycle:
            throw PythonError.notImplemented("OneCycleLR.state_dict() is not available in TensorTutor yet")
        }
    }
}
