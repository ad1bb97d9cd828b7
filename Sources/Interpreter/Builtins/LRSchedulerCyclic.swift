import Foundation

/// CyclicLR's triangle: each cycle climbs from `base_lr` to `max_lr` in `step_size_up`
/// steps and comes back down in `step_size_down`, its height scaled per cycle
/// (triangular2 halves it) or per step (exp_range multiplies by gamma), or by `scale_fn`.
/// With `cycle_momentum` the momentum (or Adam's beta1) moves the opposite way.
struct CyclicPlan {
    let baseRates: [Double]
    var maxRates: [Double]
    var totalSize: Double, stepRatio: Double
    var mode: String, gamma: Double
    let customScale: Value?
    /// Whether the scale reads the cycle number (`scale_mode='cycle'`) or the step.
    var scalesByCycle: Bool
    var cycleMomentum: Bool
    var baseMomentums: [Double], maxMomentums: [Double]

    init(bound: BoundArguments, groupCount: Int, _ interpreter: Interpreter) throws {
        baseRates = try valuesPerGroup(bound, "base_lr", fallback: nil, groupCount: groupCount, interpreter)
        maxRates = try valuesPerGroup(bound, "max_lr", fallback: nil, groupCount: groupCount, interpreter)
        let up = try bound.double("step_size_up", default: 2000)
        let downValue = bound.optional("step_size_down")
        let down = downValue == nil || downValue?.isNone == true ? up : try interpreter.pythonDouble(downValue ?? .none)
        totalSize = up + down
        guard totalSize != 0 else { throw PythonError("ZeroDivisionError", "float division by zero") }
        stepRatio = up / totalSize
        mode = try bound.string("mode", default: "triangular")
        gamma = try bound.double("gamma", default: 1)
        let scaleFunction = bound.optional("scale_fn")
        customScale = scaleFunction?.isNone == false ? scaleFunction : nil
        guard ["triangular", "triangular2", "exp_range"].contains(mode) || customScale != nil else {
            throw PythonError.valueError("mode is invalid and scale_fn is None")
        }
        // `_init_scale_fn`: the built-in modes fix the scale mode; a custom scale_fn keeps the one given.
        scalesByCycle = customScale != nil ? try bound.string("scale_mode", default: "cycle") == "cycle" : mode != "exp_range"
        cycleMomentum = try bound.bool("cycle_momentum", default: true)
        baseMomentums = cycleMomentum ? try valuesPerGroup(bound, "base_momentum", fallback: 0.8, groupCount: groupCount, interpreter) : []
        maxMomentums = cycleMomentum ? try valuesPerGroup(bound, "max_momentum", fallback: 0.9, groupCount: groupCount, interpreter) : []
    }

    /// What the constructor does before LRScheduler's: each group starts at its base rate,
    /// and with cycle_momentum at its maximum momentum.
    func prepare(_ groups: [DictStorage], _ interpreter: Interpreter) throws {
        if cycleMomentum, let first = groups.first { try checkCyclableMomentum(first) }
        for (index, group) in groups.enumerated() {
            group[.string("lr")] = .float(baseRates[index])
            guard cycleMomentum else { continue }
            try setMomentum(maxMomentums[index], in: group, interpreter)
            group[.string("max_momentum")] = .float(maxMomentums[index])
            group[.string("base_momentum")] = .float(baseMomentums[index])
        }
    }

    /// The rate after `step` steps; with cycle_momentum the group's momentum is set on the way.
    func rate(step: Int, base: Double, groupIndex: Int, group: DictStorage, _ interpreter: Interpreter) throws -> Double {
        let perGroup = cycleMomentum ? [maxRates, baseMomentums, maxMomentums] : [maxRates]
        guard perGroup.allSatisfy({ groupIndex < $0.count }) else { throw PythonError.valueError("zip() argument 2 is shorter than argument 1") }
        let position = Double(step) / totalSize
        let cycle = try pythonFloor(1 + position)
        let x = 1.0 + position - Double(cycle)
        // Python's float division refuses a zero divisor (step_size_up=0 at a cycle's start).
        guard x > stepRatio || stepRatio != 0, x <= stepRatio || stepRatio != 1 else { throw PythonError("ZeroDivisionError", "float division by zero") }
        let fraction = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1)
        let scale = try self.scale(scalesByCycle ? cycle : step, interpreter)
        if cycleMomentum {
            let height = (maxMomentums[groupIndex] - baseMomentums[groupIndex]) * fraction
            try setMomentum(maxMomentums[groupIndex] - height * scale, in: group, interpreter)
        }
        return base + (maxRates[groupIndex] - base) * fraction * scale
    }

    /// `math.floor`, with its errors for values no int can hold.
    private func pythonFloor(_ value: Double) throws -> Int {
        if value.isNaN { throw PythonError.valueError("cannot convert float NaN to integer") }
        if value.isInfinite { throw PythonError("OverflowError", "cannot convert float infinity to integer") }
        guard let floor = Int(exactly: value.rounded(.down)) else { throw PythonError("OverflowError", "Python int too large to convert to C long") }
        return floor
    }

    private func scale(_ argument: Int, _ interpreter: Interpreter) throws -> Double {
        if let customScale { return try interpreter.pythonDouble(try interpreter.call(customScale, CallArguments([.int(Int64(argument))]))) }
        switch mode {
        case "triangular2": return 1 / pow(2.0, Double(argument - 1))
        case "exp_range": return pow(gamma, Double(argument))
        default: return 1
        }
    }

    /// The fields `state_dict()` shows before LRScheduler's own.
    func stateFields(_ groups: [DictStorage]) -> [(String, Value)] {
        var fields: [(String, Value)] = [
            ("max_lrs", .list(ListStorage(maxRates.map { .float($0) }))), ("total_size", .float(totalSize)), ("step_ratio", .float(stepRatio)),
            ("mode", .string(mode)), ("gamma", .float(gamma)), ("scale_mode", .string(scalesByCycle ? "cycle" : "iterations")),
            ("cycle_momentum", .bool(cycleMomentum)),
        ]
        guard cycleMomentum else { return fields }
        fields += [("use_beta1", .bool(groups.first?[.string("betas")] != nil)),
                   ("base_momentums", .list(ListStorage(baseMomentums.map { .float($0) }))),
                   ("max_momentums", .list(ListStorage(maxMomentums.map { .float($0) })))]
        return fields
    }

    /// `load_state_dict`: the saved fields, then `_init_scale_fn` again, which lets a
    /// built-in mode decide the scale mode.
    func loaded(_ saved: SavedSchedulerState) throws -> CyclicPlan {
        var plan = self
        plan.maxRates = try saved.doubles("max_lrs") ?? maxRates
        plan.totalSize = try saved.double("total_size") ?? totalSize
        plan.stepRatio = try saved.double("step_ratio") ?? stepRatio
        if case let .string(mode)? = saved.value("mode") { plan.mode = mode }
        plan.gamma = try saved.double("gamma") ?? gamma
        if case let .string(scaleMode)? = saved.value("scale_mode") { plan.scalesByCycle = scaleMode == "cycle" }
        if customScale == nil, ["triangular", "triangular2", "exp_range"].contains(plan.mode) { plan.scalesByCycle = plan.mode != "exp_range" }
        if let flag = saved.value("cycle_momentum") { plan.cycleMomentum = try saved.interpreter.truthy(flag) }
        plan.baseMomentums = try saved.doubles("base_momentums") ?? baseMomentums
        plan.maxMomentums = try saved.doubles("max_momentums") ?? maxMomentums
        return plan
    }
}
