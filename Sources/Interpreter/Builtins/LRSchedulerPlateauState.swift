/// ReduceLROnPlateau's `state_dict()` and `load_state_dict()`: its `__dict__` without the
/// optimizer, in the order PyTorch's constructor sets it.
extension PlateauScheduler {
    func stateDict() -> DictStorage {
        let state = DictStorage()
        let fields: [(String, Value)] = [
            ("factor", givenOptions["factor"] ?? .float(factor)), ("default_min_lr", defaultMinimum), ("min_lrs", .list(ListStorage(minimumRateValues))),
            ("patience", .int(Int64(patience))), ("cooldown", .int(Int64(cooldown))), ("eps", givenOptions["eps"] ?? .float(eps)),
            ("last_epoch", .int(Int64(lastEpoch))), ("_last_lr", .list(ListStorage(lastRates.map { .float($0) }))),
            ("mode_worse", .float(minimizes ? .infinity : -.infinity)), ("mode", .string(minimizes ? "min" : "max")),
            ("threshold", givenOptions["threshold"] ?? .float(threshold)), ("threshold_mode", .string(relative ? "rel" : "abs")), ("best", .float(best)),
            ("cooldown_counter", .int(Int64(cooldownLeft))), ("num_bad_epochs", .int(Int64(badEpochs))),
        ]
        for (key, value) in fields { state[.string(key)] = value }
        return state
    }

    /// `self.__dict__.update(state)`, then `_init_is_better` again from the loaded mode and threshold.
    func loadStateDict(_ state: Value, _ interpreter: Interpreter) throws {
        guard case let .dict(fields) = state else { throw PythonError.typeError("'\(state.typeName)' object is not iterable") }
        let saved = SavedSchedulerState(fields: fields, interpreter: interpreter)
        for name in ["factor", "threshold", "eps"] { givenOptions[name] = saved.value(name) ?? givenOptions[name] }
        factor = try saved.double("factor") ?? factor
        if let given = saved.value("default_min_lr") { defaultMinimum = given }
        if let given = saved.value("min_lrs") {
            minimumRateValues = try interpreter.iterate(given)
            minimumRates = try minimumRateValues.map { try interpreter.pythonDouble($0) }
        }
        patience = try saved.int("patience") ?? patience
        cooldown = try saved.int("cooldown") ?? cooldown
        eps = try saved.double("eps") ?? eps
        lastEpoch = try saved.int("last_epoch") ?? lastEpoch
        lastRates = try saved.doubles("_last_lr") ?? lastRates
        best = try saved.double("best") ?? best
        cooldownLeft = try saved.int("cooldown_counter") ?? cooldownLeft
        badEpochs = try saved.int("num_bad_epochs") ?? badEpochs
        threshold = try saved.double("threshold") ?? threshold
        if case let .string(mode)? = saved.value("mode") {
            guard mode == "min" || mode == "max" else { throw PythonError.valueError("mode \(mode) is unknown!") }
            minimizes = mode == "min"
        }
        if case let .string(thresholdMode)? = saved.value("threshold_mode") {
            guard thresholdMode == "rel" || thresholdMode == "abs" else { throw PythonError.valueError("threshold mode \(thresholdMode) is unknown!") }
            relative = thresholdMode == "rel"
        }
    }
}
