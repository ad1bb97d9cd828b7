// `tensor.random_()`, `random_(to)` and `random_(from, to)`: integers drawn as PyTorch's CPU
// kernels draw them (native/DistributionTemplates.h, core/TransformationHelper.h).

extension Generator {
    /// `random_()`: any integer the dtype holds exactly, from 0 up to its largest (2^digits
    /// for floats).
    public func random_(_ tensor: Tensor) throws {
        let dtype = tensor.dtype
        let wide = dtype == .int64 || dtype == .float64
        let modulus: UInt64
        switch dtype {
        case .bool: modulus = 2
        case .float16: modulus = (1 << 11) + 1
        case .bfloat16: modulus = (1 << 8) + 1
        case .float32: modulus = (1 << 24) + 1
        case .float64: modulus = (1 << 53) + 1
        default: modulus = UInt64(dtype.integerRange.upperBound) + 1
        }
        fillEachElement(tensor) { engine in
            let draw = wide ? engine.nextUInt64() : UInt64(engine.nextUInt32())
            return dtype == .bool ? .bool(draw & 1 == 1) : .int(Int64(draw % modulus))
        }
    }

    /// `random_(from, to)`: `u % (to - from) + from`, with a 64-bit draw once the range
    /// reaches 2^28 as `randint` does. Without `to`, up to the dtype's largest value.
    /// Returns PyTorch's warnings for a float range wider than the dtype holds exactly.
    public func random_(_ tensor: Tensor, from: Int64, to: Int64?) throws -> [String] {
        let dtype = tensor.dtype
        let last: Int64
        var from = from
        if let to {
            guard from < to else { throw TensorError.runtime("random_ expects 'from' to be less than 'to', but got from=\(from) >= to=\(to)") }
            var to = to
            if dtype.isFloatingPoint {
                (from, to) = (dtype.representableFrom(from), dtype.representableTo(to))
                guard from < to else {
                    throw TensorError.runtime("random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got from=\(from) >= to=\(to)")
                }
            }
            last = to - 1
        } else {
            last = dtype.randomLargest
            if dtype.isFloatingPoint {
                from = dtype.representableFrom(from)
                guard from < last else {
                    throw TensorError.runtime("random_ expects 'from' casted to dtype to be less than or equal to 'to_inc' casted to dtype, but got from=\(from) > to_inc=\(last)")
                }
            }
        }
        let warnings = try checkRandomBounds(dtype, from: from, last: last)
        let range = UInt64(bitPattern: last) &- UInt64(bitPattern: from) &+ 1
        let base = UInt64(bitPattern: from)
        let wide = range >= (1 << 28) || range == 0
        if wide && dtype.isFloatingPoint {
            throw TensorError(.notImplementedError,
                "TensorTutor can't yet reproduce PyTorch's random_ samples for a \(dtype.rawValue) range of 2^28 or more; draw int64 values and convert with .to(\(dtype.torchName))")
        }
        fillEachElement(tensor) { engine in
            let draw = wide ? engine.nextUInt64() : UInt64(engine.nextUInt32())
            // A range of 0 is all 2^64 values: the draw itself.
            let value = Int64(bitPattern: range == 0 ? draw : (draw % range) &+ base)
            return dtype == .bool ? .bool(value != 0) : .int(value)
        }
        return warnings
    }

    private func checkRandomBounds(_ dtype: DType, from: Int64, last: Int64) throws -> [String] {
        guard let digits = dtype.significandDigits else {
            if let (minimum, maximum) = randomIntegerBounds(dtype) {
                if from < minimum || from > maximum { throw TensorError.runtime("from is out of bounds for \(dtype.cppTypeName)") }
                if last < minimum || last > maximum { throw TensorError.runtime("to - 1 is out of bounds for \(dtype.cppTypeName)") }
            }
            return []
        }
        let largest = dtype.floatLimits?.max ?? .infinity
        if Double(from) < -largest || Double(from) > largest { throw TensorError.runtime("from is out of bounds for \(dtype.cppTypeName)") }
        if Double(last) < -largest || Double(last) > largest { throw TensorError.runtime("to - 1 is out of bounds for \(dtype.cppTypeName)") }
        let limit = Int64(1) << digits
        var warnings: [String] = []
        for (value, name, line) in [(from, "from", 111), (last, "to - 1", 112)] where value < -limit || value > limit {
            warnings.append("\(name) is out of bounds [-(2^\(digits)), 2^\(digits)]. Due to precision limitations \(dtype.cppTypeName) can support "
                            + "discrete uniform distribution only within this range. This warning will become an error in version 1.7 release, "
                            + "please fix the code in advance (Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/DistributionTemplates.h:\(line).)")
        }
        return warnings
    }
}

extension DType {
    /// `std::numeric_limits<T>::digits` of a float dtype.
    var significandDigits: Int? {
        switch self {
        case .float16: 11
        case .bfloat16: 8
        case .float32: 24
        case .float64: 53
        default: nil
        }
    }

    /// PyTorch's `update_from`: a `from` whose successor the float dtype cannot hold moves up
    /// to the next value it can, so no draw lands below `from` once rounded.
    func representableFrom(_ from: Int64) -> Int64 {
        let rounded = truncatedAsX86(roundedToPrecision(Double(from &+ 1)))
        guard rounded < from, let digits = significandDigits else { return from }
        return rounded + (Int64(1) << (Int64.bitWidth - 1 - (from &+ 1).magnitude.leadingZeroBitCount - digits + 1))
    }

    /// PyTorch's `update_to`: the mirror image for the exclusive upper end.
    func representableTo(_ to: Int64) -> Int64 {
        let rounded = truncatedAsX86(roundedToPrecision(Double(to &- 1)))
        guard rounded >= to, let digits = significandDigits else { return to }
        return rounded - (Int64(1) << (Int64.bitWidth - 1 - (to &- 1).magnitude.leadingZeroBitCount - digits + 1))
    }

    /// What `random_(from)` draws up to, inclusive.
    var randomLargest: Int64 {
        if let digits = significandDigits { return Int64(1) << digits }
        return self == .bool ? 1 : integerRange.upperBound
    }
}

/// C++'s `static_cast<int64_t>(double)` on x86: a value out of range (an overflowed 16-bit
/// float is infinite) gives the smallest integer.
private func truncatedAsX86(_ value: Double) -> Int64 {
    guard value.isFinite, value >= -0x1p63, value < 0x1p63 else { return Int64.min }
    return Int64(value)
}
