/// Port of PyTorch's `_str_intern` for CPU tensors: the body from `TensorTextLayout`, then
/// the `size=` and `dtype=` suffixes, then any the caller adds (autograd's `grad_fn=<...>`
/// or `requires_grad=True`, which the engine itself knows nothing of).
extension Tensor {
    /// Python's `repr(tensor)` under the current print options (the defaults unless changed).
    public var repr: String { repr(options: .current) }

    /// Python's `repr(tensor)` under `options`, with `extraSuffixes` after PyTorch's own.
    public func repr(options: PrintOptions, extraSuffixes: [String] = []) -> String {
        let prefix = "tensor("
        let indent = prefix.count
        var suffixes: [String] = []
        let body: String
        if count == 0 {
            // NumPy's convention: a 1-d empty tensor needs no size, any other shape does.
            if rank != 1 { suffixes.append("size=" + pythonTuple(shape)) }
            // With no elements to show, even int64 and bool must be named.
            if dtype != defaultFloatDType { suffixes.append("dtype=" + dtype.torchName) }
            body = "[]"
        } else {
            if options.edgeItems == 0 { suffixes.append("size=" + pythonTuple(shape)) }
            if !printsWithoutDType { suffixes.append("dtype=" + dtype.torchName) }
            body = bodyText(indent: indent, options: options)
        }
        return appendingSuffixes(suffixes + extraSuffixes, to: prefix + body, indent: indent, lineWidth: options.lineWidth)
    }

    /// Dtypes a reader can infer from the printed numbers.
    private var printsWithoutDType: Bool {
        dtype == defaultFloatDType || dtype == .int64 || dtype == .bool
    }

    /// Port of `_tensor_str` for a non-empty tensor.
    private func bodyText(indent: Int, options requested: PrintOptions) -> String {
        let cursor = PrintCursor(self)
        // `threshold=inf` asks for every element, but a repr of 10**8 elements would take
        // gigabytes of strings: past a million, printing summarizes whatever the threshold,
        // and with fewer edge items if those alone would show more than a million.
        let limit = 1 << 20
        let summarize = count > Swift.min(requested.threshold, limit)
        var options = requested
        func shownCount(_ edges: Int) -> Double { shape.reduce(1.0) { $0 * Double(Swift.min($1, 2 * edges)) } }
        while summarize && options.edgeItems > 3 && shownCount(options.edgeItems) > Double(limit) {
            options.edgeItems /= 2
        }
        let measured = summarize ? summarizedValues(cursor, edgeItems: options.edgeItems) : allValues(cursor)
        let formatter = ElementFormatter(values: measured, dtype: dtype, options: options)
        let layout = TensorTextLayout(formatter: formatter, summarize: summarize, options: options)
        return layout.text(cursor, indent: indent)
    }
}

/// Port of `_add_suffixes`. PyTorch's "last line length" overcounts by two (it measures
/// from the newline and adds one), and the comparison keeps that quirk.
private func appendingSuffixes(_ suffixes: [String], to text: String, indent: Int, lineWidth: Int) -> String {
    var result = text
    let lastNewline = text.lastIndex(of: "\n")
    let lastLineStart = lastNewline.map { text.distance(from: text.startIndex, to: $0) } ?? -1
    var lastLineLength = text.count - lastLineStart + 1
    for suffix in suffixes {
        if lastLineLength + suffix.count + 2 > lineWidth {
            result += ",\n" + String(repeating: " ", count: indent) + suffix
            lastLineLength = indent + suffix.count
        } else {
            result += ", " + suffix
            lastLineLength += suffix.count + 2
        }
    }
    return result + ")"
}

/// Python's `str(tuple(shape))`: `(0, 3)`, and `(5,)` for one element.
private func pythonTuple(_ values: [Int]) -> String {
    if values.count == 1 { return "(\(values[0]),)" }
    return "(" + values.map(String.init).joined(separator: ", ") + ")"
}
