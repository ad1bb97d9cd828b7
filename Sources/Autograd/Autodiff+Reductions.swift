import TensorEngine

extension Autodiff {
    public static func sum(_ input: Tensor, dims: [Int]?, keepDim: Bool, dtype: DType? = nil) throws -> Tensor {
        let output = try input.sum(dims: dims, keepDim: keepDim, dtype: dtype)
        let shape = input.shape, rank = input.rank
        return Recorder.record(dims == nil ? "SumBackward0" : "SumBackward1", inputs: [input], output: output) { _ in
            { gradient, _ in
                let restored = dims == nil || keepDim ? gradient : try unsqueezeReduced(gradient, dims: dims!, rank: rank)
                return [try restored.expand(shape)]
            }
        }
    }

    public static func mean(_ input: Tensor, dims: [Int]?, keepDim: Bool, dtype: DType? = nil) throws -> Tensor {
        let output = try input.mean(dims: dims, keepDim: keepDim, dtype: dtype)
        let shape = input.shape, rank = input.rank
        let reducedCount = dims.map { normalizedDims($0, rank: rank).reduce(1) { $0 * (rank == 0 ? 1 : shape[$1]) } } ?? input.count
        return Recorder.record(dims == nil ? "MeanBackward0" : "MeanBackward1", inputs: [input], output: output) { _ in
            { gradient, _ in
                let restored = dims == nil || keepDim ? gradient : try unsqueezeReduced(gradient, dims: dims!, rank: rank)
                return [try div(try restored.expand(shape), Double(reducedCount))]
            }
        }
    }

    public static func variance(_ input: Tensor, dims: [Int]?, correction: Double, keepDim: Bool) throws -> Tensor {
        let output = try input.variance(dims: dims, correction: correction, keepDim: keepDim)
        return Recorder.record("VarBackward0", inputs: [input], output: output) { node in
            let saved = node.save(input)
            return { gradient, _ in
                [try varianceGradient(gradient, try saved.unpack(), dims: dims, correction: correction, keepDim: keepDim)]
            }
        }
    }

    public static func standardDeviation(_ input: Tensor, dims: [Int]?, correction: Double, keepDim: Bool) throws -> Tensor {
        let output = try input.standardDeviation(dims: dims, correction: correction, keepDim: keepDim)
        return Recorder.record("StdBackward0", inputs: [input], output: output) { node in
            let savedInput = node.save(input), savedOutput = node.save(output, isOutput: true)
            return { gradient, _ in
                let result = try savedOutput.unpack()
                let scaled = try div(gradient, try mul(result, 2.0))
                let full = try varianceGradient(scaled, try savedInput.unpack(), dims: dims, correction: correction, keepDim: keepDim)
                let zero = try compare(.equal, result, 0)
                let mask = dims == nil || keepDim ? zero : try unsqueezeReduced(zero, dims: dims!, rank: input.rank)
                return [try full.maskedFill(mask, .scalar(.int(0)))]
            }
        }
    }

    /// `norm(p)` and `linalg.vector_norm`: PyTorch's `norm_backward`.
    /// A vector norm. `torch.norm` and `linalg.vector_norm` record `LinalgVectorNormBackward0`;
    /// the deprecated `torch.frobenius_norm` reaches ATen's `norm` and records `NormBackward1`.
    public static func norm(_ input: Tensor, p: Double, dims: [Int]?, keepDim: Bool, nodeName: String = "LinalgVectorNormBackward0") throws -> Tensor {
        let output = try input.norm(p: p, dims: dims, keepDim: keepDim)
        return Recorder.record(nodeName, inputs: [input], output: output) { node in
            let savedInput = node.save(input), savedOutput = node.save(output, isOutput: true)
            return { gradient, _ in
                let x = try savedInput.unpack()
                let (result, grad) = try restoringReducedDims(try savedOutput.unpack(), gradient, dims: dims ?? [], keepDim: keepDim || dims == nil, rank: x.rank)
                let reduced = dims.map { $0.map { $0 < 0 ? $0 + x.rank : $0 } }
                return [try vectorNormGradient(grad, input: x, p: p, norms: result, dims: reduced)]
            }
        }
    }

    public static func logSumExp(_ input: Tensor, dims: [Int], keepDim: Bool) throws -> Tensor {
        let output = try input.logSumExp(dims: dims, keepDim: keepDim)
        return Recorder.record("LogsumexpBackward0", inputs: [input], output: output) { node in
            let savedInput = node.save(input), savedOutput = node.save(output, isOutput: true)
            return { gradient, _ in
                let x = try savedInput.unpack()
                let (result, grad) = try restoringReducedDims(try savedOutput.unpack(), gradient, dims: dims, keepDim: keepDim, rank: x.rank)
                return [try mul(grad, try sub(x, result).unary(.exp))]
            }
        }
    }

    /// `max()`/`min()` over every element: ties share the gradient evenly.
    public static func extreme(_ input: Tensor, largest: Bool) throws -> Tensor {
        let output = largest ? try input.max() : try input.min()
        return Recorder.record(largest ? "MaxBackward1" : "MinBackward1", inputs: [input], output: output) { node in
            let savedInput = node.save(input), savedOutput = node.save(output, isOutput: true)
            return { gradient, _ in
                [try evenlyDistribute(gradient, try savedInput.unpack(), try savedOutput.unpack())]
            }
        }
    }

    /// `median()` over every element (MedianBackward0): ties share the gradient evenly.
    public static func median(_ input: Tensor) throws -> Tensor {
        recordSharedAmongEqual("MedianBackward0", input, try input.median())
    }

    /// A whole-tensor median's node: the gradient is shared by the elements equal to the
    /// result (by the NaNs, when the result is NaN).
    static func recordSharedAmongEqual(_ name: String, _ input: Tensor, _ output: Tensor) -> Tensor {
        Recorder.record(name, inputs: [input], output: output) { node in
            let savedInput = node.save(input), savedOutput = node.save(output, isOutput: true)
            return { gradient, _ in
                [try evenlyDistribute(gradient, try savedInput.unpack(), try savedOutput.unpack())]
            }
        }
    }

    /// `amax`/`amin`: ties along the reduced dims share the gradient evenly.
    public static func amax(_ input: Tensor, dims: [Int], keepDim: Bool, largest: Bool) throws -> Tensor {
        let output = largest ? try input.amax(dims: dims, keepDim: keepDim) : try input.amin(dims: dims, keepDim: keepDim)
        return Recorder.record(largest ? "AmaxBackward0" : "AminBackward0", inputs: [input], output: output) { node in
            let savedInput = node.save(input), savedOutput = node.save(output, isOutput: true)
            return { gradient, _ in
                let x = try savedInput.unpack()
                let (result, grad) = try restoringReducedDims(try savedOutput.unpack(), gradient, dims: dims, keepDim: keepDim, rank: x.rank)
                let mask = try binary(.equal, .tensor(x), .tensor(result)).to(grad.dtype)
                let count = try mask.sum(dims: dims, keepDim: true)
                return [try mul(try div(grad, count), mask)]
            }
        }
    }

    /// `max(dim)`/`min(dim)`, `sort`, `topk`, `median(dim)`: the values' gradient goes
    /// back to the positions the indices name.
    public static func selectingReduction(
        _ name: String, _ input: Tensor, dim: Int, keepDim: Bool,
        _ compute: (Tensor) throws -> (values: Tensor, indices: Tensor)
    ) throws -> (values: Tensor, indices: Tensor) {
        let (values, indices) = try compute(input)
        let shape = input.shape, rank = input.rank
        let recorded = Recorder.record(name, inputs: [input], output: values) { _ in
            { gradient, _ in
                var grad = gradient, index = indices
                if !keepDim && rank > 0 {
                    grad = try grad.unsqueeze(dim)
                    index = try index.unsqueeze(dim)
                }
                let base = try zeros(shape, gradient.dtype)
                if rank == 0 { return [gradient] }
                try base.scatterInPlace(dim: dim, index: index, source: .tensor(grad))
                return [base]
            }
        }
        return (recorded, indices)
    }

    public static func cumsum(_ input: Tensor, dim: Int, dtype: DType? = nil) throws -> Tensor {
        let output = try input.cumsum(dim: dim, dtype: dtype)
        return Recorder.record("CumsumBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in [try gradient.flip([dim]).cumsum(dim: dim).flip([dim])] }
        }
    }
}

/// A reduction's result and gradient with the dims a `keepdim=False` reduction removed
/// put back, so both broadcast against the input.
private func restoringReducedDims(_ result: Tensor, _ gradient: Tensor, dims: [Int], keepDim: Bool, rank: Int) throws -> (Tensor, Tensor) {
    if keepDim { return (result, gradient) }
    return (try unsqueezeReduced(result, dims: dims, rank: rank), try unsqueezeReduced(gradient, dims: dims, rank: rank))
}

/// PyTorch's `var_backward`: (2 / (N - correction)) · grad · (x - mean).
private func varianceGradient(_ gradient: Tensor, _ input: Tensor, dims: [Int]?, correction: Double, keepDim: Bool) throws -> Tensor {
    guard let dims, input.rank > 0 else {
        let scale = 2.0 / (Double(input.count) - correction)
        return try mul(try mul(scale, gradient), try sub(input, try input.mean(dims: nil, keepDim: false)))
    }
    let normalized = normalizedDims(dims, rank: input.rank)
    let grad = keepDim || input.rank <= 1 ? gradient : try unsqueezeReduced(gradient, dims: normalized, rank: input.rank)
    let count = normalized.reduce(1) { $0 * input.shape[$1] }
    let scale = 2.0 / (Double(count) - correction)
    return try mul(try mul(scale, grad), try sub(input, try input.mean(dims: normalized, keepDim: true)))
}

/// PyTorch's `norm_backward`, operation for operation so the gradient rounds as it does.
/// `gradient` and `norms` keep the reduced dims; `dims` are the reduced dims (nil: all).
func vectorNormGradient(_ gradient: Tensor, input: Tensor, p: Double, norms: Tensor, dims: [Int]?) throws -> Tensor {
    switch p {
    case 0:
        return try zerosLike(input)
    case 1:
        return try mul(try input.unary(.sign), gradient)
    case 2:
        return try mul(gradient, try div(input, norms).maskedFill(try compare(.equal, norms, 0), .scalar(.int(0))))
    case .infinity:
        // The elements at the maximum share each slice's gradient; a NaN counts as one.
        let magnitude = try input.unary(.abs)
        let atMaximum = try binary(.logicalOr, .tensor(try binary(.equal, .tensor(magnitude), .tensor(norms))), .tensor(try magnitude.unary(.isNaN)))
        let shared = try div(gradient, try atMaximum.to(input.dtype).sum(dims: dims ?? Array(0..<input.rank), keepDim: true))
        return try mul(try input.unary(.sign), try mul(shared, atMaximum.to(input.dtype)))
    case ..<1:
        let powered = try binary(.power, .tensor(try input.unary(.abs)), .scalar(.float(p - 1)))
            .maskedFill(try compare(.equal, input, 0), .scalar(.int(0)))
        let scaled = try mul(try input.unary(.sign), powered)
        return try mul(try mul(scaled, gradient), try binary(.power, .tensor(norms), .scalar(.float(1 - p))))
    default:
        let scaled = try mul(input, try binary(.power, .tensor(try input.unary(.abs)), .scalar(.float(p - 2))))
        let share = try div(gradient, try binary(.power, .tensor(norms), .scalar(.float(p - 1))))
            .maskedFill(try compare(.equal, norms, 0), .scalar(.int(0)))
        return try mul(scaled, share)
    }
}

/// PyTorch's `evenly_distribute_backward`.
private func evenlyDistribute(_ gradient: Tensor, _ input: Tensor, _ value: Tensor) throws -> Tensor {
    let isNaN = try value.unary(.isNaN).item() == .bool(true)
    let mask = isNaN ? try input.unary(.isNaN) : try binary(.equal, .tensor(input), .tensor(value))
    let count = try mask.sum(dims: nil, keepDim: false)
    let share = try div(gradient, count)
    return try zerosLike(input).maskedFill(mask, .tensor(share))
}
