import TensorEngine

/// Ops PyTorch composes from others: built here from the differentiable ops, in the
/// engine's operation order, so they record the same nodes PyTorch does.
extension Autodiff {
    /// `F.normalize`: input / max(‖input‖_p, eps), expanded (DivBackward0).
    public static func normalized(_ input: Tensor, p: Double, dim: Int, eps: Double) throws -> Tensor {
        guard Recorder.shouldRecord([input]) else { return try input.normalized(p: p, dim: dim, eps: eps) }
        let norms = try norm(input, p: p, dims: [dim], keepDim: true)
        let denominator = try clamp(norms, min: .scalar(.float(eps)), max: nil, backwardName: "ClampMinBackward0")
        return try binary(.divide, .tensor(input), .tensor(try expand(denominator, input.shape)))
    }

    /// `F.cosine_similarity`: Σ (x1 / max(‖x1‖, eps)) · (x2 / max(‖x2‖, eps)) over `dim`.
    public static func cosineSimilarity(_ first: Tensor, _ second: Tensor, dim: Int, eps: Double) throws -> Tensor {
        guard Recorder.shouldRecord([first, second]) else {
            return try TensorEngine.cosineSimilarity(first, second, dim: dim, eps: eps)
        }
        let common = DType.promote(first.dtype, second.dtype)
        let shape = try broadcastShapes(first.shape, second.shape)
        let a = try expand(try to(first, common), shape), b = try expand(try to(second, common), shape)
        let axis = dim < 0 ? dim + shape.count : dim
        // ATen clones each norm and clamps the clone in place under no_grad: the clamp
        // does not mask the norm's gradient.
        func clampedNorm(_ tensor: Tensor) throws -> Tensor {
            let norms = try clone(try norm(tensor, p: 2, dims: [axis], keepDim: true))
            try GradMode.with(false) {
                _ = try inPlace(norms) { try clamp($0, min: .scalar(.float(eps)), max: nil, backwardName: "ClampMinBackward0") }
            }
            return norms
        }
        let normA = try clampedNorm(a), normB = try clampedNorm(b)
        let product = try binary(.multiply, .tensor(try binary(.divide, .tensor(a), .tensor(normA))),
                                 .tensor(try binary(.divide, .tensor(b), .tensor(normB))))
        return try sum(product, dims: [axis], keepDim: false)
    }

    /// `F.pad(mode='constant')` (ConstantPadNdBackward0): the gradient is the padded
    /// gradient cropped back, i.e. padded by the negated amounts.
    public static func constantPadded(_ input: Tensor, _ pads: [Int], value: Scalar) throws -> Tensor {
        let output = try input.constantPadded(pads, value: value)
        return Recorder.record("ConstantPadNdBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in [try gradient.constantPadded(pads.map { -$0 })] }
        }
    }
}

extension Autodiff {
    /// `F.scaled_dot_product_attention` by PyTorch's math path, recorded op by op: q and
    /// k each scaled by √scale, the mask added, a softmax whose fully masked rows give 0,
    /// dropout on the weights, then the product with v.
    public static func scaledDotProductAttention(
        query: Tensor, key: Tensor, value: Tensor, mask: AttentionMask?, isCausal: Bool,
        scale: Double?, dropout: (probability: Double, generator: Generator)?
    ) throws -> Tensor {
        guard Recorder.shouldRecord([query, key, value]) else {
            return try TensorEngine.scaledDotProductAttention(query: query, key: key, value: value, mask: mask,
                                                              isCausal: isCausal, scale: scale, dropout: dropout)
        }
        // The engine validates shapes, dtypes and the mask arguments with PyTorch's messages.
        _ = try GradMode.with(false) {
            try TensorEngine.scaledDotProductAttention(query: query, key: key, value: value, mask: mask, isCausal: isCausal, scale: scale)
        }
        let embedding = query.shape[query.rank - 1]
        let requestedScale = scale ?? 1 / Double(embedding).squareRoot()
        let factor = abs(requestedScale).squareRoot()
        let scaledQuery = try binary(.multiply, .tensor(query), .scalar(.float(requestedScale < 0 ? -factor : factor)))
        let scaledKey = try binary(.multiply, .tensor(try transpose(key, -2, -1)), .scalar(.float(factor)))
        var scores = try matmul(scaledQuery, scaledKey)
        var effectiveMask = mask
        if isCausal {
            let ones = try Factory.full(shape: [query.shape[query.rank - 2], key.shape[key.rank - 2]], value: .bool(true), dtype: .bool)
            effectiveMask = .keep(try ones.triangle(upper: false, diagonal: 0))
        }
        switch effectiveMask {
        case let .keep(keep)?:
            let bias = try TensorEngine.whereSelect(keep, .scalar(.float(0)), .scalar(.float(-.infinity))).to(scores.dtype)
            scores = try binary(.add, .tensor(scores), .tensor(bias))
        case let .additive(bias)?:
            scores = try binary(.add, .tensor(scores), .tensor(bias))
        case nil: break
        }
        var weights = try softmax(scores, dim: -1)
        let fullyMasked = try compare(.equal, scores, -.infinity).all(dims: [scores.rank - 1], keepDim: true)
        if try fullyMasked.any(dims: nil, keepDim: false).item() == .bool(true) {
            weights = try whereSelect(fullyMasked, .scalar(.float(0)), .tensor(weights))
        }
        if let dropout, dropout.probability > 0 {
            weights = try self.dropout(weights, p: dropout.probability, generator: dropout.generator)
        }
        return try matmul(weights, value)
    }
}

extension Autodiff {
    /// `torch.einsum`. Each operand's gradient is itself an einsum: the output's
    /// gradient contracted with the other operands back to the operand's subscripts.
    public static func einsum(_ equation: String, _ operands: [Tensor]) throws -> Tensor {
        if Recorder.shouldRecord(operands), let (rewritten, diagonals) = try takingDiagonals(equation, operands) {
            return try einsum(rewritten, diagonals)
        }
        let output = try TensorEngine.einsum(equation, operands)
        guard Recorder.shouldRecord(operands) else { return output }
        guard let parsed = EinsumEquation(equation, operandCount: operands.count) else {
            markNotDifferentiable(output, inputs: operands, name: "einsum")
            return output
        }
        return Recorder.record(parsed.backwardName, inputs: operands, output: output) { node in
            let saved = operands.map { node.save($0) }
            return { gradient, node in
                let values = try saved.map { try $0.unpack() }
                return try values.indices.map { index in
                    guard node.needsGradient(index) else { return nil }
                    return try parsed.gradient(of: index, outputGradient: gradient, operands: values)
                }
            }
        }
    }
}

/// A letter repeated within one operand (`ii->i`, `bii->bi`) selects a diagonal, as
/// PyTorch's einsum does with a view: the operand becomes that diagonal (differentiable,
/// DiagonalBackward0) and the letter appears once, at the end. Nil when nothing repeats.
private func takingDiagonals(_ equation: String, _ operands: [Tensor]) throws -> (String, [Tensor])? {
    let text = equation.filter { !$0.isWhitespace }
    guard !text.contains("."), !text.isEmpty else { return nil }
    let sides = text.components(separatedBy: "->")
    var inputs = sides[0].split(separator: ",", omittingEmptySubsequences: false).map(Array.init)
    guard inputs.count == operands.count, inputs.contains(where: { Set($0).count != $0.count }),
          zip(inputs, operands).allSatisfy({ $0.count == $1.rank }) else { return nil }
    // The implicit output counts letters over the equation as written.
    let output = sides.count > 1 ? sides[1] : String(Set(inputs.joined()).filter { letter in
        inputs.joined().filter { $0 == letter }.count == 1
    }.sorted())
    var tensors = operands
    for index in inputs.indices {
        while let (first, second) = repeatedPair(inputs[index]) {
            tensors[index] = try Autodiff.diagonal(tensors[index], offset: 0, first, second)
            let letter = inputs[index][first]
            inputs[index].remove(at: second)
            inputs[index].remove(at: first)
            inputs[index].append(letter)
        }
    }
    return (inputs.map { String($0) }.joined(separator: ",") + "->" + output, tensors)
}

private func repeatedPair(_ letters: [Character]) -> (Int, Int)? {
    for (first, letter) in letters.enumerated() {
        if let second = letters[(first + 1)...].firstIndex(of: letter) { return (first, second) }
    }
    return nil
}

/// An einsum equation without ellipses or repeated letters within one operand.
private struct EinsumEquation {
    let inputs: [[Character]]
    let output: [Character]

    init?(_ equation: String, operandCount: Int) {
        let text = equation.filter { !$0.isWhitespace }
        guard !text.contains(".") else { return nil }
        let sides = text.components(separatedBy: "->")
        let inputs = sides[0].split(separator: ",", omittingEmptySubsequences: false).map(Array.init)
        guard inputs.count == operandCount, inputs.allSatisfy({ Set($0).count == $0.count }) else { return nil }
        let all = inputs.flatMap { $0 }
        let output = sides.count > 1 ? Array(sides[1]) : all.filter { letter in all.filter { $0 == letter }.count == 1 }.sorted()
        guard Set(output).count == output.count else { return nil }
        self.inputs = inputs
        self.output = output
    }

    /// PyTorch's last node for the forms its einsum takes.
    var backwardName: String {
        if inputs.count == 1 { return inputs[0].count == output.count ? "PermuteBackward0" : "SumBackward1" }
        let summed = Set(inputs.flatMap { $0 }).subtracting(output)
        return summed.isEmpty ? "MulBackward0" : "ViewBackward0"
    }

    func gradient(of index: Int, outputGradient: Tensor, operands: [Tensor]) throws -> Tensor {
        let target = inputs[index]
        var sources = [output]
        var tensors = [outputGradient]
        for (other, subscripts) in inputs.enumerated() where other != index {
            sources.append(subscripts)
            tensors.append(operands[other])
        }
        let available = Set(sources.flatMap { $0 })
        // Letters summed inside this operand alone get the gradient broadcast along them.
        let reached = target.filter { available.contains($0) }
        let equation = sources.map { String($0) }.joined(separator: ",") + "->" + String(reached)
        var result = try TensorEngine.einsum(equation, tensors)
        for (axis, letter) in target.enumerated() where !available.contains(letter) {
            result = try result.unsqueeze(axis)
        }
        return try result.expand(operands[index].shape)
    }
}

extension Autodiff {
    /// `F.pad` with mode 'reflect', 'replicate' or 'circular'. The node is PyTorch's:
    /// ReflectionPad2DBackward0 and the like, and CopySlices for circular padding, which
    /// PyTorch builds by copying slices into a new tensor.
    public static func modePadded(_ input: Tensor, _ pads: [Int], mode: PaddingMode) throws -> Tensor {
        let gathers = try input.modePaddingPositions(pads, mode: mode)
        let output = try input.gathered(gathers)
        let spatialRank = pads.count / 2
        let name = switch mode {
        case .reflect: "ReflectionPad\(spatialRank)DBackward0"
        case .replicate: "ReplicationPad\(spatialRank)DBackward0"
        case .circular: "CopySlices"
        }
        let inputShape = input.shape
        return Recorder.record(name, inputs: [input], output: output) { _ in
            { gradient, _ in [try gradient.modePaddingGradient(inputShape: inputShape, gathers: gathers)] }
        }
    }
}
