import TensorEngine

extension Autodiff {
    /// One node for outputs ATen computes together (`std_mean` is StdMeanBackward0,
    /// `aminmax` AminmaxBackward0): each output's own node still computes its share, and
    /// the shares add up in output order, as ATen's combined formulas do. The outputs
    /// must come from nodes over the same inputs.
    public static func fused(_ name: String, _ outputs: [Tensor]) -> [Tensor] {
        let parts = outputs.map(\.gradFn)
        guard let first = parts.first ?? nil, parts.allSatisfy({ $0 != nil }) else { return outputs }
        let node = Node(name: name, edges: first.nextEdges, inputMetadata: first.inputMetadata, outputCount: outputs.count) { gradients, _ in
            var total = [Tensor?](repeating: nil, count: first.nextEdges.count)
            for (part, gradient) in zip(parts, gradients) {
                guard let part, let gradient else { continue }
                for (index, share) in try part.apply([gradient]).enumerated() where index < total.count {
                    guard let share else { continue }
                    total[index] = try total[index].map { try add($0, share) } ?? share
                }
            }
            return total
        }
        // It holds what its parts saved: freed after a backward pass like any node that saves.
        node.savedScalar = true
        for (index, output) in outputs.enumerated() { Recorder.attach(node, to: output, output: index) }
        return outputs
    }

    /// An op whose gradient ATen defines as zero everywhere (`div` with a rounding mode:
    /// DivBackward2), computed by `compute` without recording.
    public static func zeroGradient(_ name: String, inputs: [Tensor?], _ compute: () throws -> Tensor) throws -> Tensor {
        let output = try GradMode.with(false) { try compute() }
        return Recorder.record(name, inputs: inputs, output: output) { node in
            { gradient, _ in
                try (0..<inputs.count).map { index in
                    guard node.needsGradient(index), let input = inputs[index] else { return nil }
                    return try Tensor.zeros(shape: gradient.shape, dtype: input.dtype)
                }
            }
        }
    }

    /// `fmax`/`fmin`: the larger (smaller) of the two, where a NaN on one side yields the
    /// other. The winner takes the gradient (the input when `other` is NaN); a tie splits it.
    public static func nanIgnoringExtreme(largest: Bool, _ input: Tensor, _ other: Operand) throws -> Tensor {
        let output = try GradMode.with(false) {
            let extreme = try binary(largest ? .maximum : .minimum, .tensor(input), other)
            guard extreme.dtype.isFloatingPoint else { return extreme }
            let zero = Operand.tensor(try Tensor.zeros(shape: extreme.shape, dtype: extreme.dtype))
            let left = try binary(.add, .tensor(input), zero), right = try binary(.add, other, zero)
            let preferRight = try whereSelect(try unary(.isNaN, left), .tensor(right), .tensor(extreme))
            return try whereSelect(try unary(.isNaN, right), .tensor(left), .tensor(preferRight))
        }
        let otherTensor = other.tensorValue
        return Recorder.record(largest ? "FmaxBackward0" : "FminBackward0", inputs: [input, otherTensor], output: output) { node in
            let savedInput = node.save(input), savedOther = otherTensor.map { node.save($0) }
            return { gradient, node in
                let first = Operand.tensor(try savedInput.unpack())
                let second = try savedOther.map { Operand.tensor(try $0.unpack()) } ?? other
                let split = try TensorEngine.whereSelect(try TensorEngine.binary(.equal, first, second), .tensor(try div(gradient, 2)), .tensor(gradient))
                let otherNaN = try TensorEngine.binary(.notEqual, second, second)
                let inputWins = try TensorEngine.binary(.logicalOr, .tensor(try TensorEngine.binary(largest ? .greaterEqual : .lessEqual, first, second)), .tensor(otherNaN))
                let otherLoses = try TensorEngine.binary(.logicalOr, .tensor(try TensorEngine.binary(largest ? .greater : .less, first, second)), .tensor(otherNaN))
                let zero = Operand.scalar(.int(0))
                return [node.needsGradient(0) ? try split.maskedFill(try inputWins.unary(.logicalNot), zero) : nil,
                        node.needsGradient(1) ? try split.maskedFill(otherLoses, zero) : nil]
            }
        }
    }
}
