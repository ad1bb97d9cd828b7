import Interpreter
import PySyntax
import TensorEngine

/// Operators: elementwise arithmetic with broadcasting spelled out, temperatures before
/// a softmax, matrix products, and integer division in shape arithmetic.
struct ArithmeticExplainer: OperationExplainer {
    func explain(_ evaluation: Evaluation) -> OperationText? {
        switch evaluation.expr.kind {
        case let .binary(op, left, right):
            return binary(op, left, right, evaluation)
        case let .unary(op, operand):
            guard evaluation.tensor(of: operand) != nil else { return nil }
            switch op {
            case .negate: return OperationText(operation: "negate", text: "negates every element")
            case .invert: return OperationText(operation: "invert", text: "logical/bitwise not of every element")
            default: return nil
            }
        case .compare:
            guard let output = evaluation.tensorResult else { return nil }
            return OperationText(operation: "compare", text: "compares elementwise: a bool tensor of shape \(shapeText(output.shape)); \(output.bools().filter { $0 }.count) of \(output.count) are True")
        default:
            return nil
        }
    }

    private func binary(_ op: BinaryOperator, _ left: Expr, _ right: Expr, _ evaluation: Evaluation) -> OperationText? {
        guard let leftValue = evaluation.value(of: left), let rightValue = evaluation.value(of: right) else { return nil }
        let leftText = evaluation.text(of: left)
        let rightText = evaluation.text(of: right)
        if op == .floorDivide, let a = intValue(leftValue), let b = intValue(rightValue), evaluation.tensorResult == nil, b != 0 {
            let quotient = Int((Double(a) / Double(b)).rounded(.down))
            let remainder = a - quotient * b
            let detail = remainder == 0 ? "remainder 0, exact" : "rounded down from \(compact(Double(a) / Double(b))); remainder \(remainder)"
            return OperationText(operation: "floor-divide", text: "integer division \(a) // \(b) = \(quotient) (\(detail))")
        }
        guard let output = evaluation.tensorResult else { return nil }
        if op == .matrixMultiply { return matmul(evaluation, leftValue, rightValue, output) }
        let leftTensor = evaluation.tensor(of: left)
        let rightTensor = evaluation.tensor(of: right)
        var notes: [String] = []
        var text: String
        if let leftTensor, let rightTensor, leftTensor.rank == 0, rightTensor.rank == 0 {
            text = "0-dim tensors (single numbers): \(compact(leftTensor.doubles()[0])) \(op.rawValue) \(compact(rightTensor.doubles()[0])) = \(output.count == 1 ? compact(output.doubles()[0]) : "?")"
        } else if let leftTensor, let rightTensor {
            text = "\(verb(op)) elementwise, \(shapeText(leftTensor.shape)) \(op.rawValue) \(shapeText(rightTensor.shape)) → \(shapeText(output.shape))"
            notes += broadcastNotes([(leftText, leftTensor), (rightText, rightTensor)], output: output, op: op, evaluation)
            if leftTensor.dtype != output.dtype || rightTensor.dtype != output.dtype {
                notes.append("dtype promotion: \(leftTensor.dtype.rawValue) \(op.rawValue) \(rightTensor.dtype.rawValue) gives \(output.dtype.rawValue)")
            }
        } else if let leftTensor, let scalar = doubleValue(rightValue) {
            if op == .divide, feedsSoftmax(evaluation) {
                let temperature = TensorFacts.Temperature(value: scalar, text: rightText)
                text = "divides every logit by the temperature \(temperature.phrase)" + temperatureEffect(scalar)
            } else {
                text = scalarText(op, tensorText: "`\(leftText)`", scalarText: scalarPhrase(rightText, scalar), tensorOnLeft: true)
            }
            if leftTensor.dtype != output.dtype { notes.append("the dtype changes \(leftTensor.dtype.rawValue) → \(output.dtype.rawValue)") }
        } else if let rightTensor, let scalar = doubleValue(leftValue) {
            text = scalarText(op, tensorText: "`\(rightText)`", scalarText: scalarPhrase(leftText, scalar), tensorOnLeft: false)
            if rightTensor.dtype != output.dtype { notes.append("the dtype changes \(rightTensor.dtype.rawValue) → \(output.dtype.rawValue)") }
        } else {
            return nil
        }
        return OperationText(operation: operationName(op), text: text, notes: notes)
    }

    private func feedsSoftmax(_ evaluation: Evaluation) -> Bool {
        var node = evaluation.index.parent(of: evaluation.expr)
        while let current = node, case .binary(.divide, _, _) = current.kind { node = evaluation.index.parent(of: current) }
        guard let parent = node, case let .call(callee, _) = parent.kind else { return false }
        let name = evaluation.text(of: callee).split(separator: ".").last.map(String.init) ?? ""
        // Read from what the code calls it, so `self.softmax(...)`, `nn.Softmax` and a helper
        // named `masked_softmax` all count.
        return name.lowercased().hasSuffix("softmax")
    }

    /// A scalar operand for a sentence: `2.0` as written, or "`alpha` (= 0.7)" for a name.
    private func scalarPhrase(_ text: String, _ value: Double) -> String {
        isNumberLiteral(text) ? text : "`\(text)` (= \(compact(value)))"
    }

    private func temperatureEffect(_ temperature: Double) -> String {
        if temperature > 1 { return ": the distribution the softmax makes of it gets flatter" }
        if temperature < 1 && temperature > 0 { return ": the distribution the softmax makes of it gets sharper" }
        if temperature == 1 { return ": T = 1 changes nothing" }
        return ""
    }

    private func scalarText(_ op: BinaryOperator, tensorText: String, scalarText: String, tensorOnLeft: Bool) -> String {
        switch op {
        case .add: return "adds \(scalarText) to every element of \(tensorText)"
        case .subtract: return tensorOnLeft ? "subtracts \(scalarText) from every element of \(tensorText)" : "subtracts every element of \(tensorText) from \(scalarText)"
        case .multiply: return "multiplies every element of \(tensorText) by \(scalarText)"
        case .divide: return tensorOnLeft ? "divides every element of \(tensorText) by \(scalarText)" : "divides \(scalarText) by every element of \(tensorText)"
        case .power: return tensorOnLeft ? "raises every element of \(tensorText) to the power \(scalarText)" : "raises \(scalarText) to the power of each element of \(tensorText)"
        case .floorDivide: return tensorOnLeft
            ? "floor-divides every element of \(tensorText) by \(scalarText), rounding down (toward −∞, so -7 // 2 = -4)"
            : "floor-divides \(scalarText) by every element of \(tensorText), rounding down (toward −∞)"
        case .modulo: return tensorOnLeft
            ? "takes every element of \(tensorText) modulo \(scalarText); as in Python, the result has the sign of the divisor"
            : "takes \(scalarText) modulo every element of \(tensorText); as in Python, the result has the sign of the divisor"
        default: return "applies `\(op.rawValue)` with \(scalarText) to every element of \(tensorText)"
        }
    }

    private func verb(_ op: BinaryOperator) -> String {
        switch op {
        case .add: "adds"
        case .subtract: "subtracts"
        case .multiply: "multiplies"
        case .divide: "divides"
        case .floorDivide: "floor-divides (rounding down)"
        case .modulo: "takes the remainder (with the divisor's sign)"
        case .power: "raises to a power"
        default: "applies `\(op.rawValue)`"
        }
    }

    private func operationName(_ op: BinaryOperator) -> String {
        switch op {
        case .add: "add"
        case .subtract: "subtract"
        case .multiply: "multiply"
        case .divide: "divide"
        case .floorDivide: "floor-divide"
        case .modulo: "remainder"
        case .power: "power"
        default: op.rawValue
        }
    }

    private func matmul(_ evaluation: Evaluation, _ left: Value, _ right: Value, _ output: Tensor) -> OperationText? {
        guard case let .tensor(a) = left, case let .tensor(b) = right else { return nil }
        return OperationText(operation: "matmul", text: matmulText(a.shape, b.shape, output.shape))
    }

    /// Which operand was repeated along which output dims, with the dims' names.
    func broadcastNotes(_ operands: [(text: String, tensor: Tensor)], output: Tensor, op: BinaryOperator, _ evaluation: Evaluation) -> [String] {
        let labels = operands.lazy.compactMap { operand -> [String]? in
            let labels = evaluation.facts[operand.tensor].dimLabels
            return labels?.count == output.rank && operand.tensor.shape == output.shape ? labels : nil
        }.first
        var notes: [String] = []
        for operand in operands where operand.tensor.shape != output.shape {
            let padded = Array(repeating: 1, count: output.rank - operand.tensor.rank) + operand.tensor.shape
            let repeated = (0..<output.rank).filter { padded[$0] == 1 && output.shape[$0] > 1 }
            guard !repeated.isEmpty else { continue }
            let dims = repeated.map { dim -> String in
                if let labels, Int(labels[dim]) == nil { return "dim \(dim) (\(labels[dim]) = \(output.shape[dim]))" }
                return "dim \(dim) (\(output.shape[dim])×)"
            }
            var note = "broadcast: `\(operand.text)` \(shapeText(operand.tensor.shape))"
            if operand.tensor.rank < output.rank { note += ", aligned from the right as \(shapeText(padded)),"}
            note += " is repeated along \(dims.joined(separator: " and ")) to match \(shapeText(output.shape)), without copying"
            if operand.text.lowercased().contains("mask") {
                note += ": the same mask is \(op == .add ? "added" : "used") at every index of \(repeated.count == 1 ? "that dim" : "those dims")"
            }
            notes.append(note)
        }
        return notes
    }
}

/// `@`, `matmul`, `mm`, `bmm` in words, by the ranks of the operands: a dot product, a
/// matrix-vector product, a matrix product, or a batch of them with broadcast batch dims.
func matmulText(_ a: [Int], _ b: [Int], _ output: [Int]) -> String {
    let inner = a.last ?? 1
    let sums = "each output entry sums \(plural(inner, "product")) over the shared inner dim"
    switch (a.count, b.count) {
    case (1, 1): return "dot product of two vectors of \(a[0]): \(shapeText(a)) @ \(shapeText(b)) → a single number, shape []"
    case (2, 2): return "matrix product \(shapeText(a)) @ \(shapeText(b)) → \(shapeText(output)): \(sums)"
    case (_, 1): return "matrix-vector product \(shapeText(a)) @ \(shapeText(b)) → \(shapeText(output)): each output entry is the dot product of one row with the vector (\(plural(inner, "product")))"
    case (1, _): return "vector-matrix product \(shapeText(a)) @ \(shapeText(b)) → \(shapeText(output)): the vector is treated as a single row, which is removed again afterwards; \(sums)"
    default:
        let batchA = Array(a.dropLast(2))
        let batchB = Array(b.dropLast(2))
        let batch = Array(output.dropLast(2))
        var text = "batched matrix product \(shapeText(a)) @ \(shapeText(b)) → \(shapeText(output)): the last two dims multiply as matrices, \(shapeText(Array(a.suffix(2)))) @ \(shapeText(Array(b.suffix(2)))) → \(shapeText(Array(output.suffix(2)))), once for each of the \(batch.reduce(1, *)) batch positions \(shapeText(batch))"
        if batchA != batch || batchB != batch {
            text += "; the batch dims \(shapeText(batchA)) and \(shapeText(batchB)) broadcast to \(shapeText(batch))"
        }
        return text + "; \(sums)"
    }
}
