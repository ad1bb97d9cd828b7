/// Port of PyTorch's `_Formatter`: one look over the printed values picks a single number
/// format and a column width, so every element of a tensor lines up.
struct ElementFormatter {
    private let isFloating: Bool
    private let precision: Int
    /// Every finite non-zero value is a whole number: print `3.` instead of `3.0000`.
    private(set) var intMode = true
    private(set) var sciMode = false
    private(set) var width = 1

    /// `values` are the elements that will be printed (the edge items when summarizing).
    init(values: [Scalar], dtype: DType, options: PrintOptions) {
        isFloating = dtype.isFloatingPoint
        precision = options.precision
        guard isFloating else {
            for value in values { width = max(width, value.description.count) }
            return
        }
        // Zeros, nan and inf say nothing about the scale of the data, so PyTorch ignores them.
        let meaningful = values.map(\.doubleValue).filter { $0.isFinite && $0 != 0 }
        guard !meaningful.isEmpty else { return }
        // The minimum and maximum are taken in float64 whatever the dtype.
        let magnitudes = meaningful.map(\.magnitude)
        let smallest = magnitudes.min()!
        let largest = magnitudes.max()!
        // ceil is exact in both float widths, so comparing in Double matches PyTorch's
        // float32 comparison.
        intMode = meaningful.allSatisfy { $0 == $0.rounded(.up) }
        sciMode = options.sciMode ?? (largest / smallest > 1000.0 || largest > 1.0e8 || smallest < 1.0e-4)
        for value in meaningful {
            width = max(width, widthOfFinite(value))
        }
    }

    private func widthOfFinite(_ value: Double) -> Int {
        if sciMode { return formatScientific(value, precision: precision).count }
        // The point appended in integer mode counts toward the width.
        if intMode { return formatFixed(value, precision: 0).count + 1 }
        return formatFixed(value, precision: precision).count
    }

    /// The element's text, left-padded to the common width.
    func format(_ value: Scalar) -> String {
        let text = isFloating ? formatFloating(value.doubleValue) : value.description
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private func formatFloating(_ value: Double) -> String {
        if sciMode { return formatScientific(value, precision: precision) }
        if intMode {
            // The point marks a floating tensor; nan and inf need no marker.
            let text = formatFixed(value, precision: 0)
            return value.isFinite ? text + "." : text
        }
        return formatFixed(value, precision: precision)
    }
}
