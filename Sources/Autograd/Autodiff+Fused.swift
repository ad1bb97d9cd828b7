import TensorEngine

/// Ops PyTorch runs as one kernel with one backward node (`TraceBackward0`,
/// `LerpBackward0`), built here from differentiable pieces. The pieces run on stand-ins
/// of the inputs, in a graph of their own; the one node named as PyTorch names it
/// differentiates through that graph. So `grad_fn`, `next_functions` and the gradients
/// are PyTorch's while the maths is written once, in the pieces.
extension Autodiff {
    /// - Parameters:
    ///   - saving: the inputs PyTorch's node saves. A backward pass that did not retain
    ///     the graph frees them, so a second one fails as PyTorch's does; a node that saves
    ///     nothing can run again.
    static func fused(_ name: String, inputs: [Tensor?], saving: [Tensor] = [],
                      _ body: ([Tensor?]) throws -> Tensor) throws -> Tensor {
        guard Recorder.shouldRecord(inputs) else { return try body(inputs) }
        let standIns = try inputs.map { input -> Tensor? in
            guard let input else { return nil }
            let standIn = input.detach()
            if input.requiresGrad { try standIn.setRequiresGrad(true) }
            return standIn
        }
        let inner = try GradMode.with(true) { try body(standIns) }
        let output = inner.detach()
        return Recorder.record(name, inputs: inputs, output: output) { node in
            let saved = saving.map { node.save($0) }
            return { gradient, node in
                for record in saved { _ = try record.unpack() }
                let wanted = standIns.indices.filter { node.needsGradient($0) && standIns[$0]?.requiresGrad == true }
                guard inner.requiresGrad, !wanted.isEmpty else { return standIns.map { _ in nil } }
                let gradients = try BackwardEngine.grad([inner], gradients: [gradient], inputs: wanted.compactMap { standIns[$0] },
                                                        retainGraph: true)
                var result = [Tensor?](repeating: nil, count: standIns.count)
                for (position, index) in wanted.enumerated() { result[index] = gradients[position] }
                return result
            }
        }
    }

    /// `torch.trace` (TraceBackward0).
    public static func trace(_ input: Tensor) throws -> Tensor {
        try fused("TraceBackward0", inputs: [input]) { try sum(try diagonal($0[0]!, offset: 0, 0, 1), dims: nil, keepDim: false) }
    }

    /// `torch.diag` of a matrix: a copy of one diagonal (DiagonalBackward0_copy).
    public static func diagonalCopy(_ input: Tensor, offset: Int) throws -> Tensor {
        try fused("DiagonalBackward0_copy", inputs: [input]) { try clone(try diagonal($0[0]!, offset: offset, 0, 1)) }
    }

    /// `torch.take`: elements of the flattened input (TakeBackward0).
    public static func take(_ input: Tensor, _ index: Tensor) throws -> Tensor {
        try fused("TakeBackward0", inputs: [input], saving: [input]) { try getItem(try reshape($0[0]!, [-1]), [.tensor(index)]) }
    }

    /// `torch.hypot`: √(a² + b²) (HypotBackward0).
    public static func hypot(_ input: Tensor, _ other: Operand) throws -> Tensor {
        let inputs = [input, other.tensorValue]
        return try fused("HypotBackward0", inputs: inputs, saving: inputs.compactMap { $0 }) { standIns in
            let b = standIns[1].map { Operand.tensor($0) } ?? other
            let squares = try binary(.add, .tensor(try binary(.multiply, .tensor(standIns[0]!), .tensor(standIns[0]!))),
                                     .tensor(try binary(.multiply, b, b)))
            return try unary(.sqrt, squares)
        }
    }

    /// `torch.addcmul`/`torch.addcdiv`: input + value·(t1 ∘ t2), with PyTorch's kernel
    /// order (value·t1 first) and its node (AddcmulBackward0, AddcdivBackward0).
    public static func addcombined(_ op: BinaryOp, _ input: Tensor, _ first: Tensor, _ second: Tensor, value: Operand) throws -> Tensor {
        let name = op == .divide ? "AddcdivBackward0" : "AddcmulBackward0"
        return try fused(name, inputs: [input, first, second], saving: [first, second]) { standIns in
            // The one-pass kernel records no graph, so only where nothing needs a gradient.
            if op == .multiply, case let .scalar(number) = value, !standIns.contains(where: { $0?.requiresGrad == true }),
               let result = try Tensor.fusedAddProduct(standIns[0]!, standIns[1]!, standIns[2]!, value: number.doubleValue) {
                return result
            }
            let scaled = try binary(.multiply, value, .tensor(standIns[1]!))
            return try binary(.add, .tensor(standIns[0]!), .tensor(try binary(op, .tensor(scaled), .tensor(standIns[2]!))))
        }
    }

    /// `torch.lerp`: start + weight·(end − start) for weights below ½ and
    /// end − (end − start)·(1 − weight) from ½ on, as PyTorch's kernel computes it
    /// (LerpBackward0 for a number weight, LerpBackward1 for a tensor).
    public static func lerp(_ start: Tensor, _ end: Tensor, weight: Operand) throws -> Tensor {
        let name = weight.tensorValue == nil ? "LerpBackward0" : "LerpBackward1"
        let inputs = [start, end, weight.tensorValue]
        return try fused(name, inputs: inputs, saving: weight.tensorValue.map { [start, end, $0] } ?? []) { standIns in
            let start = standIns[0]!, end = standIns[1]!
            // The one-pass kernel records no graph, so only where nothing needs a gradient.
            if let weight = standIns[2], ![start, end, weight].contains(where: \.requiresGrad),
               let result = try Tensor.float32Lerp(start, end, weight: weight) { return result }
            if case let .scalar(number) = weight, !start.requiresGrad, !end.requiresGrad,
               let result = try Tensor.lerp(start, end, weight: number.doubleValue) { return result }
            let w = standIns[2].map { Operand.tensor($0) } ?? weight
            let difference = try binary(.subtract, .tensor(end), .tensor(start))
            let fromStart = { try binary(.add, .tensor(start), .tensor(try binary(.multiply, w, .tensor(difference)))) }
            let fromEnd = {
                let complement = try binary(.subtract, .scalar(.int(1)), w)
                return try binary(.subtract, .tensor(end), .tensor(try binary(.multiply, .tensor(difference), .tensor(complement))))
            }
            switch w {
            case let .scalar(scalar): return abs(scalar.doubleValue) < 0.5 ? try fromStart() : try fromEnd()
            case let .tensor(tensor):
                let small = try TensorEngine.binary(.less, .tensor(try tensor.unary(.abs)), .scalar(.float(0.5)))
                return try whereSelect(small, .tensor(try fromStart()), .tensor(try fromEnd()))
            }
        }
    }
}

extension Autodiff {
    /// `body`'s result, with its recorded graph behind one node named `name` whose inputs
    /// are `inputs`: for composites whose pieces differentiate correctly already.
    public static func fused(_ name: String, over inputs: [Tensor], saving: [Tensor] = [], _ body: ([Tensor]) throws -> Tensor) throws -> Tensor {
        try fused(name, inputs: inputs, saving: saving) { standIns in try body(standIns.map { $0! }) }
    }

    /// `torch.fmod`: the remainder with the dividend's sign, −0.0 kept (FmodBackward0 for a
    /// number divisor, FmodBackward1 for a tensor). d/dx is 1; d/dother is −trunc(x/other).
    public static func fmod(_ input: Tensor, _ other: Operand) throws -> Tensor {
        let output = try TensorEngine.fmod(input, other)
        let name = other.tensorValue == nil ? "FmodBackward0" : "FmodBackward1"
        return Recorder.record(name, inputs: [input, other.tensorValue], output: output) { node in
            let savedInput = node.needsGradient(1) ? node.save(input) : nil
            let savedOther = node.needsGradient(1) ? other.tensorValue.map { node.save($0) } : nil
            return { gradient, node in
                guard node.needsGradient(1), let savedInput, let savedOther else { return [gradient, nil] }
                let quotient = try binary(.divide, .tensor(try savedInput.unpack()), .tensor(try savedOther.unpack())).unary(.trunc)
                return [node.needsGradient(0) ? gradient : nil, try neg(try mul(gradient, quotient))]
            }
        }
    }

    /// `torch.logit`: log(x / (1 − x)), x clamped to [eps, 1 − eps] when eps is given
    /// (LogitBackward0). The gradient is dy / (x·(1 − x)): 0 outside the clamp, and NaN
    /// outside [0, 1] without one, as PyTorch's kernel gives.
    public static func logit(_ input: Tensor, eps: Double?) throws -> Tensor {
        let output = try input.logit(eps: eps)
        return Recorder.record("LogitBackward0", inputs: [input], output: output) { node in
            let saved = node.save(input)
            return { gradient, _ in
                let x = try saved.unpack()
                let slope = try div(gradient, try mul(x, try sub(1, x)))
                let (low, high, fill) = eps.map { ($0, 1 - $0, Scalar.int(0)) } ?? (0, 1, .float(.nan))
                let outside = try binary(.logicalOr, .tensor(try compare(.less, x, low)), .tensor(try compare(.greater, x, high)))
                return [try TensorEngine.whereSelect(outside, .scalar(fill), .tensor(slope))]
            }
        }
    }

    /// `F.threshold`: x where x > threshold, else value (ThresholdBackward0).
    /// `inPlace` records ThresholdBackward1, with a copy of the input the result overwrites.
    public static func threshold(_ input: Tensor, threshold: Double, value: Scalar, inPlace: Bool = false) throws -> Tensor {
        let kept = try TensorEngine.binary(.greater, .tensor(input), .scalar(.float(threshold)))
        let output = try input.maskedFill(try kept.unary(.logicalNot), .scalar(value))
        let original = try inputToSave(input, inPlace: inPlace)
        return Recorder.record(inPlace ? "ThresholdBackward1" : "ThresholdBackward0", inputs: [input], output: output) { node in
            let saved = node.save(original)
            return { gradient, _ in
                let passed = try compare(.greater, try saved.unpack(), threshold)
                return [try TensorEngine.whereSelect(passed, .tensor(gradient), .scalar(.int(0)))]
            }
        }
    }
}
