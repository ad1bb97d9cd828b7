/// The digits numpy's Dragon4 prints for one finite float in `unique` mode: the shortest
/// digits that round-trip in the value's own type (float32 values get float32's shortest
/// digits), cut to `precision` digits after the point with correct rounding when longer.
/// Trailing zeros are trimmed; the caller pads to its column widths.
public struct NumPyFloatDigits {
    /// Digits before the point, with a leading "-" for negative values.
    public let integerPart: String
    /// Digits after the point, possibly empty (numpy then prints "1.").
    public let fractionPart: String
    /// The decimal exponent in scientific layout; 0 in positional layout.
    public let exponent: Int

    /// `dragon4_positional(value, precision=precision, unique=True, fractional=True, trim='.')`.
    public static func positional(_ value: Double, isFloat32: Bool, precision: Int) -> NumPyFloatDigits {
        let sign = value.sign == .minus ? "-" : ""
        guard value != 0 else { return NumPyFloatDigits(integerPart: sign + "0", fractionPart: "", exponent: 0) }
        let decimal = shortest(value, isFloat32: isFloat32)
        let fractionDigits = decimal.digits.count - decimal.pointPosition
        if fractionDigits > precision {
            let rounded = formatFixed(value.magnitude, precision: precision)
            let parts = rounded.split(separator: ".", omittingEmptySubsequences: false)
            let fraction = String(parts.count > 1 ? parts[1] : "").trimmingTrailingZeros()
            return NumPyFloatDigits(integerPart: sign + parts[0], fractionPart: fraction, exponent: 0)
        }
        let integerDigits: String
        let fraction: String
        if decimal.pointPosition <= 0 {
            integerDigits = "0"
            fraction = String(repeating: "0", count: -decimal.pointPosition) + String(decimal.digits)
        } else if decimal.digits.count <= decimal.pointPosition {
            integerDigits = String(decimal.digits) + String(repeating: "0", count: decimal.pointPosition - decimal.digits.count)
            fraction = ""
        } else {
            integerDigits = String(decimal.digits[..<decimal.pointPosition])
            fraction = String(decimal.digits[decimal.pointPosition...])
        }
        return NumPyFloatDigits(integerPart: sign + integerDigits, fractionPart: fraction, exponent: 0)
    }

    /// `dragon4_scientific(value, precision=precision, unique=True, trim='.', min_digits=minimumDigits)`:
    /// the shortest digits, cut to `precision` or extended to `minimumDigits` with the
    /// exact binary value's own digits.
    public static func scientific(_ value: Double, isFloat32: Bool, precision: Int, minimumDigits: Int = 0) -> NumPyFloatDigits {
        let sign = value.sign == .minus ? "-" : ""
        let digits = value == 0 ? ["0"] : shortest(value, isFloat32: isFloat32).digits
        let exponent = value == 0 ? 0 : shortest(value, isFloat32: isFloat32).pointPosition - 1
        let fractionDigits = digits.count - 1
        guard fractionDigits > precision || fractionDigits < minimumDigits else {
            return NumPyFloatDigits(integerPart: sign + String(digits[0]), fractionPart: String(digits.dropFirst()), exponent: exponent)
        }
        let rounded = formatScientific(value.magnitude, precision: fractionDigits > precision ? precision : minimumDigits)
        let mantissa = rounded.prefix { $0 != "e" }
        var fraction = String(mantissa.drop { $0 != "." }.dropFirst())
        while fractionDigits > precision && fraction.count > minimumDigits && fraction.last == "0" { fraction.removeLast() }
        return NumPyFloatDigits(integerPart: sign + mantissa.prefix { $0 != "." }, fractionPart: fraction,
                                exponent: Int(rounded.drop { $0 != "e" }.dropFirst()) ?? 0)
    }

    private static func shortest(_ value: Double, isFloat32: Bool) -> ShortestDecimal {
        isFloat32 ? ShortestDecimal(text: Float(value).magnitude.description) : ShortestDecimal(magnitudeOf: value)
    }
}

/// `str(np.float32(x))`: float32's shortest digits, positional from 1e-4 up to 1e6 and
/// scientific outside (numpy narrows Python's float range to float32's precision).
public func numpyFloat32Repr(_ value: Double) -> String {
    guard value.isFinite, value != 0 else { return pythonFloatRepr(value) }
    let single = Float(value)
    if Double(single).magnitude >= 1e-4 && Double(single).magnitude < 1e6 { return pythonFloatRepr(Double(single.description) ?? value) }
    let decimal = ShortestDecimal(text: single.magnitude.description)
    return (single < 0 ? "-" : "") + scientificLayout(decimal.digits, exponent: decimal.pointPosition - 1)
}

extension String {
    fileprivate func trimmingTrailingZeros() -> String {
        var text = self
        while text.last == "0" { text.removeLast() }
        return text
    }
}
