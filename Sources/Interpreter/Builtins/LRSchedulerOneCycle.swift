import Foundation

/// OneCycleLR's phases: warm up from `max_lr / div_factor` to `max_lr`, then anneal to
/// `initial_lr / final_div_factor` (three phases come back down before the last). With
/// `cycle_momentum` the momentum (or Adam's beta1) moves the opposite way.
struct OneCyclePlan {
    struct Phase {
        let endStep: Double
        let startRate: String, endRate: String
        let startMomentum: String, endMomentum: String
    }

    let totalSteps: Int
    let phases: [Phase]
    let cosine: Bool
    let maxRates: [Double], divisor: Double, finalDivisor: Double
    let cycleMomentum: Bool
    let maxMomentums: [Double], baseMomentums: [Double]

    init(bound: BoundArguments, groupCount: Int, _ interpreter: Interpreter) throws {
        if let total = bound.optional("total_steps"), !total.isNone {
            totalSteps = try interpreter.pythonIntValue(total)
            guard totalSteps > 0 else { throw PythonError.valueError("Expected positive integer total_steps, but got \(totalSteps)") }
        } else if let epochs = bound.optional("epochs"), !epochs.isNone, let perEpoch = bound.optional("steps_per_epoch"), !perEpoch.isNone {
            let epochCount = try interpreter.pythonIntValue(epochs), stepCount = try interpreter.pythonIntValue(perEpoch)
            guard epochCount > 0 else { throw PythonError.valueError("Expected positive integer epochs, but got \(epochCount)") }
            guard stepCount > 0 else { throw PythonError.valueError("Expected positive integer steps_per_epoch, but got \(stepCount)") }
            totalSteps = epochCount.multipliedReportingOverflow(by: stepCount).partialValue
        } else {
            throw PythonError.valueError("You must define either total_steps OR (epochs AND steps_per_epoch)")
        }
        let warmup = try bound.double("pct_start", default: 0.3)
        guard warmup >= 0 && warmup <= 1 else { throw PythonError.valueError("Expected float between 0 and 1 pct_start, but got \(warmup)") }
        let total = Double(totalSteps)
        if try bound.bool("three_phase", default: false) {
            phases = [Phase(endStep: warmup * total - 1, startRate: "initial_lr", endRate: "max_lr", startMomentum: "max_momentum", endMomentum: "base_momentum"),
                      Phase(endStep: 2 * warmup * total - 2, startRate: "max_lr", endRate: "initial_lr", startMomentum: "base_momentum", endMomentum: "max_momentum"),
                      Phase(endStep: total - 1, startRate: "initial_lr", endRate: "min_lr", startMomentum: "max_momentum", endMomentum: "max_momentum")]
        } else {
            phases = [Phase(endStep: warmup * total - 1, startRate: "initial_lr", endRate: "max_lr", startMomentum: "max_momentum", endMomentum: "base_momentum"),
                      Phase(endStep: total - 1, startRate: "max_lr", endRate: "min_lr", startMomentum: "base_momentum", endMomentum: "max_momentum")]
        }
        let strategy = try bound.string("anneal_strategy", default: "cos")
        guard strategy == "cos" || strategy == "linear" else {
            throw PythonError.valueError("anneal_strategy must be one of 'cos' or 'linear', instead got \(strategy)")
        }
        cosine = strategy == "cos"
        maxRates = try valuesPerGroup(bound, "max_lr", fallback: 0, groupCount: groupCount, interpreter)
        maxMomentums = try valuesPerGroup(bound, "max_momentum", fallback: 0.95, groupCount: groupCount, interpreter)
        baseMomentums = try valuesPerGroup(bound, "base_momentum", fallback: 0.85, groupCount: groupCount, interpreter)
        divisor = try bound.double("div_factor", default: 25)
        finalDivisor = try bound.double("final_div_factor", default: 1e4)
        cycleMomentum = try bound.bool("cycle_momentum", default: true)
    }

    /// Writes each group's `initial_lr`, `max_lr`, `min_lr` and momentum bounds, as the constructor does.
    func prepare(_ groups: [DictStorage], _ interpreter: Interpreter) throws {
        for (index, group) in groups.enumerated() {
            let initial = maxRates[index] / divisor
            group[.string("initial_lr")] = .float(initial)
            group[.string("max_lr")] = .float(maxRates[index])
            group[.string("min_lr")] = .float(initial / finalDivisor)
            guard cycleMomentum else { continue }
            try checkCyclableMomentum(group)
            try setMomentum(maxMomentums[index], in: group, interpreter)
            group[.string("max_momentum")] = .float(maxMomentums[index])
            group[.string("base_momentum")] = .float(baseMomentums[index])
        }
    }

    /// The rate at `step`; with cycle_momentum the group's momentum is set on the way.
    func rate(step: Int, group: DictStorage, _ interpreter: Interpreter) throws -> Double {
        guard step <= totalSteps else {
            throw PythonError.valueError("Tried to step \(step) times. The specified number of total steps is \(totalSteps)")
        }
        func value(_ key: String) throws -> Double { try interpreter.pythonDouble(group[.string(key)] ?? .float(0)) }
        var start = 0.0
        for (index, phase) in phases.enumerated() {
            guard Double(step) <= phase.endStep || index == phases.count - 1 else {
                start = phase.endStep
                continue
            }
            let fraction = (Double(step) - start) / (phase.endStep - start)
            if cycleMomentum {
                try setMomentum(anneal(try value(phase.startMomentum), try value(phase.endMomentum), fraction), in: group, interpreter)
            }
            return anneal(try value(phase.startRate), try value(phase.endRate), fraction)
        }
        return try value("lr")
    }

    private func anneal(_ start: Double, _ end: Double, _ fraction: Double) -> Double {
        cosine ? end + (start - end) / 2.0 * (cos(Double.pi * fraction) + 1) : (end - start) * fraction + start
    }

}

/// `_format_param`: one value for every parameter group, given once or as a list of them.
func valuesPerGroup(_ bound: BoundArguments, _ name: String, fallback: Double?, groupCount: Int, _ interpreter: Interpreter) throws -> [Double] {
    let values: [Double]
    if let given = bound.optional(name) {
        switch given {
        case .list, .tuple: values = try interpreter.iterate(given).map { try interpreter.pythonDouble($0) }
        default: values = Array(repeating: try interpreter.pythonDouble(given), count: groupCount)
        }
    } else if let fallback {
        values = Array(repeating: fallback, count: groupCount)
    } else {
        values = Array(repeating: try interpreter.pythonDouble(try bound.value(name)), count: groupCount)
    }
    guard values.count == groupCount else {
        throw PythonError.valueError("\(name) must have the same length as optimizer.param_groups. \(name) has \(values.count) values, param_groups has \(groupCount).")
    }
    return values
}

/// The cycling schedulers move a momentum (SGD's, RMSprop's) or Adam's beta1; other optimizers have none.
func checkCyclableMomentum(_ group: DictStorage) throws {
    guard group[.string("betas")] != nil || group[.string("momentum")] != nil else {
        throw PythonError.valueError("optimizer must support momentum or beta1 with `cycle_momentum` option enabled")
    }
}

/// SGD's `momentum`, or the first of Adam's `betas`.
func setMomentum(_ momentum: Double, in group: DictStorage, _ interpreter: Interpreter) throws {
    if let betas = group[.string("betas")] {
        let rest = try interpreter.iterate(betas).dropFirst()
        group[.string("betas")] = .tuple([.float(momentum)] + rest)
    } else {
        group[.string("momentum")] = .float(momentum)
    }
}
