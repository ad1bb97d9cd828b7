#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Python's `'{:.Nf}'.format(value)`. CPython and glibc both round the exact binary value
/// to the nearest decimal (ties to even), so `printf` gives the same digits. The one
/// difference is nan: C prints the sign bit (`-nan`), Python never does.
public func formatFixed(_ value: Double, precision: Int) -> String {
    if value.isNaN { return "nan" }
    return cFormat(value, conversion: "f", precision: precision)
}

/// Python's `'{:.Ne}'.format(value)`: `1.0000e-05`, `-2.5000e+16`, at least two exponent digits.
public func formatScientific(_ value: Double, precision: Int) -> String {
    if value.isNaN { return "nan" }
    return cFormat(value, conversion: "e", precision: precision)
}

private func cFormat(_ value: Double, conversion: String, precision: Int) -> String {
    let format = "%.\(max(precision, 0))\(conversion)"
    // The widest "%f" of a double is 309 integer digits, a sign and a point.
    let capacity = 330 + max(precision, 0)
    return withVaList([value]) { arguments in
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
            _ = vsnprintf(buffer.baseAddress!, capacity, format, arguments)
            return String(cString: buffer.baseAddress!)
        }
    }
}

/// Python's `repr(float)`: the shortest digits that round-trip, laid out with Python's
/// rule (scientific when the decimal exponent is below -4 or at least 16).
/// Swift's `description` finds the same shortest digits but lays them out by its own
/// rule, so only the digits are taken from it.
public func pythonFloatRepr(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    let sign = value.sign == .minus ? "-" : ""
    if value == 0 { return sign + "0.0" }
    let decimal = ShortestDecimal(magnitudeOf: value)
    let exponent = decimal.pointPosition - 1
    if exponent < -4 || exponent >= 16 {
        return sign + scientificLayout(decimal.digits, exponent: exponent)
    }
    return sign + fixedLayout(decimal.digits, pointPosition: decimal.pointPosition)
}

/// A positive number as significant digits `d1 d2 ...` meaning `0.d1d2... × 10^pointPosition`.
struct ShortestDecimal {
    var digits: [Character]
    var pointPosition: Int

    init(magnitudeOf value: Double) { self.init(text: value.magnitude.description) }

    /// From Swift's shortest `description` of a positive number (a Double's or a Float's).
    init(text: String) {
        var mantissa = Substring(text)
        var exponent = 0
        if let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<marker]
            exponent = Int(text[text.index(after: marker)...])!
        }
        let integerPart = mantissa.prefix { $0 != "." }
        let fractionPart = mantissa.drop { $0 != "." }.dropFirst()
        var allDigits = Array(integerPart) + Array(fractionPart)
        var position = integerPart.count + exponent
        while let first = allDigits.first, first == "0" {
            allDigits.removeFirst()
            position -= 1
        }
        while let last = allDigits.last, last == "0" { allDigits.removeLast() }
        digits = allDigits
        pointPosition = position
    }
}

func scientificLayout(_ digits: [Character], exponent: Int) -> String {
    var text = String(digits[0])
    if digits.count > 1 { text += "." + String(digits[1...]) }
    let exponentDigits = String(abs(exponent))
    let paddedExponent = exponentDigits.count < 2 ? "0" + exponentDigits : exponentDigits
    return text + (exponent < 0 ? "e-" : "e+") + paddedExponent
}

private func fixedLayout(_ digits: [Character], pointPosition: Int) -> String {
    if pointPosition <= 0 {
        return "0." + String(repeating: "0", count: -pointPosition) + String(digits)
    }
    if digits.count <= pointPosition {
        return String(digits) + String(repeating: "0", count: pointPosition - digits.count) + ".0"
    }
    return String(digits[..<pointPosition]) + "." + String(digits[pointPosition...])
}
