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

    /// `dragon4_scientific(value, precision=precision, unique=True, trim='.')`.
    public static func scientific(_ value: Double, isFloat32: Bool, precision: Int) -> NumPyFloatDigits {
        let sign = value.sign == .minus ? "-" : ""
        guard value != 0 else { return NumPyFloatDigits(integerPart: sign + "0", fractionPart: "", exponent: 0) }
        let decimal = shortest(value, isFloat32: isFloat32)
        if decimal.digits.count - 1 > precision {
            let rounded = formatScientific(value.magnitude, precision: precision)
            let mantissa = rounded.prefix { $0 != "e" }
            let exponent = Int(rounded.drop { $0 != "e" }.dropFirst()) ?? 0
            let fraction = String(mantissa.drop { $0 != "." }.dropFirst()).trimmingTrailingZeros()
            return NumPyFloatDigits(integerPart: sign + mantissa.prefix { $0 != "." }, fractionPart: fraction, exponent: exponent)
        }
        return NumPyFloatDigits(integerPart: sign + String(decimal.digits[0]),
                                fractionPart: String(decimal.digits.dropFirst()), exponent: decimal.pointPosition - 1)
    }

    private static func shortest(_ value: Double, isFloat32: Bool) -> ShortestDecimal {
        isFloat32 ? ShortestDecimal(text: Float(value).magnitude.description) : ShortestDecimal(magnitudeOf: value)
    }
}

/// Python's `repr` of a float32 value as numpy prints `str(np.float32(x))`: float32's
/// shortest digits in Python's layout.
public func numpyFloat32Repr(_ value: Double) -> String {
    guard value.isFinite, value != 0 else { return pythonFloatRepr(value) }
    return pythonFloatRepr(Double(Float(value).description) ?? value)
}

extension String {
    fileprivate func trimmingTrailingZeros() -> String {
        var text = self
        while text.last == "0" { text.removeLast() }
        return text
    }
}
