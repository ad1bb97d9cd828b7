/// `range()` whose bounds or length do not fit in 64 bits: `range(2**64, 2**64 + 3)`,
/// `range(2**70)`. CPython's range holds arbitrary ints; the common range stays the
/// compact `Value.range`, and this object takes over only beyond Int64. Items are
/// produced one at a time, so a `for` loop over a huge range still starts at once.
final class BigRangeObject: NativeObject, LazilyIterable, NativeSubscriptable, NativeTruthValue {
    let start: BigInt
    let stop: BigInt
    let step: BigInt
    /// The number of items, computed once: ceil((stop - start) / step), at least 0.
    let count: BigInt

    init(start: BigInt, stop: BigInt, step: BigInt) {
        self.start = start
        self.stop = stop
        self.step = step
        let span = step.isNegative ? start - stop : stop - start
        let stride = step.magnitude
        let items = (span + stride - BigInt(1)).flooredDivided(by: stride).quotient
        count = items.isNegative ? BigInt(0) : items
    }

    /// A `range` value for these bounds: the compact one when the bounds and the length
    /// fit in 64 bits, else a `BigRangeObject`.
    static func make(_ bounds: [BigInt]) throws -> Value {
        let (start, stop, step): (BigInt, BigInt, BigInt)
        switch bounds.count {
        case 1: (start, stop, step) = (BigInt(0), bounds[0], BigInt(1))
        case 2: (start, stop, step) = (bounds[0], bounds[1], BigInt(1))
        case 3: (start, stop, step) = (bounds[0], bounds[1], bounds[2])
        default: throw PythonError.typeError("range expected at most 3 arguments, got \(bounds.count)")
        }
        guard !step.isZero else { throw PythonError.valueError("range() arg 3 must not be zero") }
        let range = BigRangeObject(start: start, stop: stop, step: step)
        if let first = start.int64, let last = stop.int64, let stride = step.int64, range.count.int64 != nil {
            return .range(start: first, stop: last, step: stride)
        }
        return .native(range)
    }

    var typeName: String { "range" }

    func repr() -> String {
        step == BigInt(1) ? "range(\(start.text()), \(stop.text()))" : "range(\(start.text()), \(stop.text()), \(step.text()))"
    }

    /// `len()`: CPython's length is a C ssize_t.
    func length() throws -> Int {
        guard let small = count.int64 else { throw PythonError.overflow("Python int too large to convert to C ssize_t") }
        return Int(small)
    }

    func truthValue() -> Bool { !count.isZero }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? { try rangeAttribute(name) }

    func item(at index: Value, interpreter: Interpreter) throws -> Value {
        if case let .slice(lower, upper, stride) = index { return try sliced(lower, upper, stride) }
        guard var position = index.bigInt else {
            throw PythonError.typeError("range indices must be integers or slices, not \(index.typeName)")
        }
        if position.isNegative { position = position + count }
        guard !position.isNegative, position < count else { throw PythonError.indexError("range object index out of range") }
        return try Value.integer(start + position * step)
    }

    func makeIterator(_ interpreter: Interpreter) -> LazyIterator {
        var produced = BigInt(0)
        var next = start
        return LazyIterator(kind: "range_iterator") { [count, step] in
            guard produced < count else { return nil }
            let item = try Value.integer(next)
            produced = produced + BigInt(1)
            next = next + step
            return item
        }
    }
}
