/// Elementwise selection: `where`, `masked_fill`, `clamp`.

/// `torch.where(condition, a, b)`.
public func whereSelect(_ condition: Tensor, _ a: Operand, _ b: Operand) throws -> Tensor {
    guard condition.dtype == .bool || condition.dtype == .uint8 else {
        throw TensorError.runtime("where expected condition to be a boolean tensor, but got a tensor with dtype \(condition.dtype.scalarTypeName)")
    }
    let shape = try broadcastShapes([condition.shape, a.shape, b.shape])
    let outputType = resultType(a, b)
    let flags = condition.viewing(broadcastView(condition.view, to: shape)).bools()
    let left = try materialize(a, shape: shape, dtype: outputType)
    let right = try materialize(b, shape: shape, dtype: outputType)
    let result = try Tensor.zeros(shape: shape, dtype: outputType)
    let leftValues = left.scalars()
    let rightValues = right.scalars()
    var index = 0
    result.view.forEachOffset { position in
        result.setScalar(flags[index] ? leftValues[index] : rightValues[index], atStorageOffset: position)
        index += 1
    }
    return result
}

/// An operand as a tensor of `dtype` broadcast to `shape` (a view when possible).
func materialize(_ operand: Operand, shape: [Int], dtype: DType) throws -> Tensor {
    switch operand {
    case let .scalar(scalar):
        return try Factory.full(shape: [], value: scalar, dtype: dtype).expand(shape)
    case let .tensor(tensor):
        let converted = try tensor.to(dtype)
        return converted.viewing(broadcastView(converted.view, to: shape))
    }
}

extension Tensor {
    /// `masked_fill(mask, value)`: a copy with `value` where `mask` is true.
    public func maskedFill(_ mask: Tensor, _ value: Operand) throws -> Tensor {
        let result = try clone()
        try result.maskedFillInPlace(mask, value)
        return result
    }

    /// `masked_fill_(mask, value)`.
    public func maskedFillInPlace(_ mask: Tensor, _ value: Operand) throws {
        guard mask.dtype == .bool else {
            throw TensorError.runtime(
                "masked_fill_ only supports boolean masks, but got mask with dtype \(mask.dtype == .float32 ? "float" : mask.dtype.rawValue)")
        }
        let fillValue: Scalar
        switch value {
        case let .scalar(scalar): fillValue = scalar
        case let .tensor(tensor):
            guard tensor.rank == 0 else {
                throw TensorError.runtime(
                    "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with \(tensor.rank) dimension(s).")
            }
            fillValue = try tensor.item()
        }
        // PyTorch expands the mask against the tensor, so the mask is "tensor a".
        let broadcast = try broadcastShapes(mask.shape, shape)
        if broadcast != shape {
            throw TensorError.runtime(
                "output with shape \(formatShape(shape)) doesn't match the broadcast shape \(formatShape(broadcast))")
        }
        let flags = mask.viewing(broadcastView(mask.view, to: shape)).bools()
        var index = 0
        view.forEachOffset { position in
            if flags[index] { setScalar(fillValue, atStorageOffset: position) }
            index += 1
        }
    }

    /// `clamp(min, max)`; either bound may be absent. Bounds promote the dtype as
    /// other binary ops do.
    public func clamp(min lower: Operand?, max upper: Operand?) throws -> Tensor {
        guard lower != nil || upper != nil else {
            throw TensorError.runtime("torch.clamp: At least one of 'min' or 'max' must not be None")
        }
        var result: Tensor = self
        if let lower { result = try binary(.maximum, .tensor(result), lower) }
        if let upper { result = try binary(.minimum, .tensor(result), upper) }
        if result === self { result = try clone() }
        return result
    }
}
