import TensorEngine

/// numpy's `FloatingFormat` with the default print options (precision 8, `floatmode='maxprec'`,
/// no suppression): one layout, positional or scientific, chosen from all the values shown,
/// and the column widths every element is padded to.
struct NumPyFloatFormat {
    private let isFloat32: Bool
    private var scientific = false
    private var precision = 8
    private var minimumDigits = 0
    private var padLeft = 0
    private var padRight = 0
    private var exponentSize = -1

    /// `10 ** min(8, np.finfo(dtype).precision)`: numpy 2.2 switches narrower floats to
    /// scientific sooner, since their digits past the precision are noise.
    init(_ values: [Double], isFloat32: Bool, scientificCutoff: Double = 1e8) {
        self.isFloat32 = isFloat32
        let finite = values.filter(\.isFinite)
        let magnitudes = finite.filter { $0 != 0 }.map(\.magnitude)
        if let largest = magnitudes.max(), let smallest = magnitudes.min() {
            scientific = largest >= scientificCutoff || smallest < 0.0001 || largest / smallest > 1000
        }
        if finite.isEmpty {
            padLeft = 0
            padRight = 0
        } else if scientific {
            let parts = finite.map { NumPyFloatDigits.scientific($0, isFloat32: isFloat32, precision: precision) }
            exponentSize = (parts.map { Self.exponentText($0.exponent, digits: 2).count }.max() ?? 3) - 1
            precision = parts.map(\.fractionPart.count).max() ?? 0
            minimumDigits = precision
            padLeft = parts.map(\.integerPart.count).max() ?? 1
            padRight = exponentSize + 2 + precision
        } else {
            let parts = finite.map { NumPyFloatDigits.positional($0, isFloat32: isFloat32, precision: precision) }
            padLeft = parts.map(\.integerPart.count).max() ?? 1
            padRight = parts.map(\.fractionPart.count).max() ?? 0
        }
        if finite.count != values.count {
            // nan and inf are right-aligned in the same columns, which may need widening.
            let negativeInfinity = values.contains { $0.isInfinite && $0 < 0 } ? 1 : 0
            padLeft = max(padLeft, 3 - (padRight + 1), 3 + negativeInfinity - (padRight + 1))
        }
    }

    func format(_ value: Double) -> String {
        guard value.isFinite else {
            let text = value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf")
            return String(repeating: " ", count: max(0, padLeft + padRight + 1 - text.count)) + text
        }
        if scientific {
            // Digits past the shortest unique ones are the exact binary value's, as Dragon4's
            // `min_digits` prints them, not zeros.
            let parts = NumPyFloatDigits.scientific(value, isFloat32: isFloat32, precision: precision, minimumDigits: minimumDigits)
            return leftPad(parts.integerPart, padLeft) + "." + parts.fractionPart + "e" + Self.exponentText(parts.exponent, digits: exponentSize)
        }
        let parts = NumPyFloatDigits.positional(value, isFloat32: isFloat32, precision: precision)
        return leftPad(parts.integerPart, padLeft) + "." + parts.fractionPart.padding(toLength: padRight, withPad: " ")
    }

    /// `+05`, `-123`: a sign, then at least `digits` digits.
    private static func exponentText(_ exponent: Int, digits: Int) -> String {
        let magnitude = String(exponent.magnitude)
        return (exponent < 0 ? "-" : "+") + String(repeating: "0", count: max(0, digits - magnitude.count)) + magnitude
    }
}

func leftPad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}

extension String {
    /// Right-padded (never truncated) to `length` with `pad`.
    func padding(toLength length: Int, withPad pad: Character) -> String {
        count >= length ? self : self + String(repeating: pad, count: length - count)
    }
}
