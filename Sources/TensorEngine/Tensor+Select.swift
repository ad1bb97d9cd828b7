/// Elementwise selection: `where`, `masked_fill`, `clamp`.

/// `torch.where(condition, a, b)`.
public func whereSelect(_ condition: Tensor, _ a: Operand, _ b: Operand) throws -> Tensor {
    guard condition.dtype == .bool || condition.dtype == .uint8 else {
        throw TensorError.runtime("where expected condition to be a boolean tensor, but got a tensor with dtype \(condition.dtype.scalarTypeName)")
    }
    let shape = try broadcastShapes([condition.shape, a.shape, b.shape])
    let outputType = resultType(a, b)
    // The result starts as `b` and takes `a` where the condition holds: two strided
    // passes over storage rather than a Python number per element.
    let left = try materialize(a, shape: shape, dtype: outputType)
    let right = try materialize(b, shape: shape, dtype: outputType)
    let result = try Tensor.uninitialized(shape: shape, dtype: outputType)
    try result.copy(from: right)
    let flags = try condition.to(.bool)
    let flagView = broadcastView(flags.view, to: shape)
    switch outputType {
    case .bool: overwrite(result, where: flags, flagView, with: left, Bool.self)
    case .uint8: overwrite(result, where: flags, flagView, with: left, UInt8.self)
    case .int8: overwrite(result, where: flags, flagView, with: left, Int8.self)
    case .int16: overwrite(result, where: flags, flagView, with: left, Int16.self)
    case .int32: overwrite(result, where: flags, flagView, with: left, Int32.self)
    case .int64: overwrite(result, where: flags, flagView, with: left, Int64.self)
    case .float16: overwrite(result, where: flags, flagView, with: left, Float16.self)
    case .bfloat16: overwrite(result, where: flags, flagView, with: left, BFloat16.self)
    case .float32: overwrite(result, where: flags, flagView, with: left, Float.self)
    case .float64: overwrite(result, where: flags, flagView, with: left, Double.self)
    }
    return result
}

/// `result[i] = values[i]` wherever `flags[i]`; all three already have `result`'s shape.
private func overwrite<T: TensorElement>(
    _ result: Tensor, where flags: Tensor, _ flagView: View, with values: Tensor, _ type: T.Type
) {
    let loop = StridedLoop(shape: result.shape, output: result.view, flagView, values.view)
    let destination = result.pointer(T.self)
    let flagBase = UnsafePointer(flags.pointer(Bool.self))
    let source = UnsafePointer(values.pointer(T.self))
    let (outputStride, flagStride, valueStride) = loop.innerStrides
    let length = loop.rowLength
    loop.forEachRow { out, flag, value in
        for step in 0..<length where flagBase[flag + step * flagStride] {
            destination[out + step * outputStride] = source[value + step * valueStride]
        }
    }
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
        if dtype == .float32, isContiguous, mask.dtype == .bool, mask.shape == shape, mask.isContiguous,
           case let .scalar(scalar) = value {
            // The common attention-mask case: one pass that selects, instead of a copy
            // followed by a masked write. It writes every element.
            let result = try Tensor.uninitialized(shape: shape, dtype: .float32)
            selectContiguous(
                UnsafePointer(pointer(Float.self) + storageOffset), UnsafePointer(mask.pointer(Bool.self) + mask.storageOffset),
                scalar.converted(to: Float.self), result.pointer(Float.self), count)
            return result
        }
        let result = try clone()
        try result.maskedFillInPlace(mask, value)
        return result
    }

    /// `masked_fill_(mask, value)`.
    public func maskedFillInPlace(_ mask: Tensor, _ value: Operand) throws {
        storage.noteWrite()
        guard mask.dtype == .bool else {
            throw TensorError(.runtimeError, .maskNotBool(mask.dtype))
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
        let maskView = broadcastView(mask.view, to: shape)
        switch dtype {
        case .bool: fillMasked(mask, maskView, fillValue.converted(to: Bool.self))
        case .uint8: fillMasked(mask, maskView, fillValue.converted(to: UInt8.self))
        case .int8: fillMasked(mask, maskView, fillValue.converted(to: Int8.self))
        case .int16: fillMasked(mask, maskView, fillValue.converted(to: Int16.self))
        case .int32: fillMasked(mask, maskView, fillValue.converted(to: Int32.self))
        case .int64: fillMasked(mask, maskView, fillValue.converted(to: Int64.self))
        case .float16: fillMasked(mask, maskView, fillValue.converted(to: Float16.self))
        case .bfloat16: fillMasked(mask, maskView, fillValue.converted(to: BFloat16.self))
        case .float32: fillMasked(mask, maskView, fillValue.converted(to: Float.self))
        case .float64: fillMasked(mask, maskView, fillValue.converted(to: Double.self))
        }
    }

    /// Writes `value` wherever the (broadcast) mask is true, walking the mask and this
    /// view together in row-major order; the value is converted once, not per element.
    private func fillMasked<T: TensorElement>(_ mask: Tensor, _ maskView: View, _ value: T) {
        let destination = pointer(T.self)
        let flags = mask.pointer(Bool.self)
        if isContiguous {
            var position = storageOffset
            maskView.forEachOffset { flag in
                if flags[flag] { destination[position] = value }
                position &+= 1
            }
        } else {
            let positions = view.offsets()
            var index = 0
            maskView.forEachOffset { flag in
                if flags[flag] { destination[positions[index]] = value }
                index &+= 1
            }
        }
    }

    /// `clamp(min, max)`; either bound may be absent. Bounds promote the dtype as
    /// other binary ops do.
    public func clamp(min lower: Operand?, max upper: Operand?) throws -> Tensor {
        guard lower != nil || upper != nil else {
            throw TensorError.runtime("torch.clamp: At least one of 'min' or 'max' must not be None")
        }
        if let bounds = float32NumberBounds(lower, upper) {
            // One pass instead of a maximum then a minimum (two passes and a temporary). A
            // value equal to a bound stays itself, so clamp(-0.0, 0.0, 1.0) keeps -0.0 as
            // PyTorch's kernel does; NaN compares false and passes through.
            let (low, high) = bounds
            return try map(Float.self, Float.self) { x in
                let raised = x < low ? low : x
                return raised > high ? high : raised
            }
        }
        var result: Tensor = self
        if let lower { result = try binary(.maximum, .tensor(result), lower) }
        if let upper { result = try binary(.minimum, .tensor(result), upper) }
        if result === self { result = try clone() }
        return result
    }
}

extension Tensor {
    /// Both clamp bounds of a float32 tensor as floats, when both are numbers that round to
    /// float as the binary ops round them (not NaN, integers exact in Double); else nil.
    fileprivate func float32NumberBounds(_ lower: Operand?, _ upper: Operand?) -> (Float, Float)? {
        guard dtype == .float32, case let .scalar(low)? = lower, case let .scalar(high)? = upper else { return nil }
        func asFloat(_ scalar: Scalar) -> Float? {
            switch scalar {
            case let .float(value) where !value.isNaN: Float(value)
            case let .int(value) where value.magnitude <= 1 << 53: Float(Double(value))
            default: nil
            }
        }
        guard let l = asFloat(low), let h = asFloat(high) else { return nil }
        return (l, h)
    }
}

/// destination[i] = flags[i] ? value : source[i]; a branch-free select over bytes that
/// the compiler vectorizes.
private func selectContiguous(
    _ source: UnsafePointer<Float>, _ flags: UnsafePointer<Bool>, _ value: Float, _ destination: UnsafeMutablePointer<Float>, _ count: Int
) {
    let bytes = UnsafeRawPointer(flags).assumingMemoryBound(to: UInt8.self)
    for index in 0..<count {
        destination[index] = bytes[index] != 0 ? value : source[index]
    }
}
