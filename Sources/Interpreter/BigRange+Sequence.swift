// CPython answers these for a range by arithmetic, never by walking it, so they stay
// instant for `range(2**65)`: membership, slicing, reversal, index, count, equality.
// The compact `Value.range` borrows them through `rangeView`.

/// Any range value as a `BigRangeObject`, for the operations done in big-int arithmetic.
func rangeView(_ value: Value) -> BigRangeObject? {
    switch value {
    case let .range(start, stop, step): BigRangeObject(start: BigInt(start), stop: BigInt(stop), step: BigInt(step))
    case let .native(range as BigRangeObject): range
    default: nil
    }
}

extension BigRangeObject {
    /// `value in range`, for an int (or bool) value.
    func contains(_ value: BigInt) -> Bool {
        let inBounds = step.isNegative ? (stop < value && !(start < value)) : (!(value < start) && value < stop)
        return inBounds && (value - start).flooredDivided(by: step).remainder.isZero
    }

    func index(of value: BigInt) throws -> BigInt {
        guard contains(value) else { throw PythonError.valueError("\(value.text()) is not in range") }
        return (value - start).flooredDivided(by: step).quotient
    }

    /// Equal ranges hold the same items: equal lengths, and past one item, equal first items and steps.
    func holdsSameItems(as other: BigRangeObject) -> Bool {
        guard count == other.count else { return false }
        if count.isZero { return true }
        if start != other.start { return false }
        return count == BigInt(1) || step == other.step
    }

    /// `range[a:b:c]`: another range, as `slice.indices(len)` resolves the bounds.
    func sliced(_ lower: Value, _ upper: Value, _ stride: Value) throws -> Value {
        let sliceStep = try sliceInteger(stride) ?? BigInt(1)
        guard !sliceStep.isZero else { throw PythonError.valueError("slice step cannot be zero") }
        let backwards = sliceStep.isNegative
        let (low, high) = backwards ? (BigInt(-1), count - BigInt(1)) : (BigInt(0), count)
        func resolve(_ bound: Value, fallback: BigInt) throws -> BigInt {
            guard var position = try sliceInteger(bound) else { return fallback }
            if position.isNegative { position = position + count }
            if position < low { return low }
            return high < position ? high : position
        }
        let first = try resolve(lower, fallback: backwards ? high : low)
        let last = try resolve(upper, fallback: backwards ? low : high)
        return try BigRangeObject.make([start + first * step, start + last * step, step * sliceStep])
    }

    private func sliceInteger(_ bound: Value) throws -> BigInt? {
        if bound.isNone { return nil }
        guard let number = bound.bigInt else {
            throw PythonError.typeError("slice indices must be integers or None or have an __index__ method")
        }
        return number
    }

    /// `reversed(range)`: the items from the last down, produced one at a time.
    func reversedIterator() -> LazyIterator {
        var remaining = count
        var next = start + (count - BigInt(1)) * step
        return LazyIterator(kind: "range_iterator", isFinite: true) { [step] in
            guard !remaining.isZero, !remaining.isNegative else { return nil }
            let item = try Value.integer(next)
            remaining = remaining - BigInt(1)
            next = next - step
            return item
        }
    }

    /// `start`, `stop`, `step`, `index` and `count`.
    func rangeAttribute(_ name: String) throws -> Value? {
        switch name {
        case "start": return try Value.integer(start)
        case "stop": return try Value.integer(stop)
        case "step": return try Value.integer(step)
        case "index", "count":
            return .builtin(Builtin(name) { _, arguments in
                let value = try arguments.bind(name, ["value"]).value("value")
                // An integral float finds its int, as CPython's scan by == does.
                let integral: BigInt? = if case let .float(real) = value, real.rounded() == real, abs(real) < 0x1p63 { BigInt(Int64(real)) } else { nil }
                guard let number = value.bigInt ?? integral else {
                    if name == "count" { return .int(0) }
                    throw PythonError.valueError("sequence.index(x): x not in sequence")
                }
                if name == "count" { return .int(self.contains(number) ? 1 : 0) }
                return try Value.integer(try self.index(of: number))
            })
        default: return nil
        }
    }
}
