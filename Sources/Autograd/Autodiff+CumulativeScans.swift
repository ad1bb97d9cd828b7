import TensorEngine

extension Autodiff {
    /// `cummax`/`cummin` (CummaxBackward0/CumminBackward0): each output's gradient is
    /// added at the position its value came from.
    public static func cumulativeExtreme(_ input: Tensor, dim: Int, largest: Bool) throws -> (values: Tensor, indices: Tensor) {
        let (values, indices) = try input.cumulativeExtreme(dim: dim, largest: largest)
        let axis = try normalizeDim(dim, rank: input.rank)
        let recorded = Recorder.record(largest ? "CummaxBackward0" : "CumminBackward0", inputs: [input], output: values) { _ in
            { gradient, _ in
                guard input.count > 0, input.rank > 0 else { return [gradient] }
                return [try zeros(input.shape, gradient.dtype).scattered(dim: axis, index: indices, source: .tensor(gradient), reduction: .add)]
            }
        }
        return (recorded, indices)
    }

    /// `logcumsumexp` (LogcumsumexpBackward0), with ATen's backward that splits the
    /// gradient by sign and runs a reversed logcumsumexp over each part, so it stays
    /// finite where the exponentials would overflow.
    public static func logcumsumexp(_ input: Tensor, dim: Int) throws -> Tensor {
        let output = try input.logcumsumexp(dim: dim)
        return Recorder.record("LogcumsumexpBackward0", inputs: [input], output: output) { node in
            let (savedInput, savedOutput) = (node.save(input), node.save(output, isOutput: true))
            return { gradient, _ in
                [try logcumsumexpGradient(gradient, input: try savedInput.unpack(), output: try savedOutput.unpack(), dim: dim)]
            }
        }
    }
}

private func logcumsumexpGradient(_ gradient: Tensor, input: Tensor, output: Tensor, dim: Int) throws -> Tensor {
    guard gradient.rank > 0, gradient.count > 0 else { return gradient }
    let lowest = gradient.dtype == .float64 ? -Double.greatestFiniteMagnitude : -Double(Float.greatestFiniteMagnitude)
    let logMagnitude = try gradient.unary(.abs).unary(.log)
    func part(_ sign: BinaryOp) throws -> Tensor {
        let logPart = try whereSelect(try compare(sign, gradient, 0), .tensor(logMagnitude), .scalar(.float(lowest)))
        let reversed = try sub(logPart, output).flip([dim]).logcumsumexp(dim: dim).flip([dim])
        return try add(reversed, input).unary(.exp)
    }
    return try sub(try part(.greater), try part(.less))
}

extension Autodiff {
    /// `nanmedian()` (NanmedianBackward0): as `median()`, the gradient is shared by the
    /// elements equal to the result.
    public static func nanmedian(_ input: Tensor) throws -> Tensor {
        recordSharedAmongEqual("NanmedianBackward0", input, try input.nanmedian())
    }
}
