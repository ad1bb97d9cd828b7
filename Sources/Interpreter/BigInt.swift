/// An arbitrary-precision integer: what a Python int becomes once it leaves Int64
/// (`2**100`, `int('9'*30)`, `math.factorial(30)`).
///
/// Sign and magnitude, the magnitude in little-endian 32-bit limbs with no leading zero
/// limb (zero has none), so two equal values have equal representations. Schoolbook
/// algorithms: the values a tensor program meets have a few hundred bits at most, and
/// `maximumBits` keeps every operation within a fraction of a second.
struct BigInt: Equatable, Hashable, Sendable {
    private(set) var isNegative: Bool
    private(set) var limbs: [UInt32]

    /// Results wider than this raise MemoryError: squaring a million-limb number would
    /// run for hours, where CPython answers in seconds.
    static let maximumBits = 1 << 18

    init(_ value: Int64) {
        isNegative = value < 0
        var magnitude = value.magnitude
        limbs = []
        while magnitude != 0 {
            limbs.append(UInt32(truncatingIfNeeded: magnitude))
            magnitude >>= 32
        }
    }

    init(isNegative: Bool, limbs: [UInt32]) {
        var trimmed = limbs
        while trimmed.last == 0 { trimmed.removeLast() }
        self.limbs = trimmed
        self.isNegative = isNegative && !trimmed.isEmpty
    }

    /// The integer part of a finite double (`int(1e30)`), exactly.
    init?(truncating double: Double) {
        guard double.isFinite else { return nil }
        let whole = double.rounded(.towardZero).magnitude
        if whole < 0x1p63 {
            self.init(Int64(double.rounded(.towardZero)))
            return
        }
        // whole = significand × 2^(exponent - 52), with a 53-bit integer significand.
        let significand = whole.significandBitPattern | (1 << 52)
        let shift = Int(whole.exponent) - 52
        self = BigInt(Int64(significand)).shiftedLeft(by: shift)
        if double < 0 { self = -self }
    }

    var isZero: Bool { limbs.isEmpty }
    var bitWidth: Int { limbs.isEmpty ? 0 : limbs.count * 32 - limbs[limbs.count - 1].leadingZeroBitCount }

    /// The value as an Int64, when it fits.
    var int64: Int64? {
        guard limbs.count <= 2 else { return nil }
        var magnitude: UInt64 = 0
        for (index, limb) in limbs.enumerated() { magnitude |= UInt64(limb) << (32 * index) }
        if isNegative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// The nearest double (ties to even, as CPython), or nil past the largest finite one.
    var double: Double? {
        let width = bitWidth
        if width <= 64 {
            let magnitude = limbs.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (32 * $1.offset) }
            return isNegative ? -Double(magnitude) : Double(magnitude)
        }
        // The top 64 bits, with a sticky low bit for anything below, round exactly once.
        let shift = width - 64
        let top = magnitudeShiftedRight(by: shift)
        var bits = top.limbs.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (32 * $1.offset) }
        if top.shiftedLeft(by: shift).limbs != limbs { bits |= 1 }
        let result = Double(bits) * Double(sign: .plus, exponent: shift, significand: 1)
        guard result.isFinite else { return nil }
        return isNegative ? -result : result
    }

    static prefix func - (value: BigInt) -> BigInt { BigInt(isNegative: !value.isNegative, limbs: value.limbs) }
    var magnitude: BigInt { BigInt(isNegative: false, limbs: limbs) }

    static func + (a: BigInt, b: BigInt) -> BigInt {
        if a.isNegative == b.isNegative { return BigInt(isNegative: a.isNegative, limbs: addMagnitudes(a.limbs, b.limbs)) }
        if compareMagnitudes(a.limbs, b.limbs) >= 0 {
            return BigInt(isNegative: a.isNegative, limbs: subtractMagnitudes(a.limbs, b.limbs))
        }
        return BigInt(isNegative: b.isNegative, limbs: subtractMagnitudes(b.limbs, a.limbs))
    }

    static func - (a: BigInt, b: BigInt) -> BigInt { a + (-b) }

    static func * (a: BigInt, b: BigInt) -> BigInt {
        guard !a.isZero, !b.isZero else { return BigInt(0) }
        var product = [UInt32](repeating: 0, count: a.limbs.count + b.limbs.count)
        for (i, x) in a.limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, y) in b.limbs.enumerated() {
                let sum = UInt64(x) * UInt64(y) + UInt64(product[i + j]) + carry
                product[i + j] = UInt32(truncatingIfNeeded: sum)
                carry = sum >> 32
            }
            product[i + b.limbs.count] = UInt32(carry)
        }
        return BigInt(isNegative: a.isNegative != b.isNegative, limbs: product)
    }

    /// Python's floor division and modulo: the remainder takes the divisor's sign.
    /// The divisor must not be zero.
    func flooredDivided(by divisor: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        let (quotientMagnitude, remainderMagnitude) = BigInt.divideMagnitudes(limbs, divisor.limbs)
        var quotient = BigInt(isNegative: isNegative != divisor.isNegative, limbs: quotientMagnitude)
        var remainder = BigInt(isNegative: isNegative, limbs: remainderMagnitude)
        if !remainder.isZero && remainder.isNegative != divisor.isNegative {
            quotient = quotient - BigInt(1)
            remainder = remainder + divisor
        }
        return (quotient, remainder)
    }

    static func < (a: BigInt, b: BigInt) -> Bool {
        if a.isNegative != b.isNegative { return a.isNegative }
        let order = compareMagnitudes(a.limbs, b.limbs)
        return a.isNegative ? order > 0 : order < 0
    }

    func shiftedLeft(by count: Int) -> BigInt {
        guard count > 0, !isZero else { return self }
        let limbShift = count / 32, bitShift = count % 32
        var result = [UInt32](repeating: 0, count: limbShift) + limbs + [0]
        if bitShift > 0 {
            for index in stride(from: result.count - 1, through: limbShift, by: -1) {
                let low = index > limbShift ? result[index - 1] >> (32 - bitShift) : 0
                result[index] = result[index] << bitShift | low
            }
        }
        return BigInt(isNegative: isNegative, limbs: result)
    }

    /// `self >> count` on the magnitude only (sign dropped).
    func magnitudeShiftedRight(by count: Int) -> BigInt {
        let limbShift = count / 32, bitShift = count % 32
        guard limbShift < limbs.count else { return BigInt(0) }
        var result = Array(limbs[limbShift...])
        if bitShift > 0 {
            for index in result.indices {
                let high = index + 1 < result.count ? result[index + 1] << (32 - bitShift) : 0
                result[index] = result[index] >> bitShift | high
            }
        }
        return BigInt(isNegative: false, limbs: result)
    }

    /// Python's `>>`: floor division by 2**count, so negative values round down.
    func shiftedRight(by count: Int) -> BigInt {
        guard isNegative else { return magnitudeShiftedRight(by: count) }
        return -((magnitude - BigInt(1)).magnitudeShiftedRight(by: count) + BigInt(1))
    }
}

// MARK: - magnitudes

extension BigInt {
    static func compareMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for index in stride(from: a.count - 1, through: 0, by: -1) where a[index] != b[index] {
            return a[index] < b[index] ? -1 : 1
        }
        return 0
    }

    static func addMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var result = [UInt32]()
        result.reserveCapacity(max(a.count, b.count) + 1)
        var carry: UInt64 = 0
        for index in 0..<max(a.count, b.count) {
            let sum = UInt64(index < a.count ? a[index] : 0) + UInt64(index < b.count ? b[index] : 0) + carry
            result.append(UInt32(truncatingIfNeeded: sum))
            carry = sum >> 32
        }
        if carry > 0 { result.append(UInt32(carry)) }
        return result
    }

    /// a - b for a ≥ b.
    static func subtractMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var result = a
        var borrow: Int64 = 0
        for index in 0..<a.count {
            var difference = Int64(a[index]) - Int64(index < b.count ? b[index] : 0) - borrow
            borrow = difference < 0 ? 1 : 0
            if difference < 0 { difference += 1 << 32 }
            result[index] = UInt32(difference)
        }
        return result
    }

    /// Truncating division of magnitudes, one bit at a time over the dividend's limbs for
    /// multi-limb divisors (fast enough within `maximumBits`), one limb at a time otherwise.
    static func divideMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> (quotient: [UInt32], remainder: [UInt32]) {
        if compareMagnitudes(a, b) < 0 { return ([], a) }
        if b.count == 1 {
            let divisor = UInt64(b[0])
            var quotient = [UInt32](repeating: 0, count: a.count)
            var remainder: UInt64 = 0
            for index in stride(from: a.count - 1, through: 0, by: -1) {
                let current = remainder << 32 | UInt64(a[index])
                quotient[index] = UInt32(current / divisor)
                remainder = current % divisor
            }
            return (quotient, remainder == 0 ? [] : [UInt32(remainder)])
        }
        var quotient = [UInt32](repeating: 0, count: a.count)
        var remainder = BigInt(0)
        let divisor = BigInt(isNegative: false, limbs: b)
        for bit in stride(from: a.count * 32 - 1, through: 0, by: -1) {
            remainder = remainder.shiftedLeft(by: 1)
            if a[bit / 32] >> (bit % 32) & 1 == 1 { remainder = remainder + BigInt(1) }
            if compareMagnitudes(remainder.limbs, divisor.limbs) >= 0 {
                remainder = remainder - divisor
                quotient[bit / 32] |= 1 << (bit % 32)
            }
        }
        return (quotient, remainder.limbs)
    }
}
