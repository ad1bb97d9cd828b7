import TensorEngine

extension Autodiff {
    /// A view op whose backward writes the gradient through the same view of a zero
    /// tensor of the input's shape (slices, select, narrow, diagonal, basic indexing).
    static func replayedView(_ name: String, _ input: Tensor, _ apply: @escaping (Tensor) throws -> Tensor) throws -> Tensor {
        let output = try apply(input)
        if output === input { return output }
        let shape = input.shape
        return Recorder.record(name, inputs: [input], output: output) { _ in
            { gradient, _ in
                let base = try zeros(shape, gradient.dtype)
                try apply(base).copy(from: gradient)
                return [base]
            }
        }
    }

    /// A view op whose gradient is a reshape back to the input's shape.
    private static func reshapedView(_ name: String, _ input: Tensor, _ output: Tensor) -> Tensor {
        if output === input { return output }
        let shape = input.shape
        return Recorder.record(name, inputs: [input], output: output) { _ in
            { gradient, _ in [try gradient.reshape(shape)] }
        }
    }

    public static func view(_ input: Tensor, _ shape: [Int]) throws -> Tensor {
        reshapedView("ViewBackward0", input, try input.view(shape))
    }

    /// `reshape`: a view when the strides allow it, else a copy (PyTorch's
    /// `_unsafe_view` of a clone).
    public static func reshape(_ input: Tensor, _ shape: [Int]) throws -> Tensor {
        let output = try input.reshape(shape)
        if output === input { return output }
        return reshapedView(reshapeNodeName(input, output), input, output)
    }

    public static func flatten(_ input: Tensor, _ startDim: Int = 0, _ endDim: Int = -1) throws -> Tensor {
        let output = try input.flatten(startDim, endDim)
        // Flattening nothing returns the tensor itself in PyTorch, history and all.
        if output === input || output.shape == input.shape { return input }
        return reshapedView(reshapeNodeName(input, output), input, output)
    }

    /// ATen's reshape views a contiguous input (`view`), aliases a strided one whose
    /// strides allow it (`_reshape_alias`), and otherwise copies (`_unsafe_view`).
    private static func reshapeNodeName(_ input: Tensor, _ output: Tensor) -> String {
        guard output.sharesStorage(with: input) else { return "UnsafeViewBackward0" }
        return input.isContiguous ? "ViewBackward0" : "ReshapeAliasBackward0"
    }

    public static func unflatten(_ input: Tensor, _ dim: Int, _ sizes: [Int]) throws -> Tensor {
        reshapedView("ViewBackward0", input, try input.unflatten(dim, sizes))
    }

    public static func squeeze(_ input: Tensor, _ dims: [Int]? = nil) throws -> Tensor {
        let name = dims == nil ? "SqueezeBackward0" : (dims?.count == 1 ? "SqueezeBackward1" : "SqueezeBackward2")
        return reshapedView(name, input, try input.squeeze(dims))
    }

    public static func unsqueeze(_ input: Tensor, _ dim: Int) throws -> Tensor {
        reshapedView("UnsqueezeBackward0", input, try input.unsqueeze(dim))
    }

    public static func permute(_ input: Tensor, _ dims: [Int]) throws -> Tensor {
        let output = try input.permute(dims)
        let order = normalizedDims(dims, rank: input.rank)
        return Recorder.record("PermuteBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in
                var inverse = [Int](repeating: 0, count: order.count)
                for (position, dim) in order.enumerated() { inverse[dim] = position }
                return [try gradient.permute(inverse)]
            }
        }
    }

    public static func movedim(_ input: Tensor, _ sources: [Int], _ destinations: [Int]) throws -> Tensor {
        let output = try input.movedim(sources, destinations)
        if output === input { return output }
        return try replayedView("PermuteBackward0", input) { try $0.movedim(sources, destinations) }
    }

    public static func transpose(_ input: Tensor, _ first: Int, _ second: Int) throws -> Tensor {
        let output = try input.transpose(first, second)
        return Recorder.record("TransposeBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in [try gradient.transpose(first, second)] }
        }
    }

    public static func t(_ input: Tensor) throws -> Tensor {
        let output = try input.t()
        return Recorder.record("TBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in [try gradient.t()] }
        }
    }

    /// `.T`, `.mT` and friends: permutations.
    public static func permuted(_ input: Tensor, _ apply: @escaping (Tensor) throws -> Tensor) throws -> Tensor {
        try replayedView("PermuteBackward0", input, apply)
    }

    public static func expand(_ input: Tensor, _ sizes: [Int]) throws -> Tensor {
        let output = try input.expand(sizes)
        let shape = input.shape
        return Recorder.record("ExpandBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in [try sumTo(gradient, shape)] }
        }
    }

    public static func slice(_ input: Tensor, _ dim: Int, start: Int?, end: Int?, step: Int) throws -> Tensor {
        try replayedView("SliceBackward0", input) { try $0.slice(dim, start: start, end: end, step: step) }
    }

    public static func narrow(_ input: Tensor, _ dim: Int, start: Int, length: Int) throws -> Tensor {
        try replayedView("SliceBackward0", input) { try $0.narrow(dim, start: start, length: length) }
    }

    public static func select(_ input: Tensor, _ dim: Int, _ index: Int) throws -> Tensor {
        try replayedView("SelectBackward0", input) { try $0.select(dim, index) }
    }

    public static func diagonal(_ input: Tensor, offset: Int = 0, _ dim1: Int = 0, _ dim2: Int = 1) throws -> Tensor {
        try replayedView("DiagonalBackward0", input) { try $0.diagonal(offset: offset, dim1, dim2) }
    }

    public static func split(_ input: Tensor, size: Int, dim: Int) throws -> [Tensor] {
        try pieces("SplitBackward0", input) { try $0.split(size: size, dim: dim) }
    }

    public static func split(_ input: Tensor, sizes: [Int], dim: Int) throws -> [Tensor] {
        try pieces("SplitWithSizesBackward0", input) { try $0.split(sizes: sizes, dim: dim) }
    }

    public static func chunk(_ input: Tensor, _ chunks: Int, dim: Int) throws -> [Tensor] {
        try pieces("SplitBackward0", input) { try $0.chunk(chunks, dim: dim) }
    }

    public static func unbind(_ input: Tensor, _ dim: Int) throws -> [Tensor] {
        try pieces("UnbindBackward0", input) { try $0.unbind(dim) }
    }

    /// An op that cuts its input into views: one node, one gradient slot per piece.
    private static func pieces(_ name: String, _ input: Tensor, _ cut: @escaping (Tensor) throws -> [Tensor]) throws -> [Tensor] {
        let outputs = try cut(input)
        let shape = input.shape
        return Recorder.recordMany(name, inputs: [input], outputs: outputs) { _ in
            { gradients, _ in
                let base = try zeros(shape, gradients.compactMap { $0 }.first?.dtype ?? input.dtype)
                let views = try cut(base)
                for (view, gradient) in zip(views, gradients) {
                    if let gradient { try view.copy(from: gradient) }
                }
                return [base]
            }
        }
    }

    /// `x[...]`: a view for basic indexing, a gather (IndexBackward0) for tensor indices.
    /// `bareSlice` says the subscript was one slice, not a tuple: PyTorch's fast path for it
    /// always records a slice.
    public static func getItem(_ input: Tensor, _ indices: [TensorIndex], bareSlice: Bool = false) throws -> Tensor {
        let output = try input.getItem(indices)
        guard Recorder.shouldRecord([input]) else {
            Recorder.markViewMadeWithoutGrad(output, of: input)
            return output
        }
        if output.sharesStorage(with: input) {
            return try replayedView(basicIndexName(indices, input: input, bareSlice: bareSlice), input) { try $0.getItem(indices) }
        }
        let shape = input.shape
        return Recorder.record("IndexBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in
                let base = try zeros(shape, gradient.dtype)
                try base.indexPutAccumulating(indices, values: gradient)
                return [base]
            }
        }
    }

    /// `clone()`: a copy that keeps a dense tensor's strides, as PyTorch's default does.
    public static func clone(_ input: Tensor) throws -> Tensor {
        cloned(input, try input.clonePreservingFormat())
    }

    public static func contiguous(_ input: Tensor) throws -> Tensor {
        input.isContiguous ? input : cloned(input, try input.clone())
    }

    private static func cloned(_ input: Tensor, _ output: Tensor) -> Tensor {
        Recorder.record("CloneBackward0", inputs: [input], output: output) { _ in { gradient, _ in [gradient] } }
    }

    /// `to(dtype)`, `.float()`, `.double()`: the tensor itself when the dtype matches.
    public static func to(_ input: Tensor, _ dtype: DType) throws -> Tensor {
        let output = try input.to(dtype)
        if output === input { return output }
        let original = input.dtype
        return Recorder.record("ToCopyBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in [try gradient.to(original)] }
        }
    }

    public static func flip(_ input: Tensor, _ dims: [Int]) throws -> Tensor {
        let output = try input.flip(dims)
        return Recorder.record("FlipBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in [try gradient.flip(dims)] }
        }
    }

    public static func roll(_ input: Tensor, _ shifts: [Int], dims: [Int]) throws -> Tensor {
        let output = try input.roll(shifts, dims: dims)
        // The gradient rolls back by each shift reduced modulo its dim's size first, so that
        // a shift of -2**63 has an inverse too.
        let sizes = dims.isEmpty ? [input.count] : try dims.map { input.shape[try normalizeDim($0, rank: input.rank)] }
        let inverse = zip(shifts, sizes).map { shift, size in size == 0 ? 0 : -(shift % size) }
        return Recorder.record("RollBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in [try gradient.roll(inverse, dims: dims)] }
        }
    }

    public static func repeated(_ input: Tensor, _ repeats: [Int]) throws -> Tensor {
        let output = try input.repeated(repeats)
        let shape = input.shape
        return Recorder.record("RepeatBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in [try repeatGradient(gradient, repeats: repeats, inputShape: shape)] }
        }
    }

    public static func triangle(_ input: Tensor, upper: Bool, diagonal: Int) throws -> Tensor {
        let output = try input.triangle(upper: upper, diagonal: diagonal)
        return Recorder.record(upper ? "TriuBackward0" : "TrilBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in [try gradient.triangle(upper: upper, diagonal: diagonal)] }
        }
    }
}

/// The node PyTorch's indexing leaves last. A tuple index skips each slice that keeps its whole
/// dim (start 0, stop at or past the length, step 1), as ATen's `applySlice` does, and returns an
/// alias when nothing is left; a bare `x[a:b]` always slices.
func basicIndexName(_ indices: [TensorIndex], input: Tensor, bareSlice: Bool) -> String {
    if bareSlice { return "SliceBackward0" }
    let consumed = indices.filter(consumesDim).count
    var dim = 0
    var lastNode = "AliasBackward0"
    for index in indices {
        switch index {
        case .integer: lastNode = "SelectBackward0"
        case let .slice(start, stop, step):
            let length = dim < input.rank ? input.shape[dim] : 0
            let keepsWholeDim = (start ?? 0) == 0 && (stop ?? Int.max) >= length && (step ?? 1) == 1
            if !keepsWholeDim { lastNode = "SliceBackward0" }
        case .newAxis, .boolean: lastNode = "UnsqueezeBackward0"
        case .ellipsis: dim += max(0, input.rank - consumed)
        case .tensor: break
        }
        if consumesDim(index) { dim += 1 }
    }
    return lastNode
}

private func consumesDim(_ index: TensorIndex) -> Bool {
    switch index {
    case .integer, .slice, .tensor: return true
    case .newAxis, .boolean, .ellipsis: return false
    }
}

/// `repeat`'s backward: view the gradient as (repeat, size) pairs and sum the repeats.
private func repeatGradient(_ gradient: Tensor, repeats: [Int], inputShape: [Int]) throws -> Tensor {
    let leading = repeats.count - inputShape.count
    var result = gradient
    if leading > 0 { result = try result.sum(dims: Array(0..<leading), keepDim: false) }
    var pairedShape: [Int] = []
    for (index, size) in inputShape.enumerated() {
        pairedShape += [repeats[leading + index], size]
    }
    let paired = try result.reshape(pairedShape)
    let repeatDims = (0..<inputShape.count).map { 2 * $0 }
    if repeatDims.isEmpty { return try paired.reshape(inputShape) }
    return try paired.sum(dims: repeatDims, keepDim: false).reshape(inputShape)
}

extension Autodiff {
    /// `as_strided` (AsStridedBackward0): a view at any size, stride and storage offset of the
    /// input's storage. The gradient goes back by storage position: each output element's
    /// gradient is added at the position it reads, and the input takes what lies under it,
    /// so elements read twice (a zero or overlapping stride) gather both gradients.
    public static func asStrided(_ input: Tensor, size: [Int], stride: [Int], storageOffset: Int?) throws -> Tensor {
        let output = try input.asStrided(size: size, stride: stride, storageOffset: storageOffset)
        let inputView = input.view, outputView = output.view
        let positionCount = Swift.max(input.storageElementCount, 1)
        return Recorder.record("AsStridedBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in
                let positions = try Factory.arange(start: .int(0), end: .int(Int64(positionCount)), step: .int(1), dtype: .int64)
                let read = try positions.viewing(outputView).contiguous().reshape([-1])
                let buffer = try zeros([positionCount], gradient.dtype)
                let summed = try buffer.indexAdd(dim: 0, index: read, source: try gradient.contiguous().reshape([-1]))
                return [try summed.viewing(inputView).contiguous()]
            }
        }
    }
}
