import TensorEngine

/// numpy's `array_repr` and `array_str` (`numpy/_core/arrayprint.py`) with the default
/// print options: 75 columns, summarised with `...` past 1000 elements, 3 edge items.
enum NumPyArrayPrinting {
    static let lineWidth = 75
    static let threshold = 1000
    static let edgeItems = 3

    /// `repr(a)`: `array([1., 2.])`, `array([], dtype=float64)`, `array([1, 2], dtype=int32)`.
    static func repr(_ tensor: Tensor) -> String {
        let prefix = "array("
        var extras: [String] = []
        // numpy 2.2 names the shape when `...` hides part of it.
        if (tensor.count == 0 && tensor.shape != [0]) || tensor.count > threshold {
            extras.append("shape=\(shapeText(tensor.shape))")
        }
        if !isImpliedDType(tensor.dtype) || tensor.count == 0 {
            extras.append("dtype=\(numpyName(tensor.dtype))")
        }
        let body = arrayToString(tensor, separator: ", ", prefix: prefix, lineWidth: lineWidth - 1)
        guard !extras.isEmpty else { return prefix + body + ")" }
        let text = prefix + body + ","
        let extraText = extras.joined(separator: ", ") + ")"
        let lastLineLength = text.count - ((text.lastIndex(of: "\n").map { text.distance(from: text.startIndex, to: $0) } ?? -1) + 1)
        let spacer = lastLineLength + extraText.count + 1 > lineWidth ? "\n" + String(repeating: " ", count: prefix.count) : " "
        return text + spacer + extraText
    }

    /// `str(a)`: `[1. 2.]`; a 0-d array prints as its scalar.
    static func str(_ tensor: Tensor) -> String {
        if tensor.rank == 0, let item = try? tensor.item() { return NumPyScalar(item, dtype: tensor.dtype).str }
        return arrayToString(tensor, separator: " ", prefix: "", lineWidth: lineWidth)
    }

    /// `(2, 0)`, `(3,)`: a Python tuple of the sizes.
    static func shapeText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// Dtypes numpy leaves out of a repr because `array([...])` would infer them again.
    static func isImpliedDType(_ dtype: DType) -> Bool {
        dtype == .float64 || dtype == .int64 || dtype == .bool
    }

    private static func arrayToString(_ tensor: Tensor, separator: String, prefix: String, lineWidth: Int) -> String {
        if tensor.count == 0 { return "[]" }
        let summarise = tensor.count > threshold
        let layout = Layout(tensor: tensor, summarise: summarise, separator: separator)
        let formatter = ElementFormatter(layout.shownScalars(), dtype: tensor.dtype, isScalar: tensor.rank == 0)
        return layout.render(formatter, lineWidth: lineWidth, hangingIndent: " " + String(repeating: " ", count: prefix.count))
    }
}

/// One way of printing every element of an array: numpy's `_get_format_function`.
struct ElementFormatter {
    private enum Kind {
        case bool(trueText: String)
        case integer(width: Int)
        case float(NumPyFloatFormat)
    }

    private let kind: Kind

    init(_ shown: [Scalar], dtype: DType, isScalar: Bool) {
        if dtype == .bool {
            kind = .bool(trueText: isScalar ? "True" : " True")
        } else if dtype.isFloatingPoint {
            let cutoff: Double = dtype == .float64 ? 1e8 : (dtype == .float32 ? 1e6 : 1e3)
            kind = .float(NumPyFloatFormat(shown.map(\.doubleValue), isFloat32: dtype != .float64, scientificCutoff: cutoff))
        } else {
            let values = shown.map(\.int64Value)
            kind = .integer(width: max(String(values.max() ?? 0).count, String(values.min() ?? 0).count))
        }
    }

    func format(_ scalar: Scalar) -> String {
        switch kind {
        case let .bool(trueText): return scalar.boolValue ? trueText : "False"
        case let .integer(width): return leftPad(String(scalar.int64Value), width)
        case let .float(format): return format.format(scalar.doubleValue)
        }
    }
}

/// numpy's `_formatArray`: nested brackets, rows wrapped at the line width with a
/// hanging indent, blank lines between blocks of higher dimensions.
private struct Layout {
    let tensor: Tensor
    let summarise: Bool
    let separator: String

    /// The indices shown along one axis: all, or the edge items on each side of `...`.
    private func shownIndices(_ axis: Int) -> [Int] {
        let length = tensor.shape[axis]
        let edge = NumPyArrayPrinting.edgeItems
        guard summarise && 2 * edge < length else { return Array(0..<length) }
        return Array(0..<edge) + Array((length - edge)..<length)
    }

    private func element(_ index: [Int]) -> Scalar {
        var offset = tensor.storageOffset
        for (position, stride) in zip(index, tensor.strides) { offset += position * stride }
        return tensor.scalar(atStorageOffset: offset)
    }

    /// The elements the format is chosen from (numpy's `_leading_trailing`).
    func shownScalars() -> [Scalar] {
        var indices: [[Int]] = [[]]
        for axis in 0..<tensor.rank {
            let shown = shownIndices(axis)
            indices = indices.flatMap { prefix in shown.map { prefix + [$0] } }
        }
        return indices.map(element)
    }

    func render(_ formatter: ElementFormatter, lineWidth: Int, hangingIndent: String) -> String {
        recurse([], formatter, hangingIndent: hangingIndent, width: lineWidth)
    }

    private func recurse(_ index: [Int], _ formatter: ElementFormatter, hangingIndent: String, width: Int) -> String {
        let axesLeft = tensor.rank - index.count
        if axesLeft == 0 { return formatter.format(element(index)) }
        let length = tensor.shape[index.count]
        let showSummary = summarise && 2 * NumPyArrayPrinting.edgeItems < length
        let leading = showSummary ? Array(0..<NumPyArrayPrinting.edgeItems) : []
        let trailingCount = showSummary ? NumPyArrayPrinting.edgeItems : length
        let trailing = Array((length - trailingCount)..<length)
        func nested(_ position: Int) -> String {
            recurse(index + [position], formatter, hangingIndent: hangingIndent + " ", width: width - 1)
        }
        let trimmedSeparator = String(separator.reversed().drop { $0 == " " }.reversed())
        var text = ""
        if axesLeft == 1 {
            let elementWidth = width - max(trimmedSeparator.count, 1)
            var line = hangingIndent
            func extend(_ word: String) {
                if line.count + word.count > elementWidth && line.count > hangingIndent.count {
                    text += String(line.reversed().drop { $0 == " " }.reversed()) + "\n"
                    line = hangingIndent
                }
                line += word
            }
            for position in leading { extend(nested(position)); line += separator }
            if showSummary { extend("..."); line += separator }
            for position in trailing.dropLast() { extend(nested(position)); line += separator }
            extend(nested(length - 1))
            text += line
        } else {
            let lineSeparator = trimmedSeparator + String(repeating: "\n", count: axesLeft - 1)
            for position in leading { text += hangingIndent + nested(position) + lineSeparator }
            if showSummary { text += hangingIndent + "..." + lineSeparator }
            for position in trailing.dropLast() { text += hangingIndent + nested(position) + lineSeparator }
            text += hangingIndent + nested(length - 1)
        }
        return "[" + text.dropFirst(hangingIndent.count) + "]"
    }
}
