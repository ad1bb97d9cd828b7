import TensorEngine

extension Autodiff {
    /// `torch.special.entr` (SpecialEntrBackward0): −x·ln x for x > 0, 0 at 0, −∞ below
    /// 0, NaN for NaN. The gradient is −(1 + ln x), so +∞ at 0 and NaN below 0, as in
    /// PyTorch's derivatives.yaml.
    public static func entr(_ input: Tensor, floatType: DType) throws -> Tensor {
        let x = input.dtype.isFloatingPoint ? input : try input.to(floatType)
        let positive = try neg(try mul(x, try x.unary(.log)))
        let belowZero = try whereSelect(try compare(.less, x, 0), .scalar(.float(-.infinity)), .tensor(positive))
        let output = try whereSelect(try compare(.equal, x, 0), .scalar(.float(0)), .tensor(belowZero))
        return Recorder.record("SpecialEntrBackward0", inputs: [input], output: output) { node in
            let saved = node.save(x, isOutput: false)
            return { gradient, _ in
                let value = try saved.unpack()
                return [try mul(gradient, try neg(try add(try value.unary(.log), 1)))]
            }
        }
    }

    /// `Tensor.unfold(dim, size, step)` (UnfoldBackward0): a view with one window of
    /// `size` elements every `step` along `dim`, the window as a new last dim. Windows
    /// overlap when step < size, so the backward adds each window's gradient in.
    public static func unfold(_ input: Tensor, dim: Int, size: Int, step: Int) throws -> Tensor {
        let output = try unfoldedView(input, dim: dim, size: size, step: step)
        let shape = input.shape
        return Recorder.record("UnfoldBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in
                let base = try zeros(shape, gradient.dtype)
                guard !shape.isEmpty else { return [try gradient.reshape(shape)] }
                let rank = gradient.rank
                // Window k's gradient, with its window dim moved back to `dim`.
                let order = Array(0..<dim) + [rank - 2] + Array(dim..<(rank - 2))
                for window in 0..<gradient.shape[dim] {
                    let target = try base.narrow(dim, start: window * step, length: size)
                    let piece = try gradient.select(dim, window).permute(order)
                    try target.copy(from: try add(target, piece))
                }
                return [base]
            }
        }
    }

    /// The forward view of `unfold`, with PyTorch's checks and messages.
    static func unfoldedView(_ input: Tensor, dim: Int, size: Int, step: Int) throws -> Tensor {
        let axis = try normalizeDim(dim, rank: Swift.max(input.rank, 1))
        let length = input.rank == 0 ? 1 : input.shape[axis]
        guard size >= 0 else { throw TensorError.runtime("size is \(size) but must be >= 0") }
        guard size <= length else {
            throw TensorError.runtime("maximum size for tensor at dimension \(axis) is \(length) but size is \(size)")
        }
        guard step > 0 else { throw TensorError.runtime("step is \(step) but must be > 0") }
        let view = input.view
        if input.rank == 0 {
            return input.viewing(View(shape: [size], strides: [1], offset: view.offset))
        }
        var shape = view.shape, strides = view.strides
        shape[axis] = (length - size) / step + 1
        strides[axis] = view.strides[axis] &* step
        return input.viewing(View(shape: shape + [size], strides: strides + [view.strides[axis]], offset: view.offset))
    }
}
