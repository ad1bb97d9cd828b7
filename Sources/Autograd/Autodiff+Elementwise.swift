import Foundation
import TensorEngine

extension Autodiff {
    public static func unary(_ op: UnaryOp, _ input: Tensor) throws -> Tensor {
        let output = try input.unary(op)
        guard let name = op.backwardName, Recorder.shouldRecord([input]) else { return output }
        return Recorder.record(name, inputs: [input], output: output) { node in
            let needsInput = op.formulaNeedsInput, needsOutput = op.formulaNeedsOutput
            let savedInput = needsInput ? node.save(input) : nil
            let savedOutput = needsOutput ? node.save(output, isOutput: true) : nil
            return { gradient, _ in
                [try unaryGradient(op, gradient, input: try savedInput?.unpack(), output: try savedOutput?.unpack())]
            }
        }
    }

    /// `backwardName` names the node where PyTorch composes the op in C++ with a Scalar
    /// (DivBackward1, MulBackward1) rather than with the tensor Python makes of a number.
    public static func binary(_ op: BinaryOp, _ a: Operand, _ b: Operand, backwardName: String? = nil) throws -> Tensor {
        let output = try TensorEngine.binary(op, a, b)
        let left = a.tensorValue, right = b.tensorValue
        if op == .floorDivide {
            markDerivativeNotImplemented(output, inputs: [left, right], aten: "floor_divide")
            return output
        }
        guard Recorder.shouldRecord([left, right]), let name = backwardName ?? binaryBackwardName(op, a, b) else { return output }
        // `pow(Tensor, Scalar)` is its own overload, whose node has the one edge.
        let inputs = op == .power && right == nil ? [left] : [left, right]
        return Recorder.record(name, inputs: inputs, output: output) { node in
            binaryFormula(op, a, b, output: output, node: node)
        }
    }
}

extension Operand {
    public var tensorValue: Tensor? {
        if case let .tensor(tensor) = self { return tensor }
        return nil
    }
}

private func binaryBackwardName(_ op: BinaryOp, _ a: Operand, _ b: Operand) -> String? {
    switch op {
    case .add: return "AddBackward0"
    case .subtract: return a.tensorValue == nil ? "RsubBackward1" : "SubBackward0"
    case .multiply: return "MulBackward0"
    // `2 / x` is `x.reciprocal() * 2` in PyTorch.
    case .divide: return a.tensorValue == nil ? "MulBackward0" : "DivBackward0"
    case .power:
        if a.tensorValue == nil { return "PowBackward2" }
        return b.tensorValue == nil ? "PowBackward0" : "PowBackward1"
    case .maximum: return "MaximumBackward0"
    case .minimum: return "MinimumBackward0"
    case .atan2: return "Atan2Backward0"
    case .remainder: return "RemainderBackward0"
    default: return nil
    }
}

private func binaryFormula(_ op: BinaryOp, _ a: Operand, _ b: Operand, output: Tensor, node: Node)
    -> (Tensor, Node) throws -> [Tensor?]
{
    // Python numbers need no saving: only tensors can change in place.
    func saved(_ operand: Operand, when needed: Bool) -> SavedOperand? {
        guard needed else { return nil }
        switch operand {
        case let .tensor(tensor): return .tensor(node.save(tensor))
        case let .scalar(scalar):
            node.savedScalar = true
            return .scalar(scalar)
        }
    }
    let needA = node.needsGradient(0), needB = node.needsGradient(1)
    switch op {
    case .add, .subtract:
        let sign: Double = op == .subtract ? -1 : 1
        // A Python number on the left: `2 + x` passes the gradient, `2 - x` negates it.
        let scalarLeft = a.tensorValue == nil
        return { gradient, _ in
            if scalarLeft { return [nil, sign < 0 ? try neg(gradient) : gradient] }
            return [needA ? gradient : nil, needB ? (sign < 0 ? try neg(gradient) : gradient) : nil]
        }
    case .multiply:
        let savedA = saved(a, when: needB), savedB = saved(b, when: needA)
        return { gradient, _ in
            [try savedB.map { try TensorEngine.binary(.multiply, .tensor(gradient), try $0.operand()) },
             try savedA.map { try TensorEngine.binary(.multiply, .tensor(gradient), try $0.operand()) }]
        }
    case .divide:
        let savedA = saved(a, when: needB), savedB = saved(b, when: needA || needB)
        return { gradient, _ in
            let divisor = try savedB?.operand()
            let gradA = needA ? try TensorEngine.binary(.divide, .tensor(gradient), divisor!) : nil
            var gradB: Tensor?
            if needB, let divisor, let dividend = try savedA?.operand() {
                let quotient = try TensorEngine.binary(.divide, dividend, divisor)
                gradB = try mul(try neg(gradient), try TensorEngine.binary(.divide, .tensor(quotient), divisor))
            }
            return [gradA, gradB]
        }
    case .power:
        return powerFormula(a, b, output: output, node: node)
    case .maximum, .minimum:
        let savedA = saved(a, when: true)!, savedB = saved(b, when: true)!
        let keepsA: BinaryOp = op == .maximum ? .greater : .less
        return { gradient, _ in
            let x = try savedA.operand(), y = try savedB.operand()
            let equal = try TensorEngine.binary(.equal, x, y)
            let half = try whereSelect(equal, .tensor(try div(gradient, 2)), .tensor(gradient))
            let aWins = try TensorEngine.binary(keepsA, x, y), bWins = try TensorEngine.binary(keepsA, y, x)
            return [needA ? try half.maskedFill(bWins, .scalar(.int(0))) : nil,
                    needB ? try half.maskedFill(aWins, .scalar(.int(0))) : nil]
        }
    case .atan2:
        let savedA = saved(a, when: true)!, savedB = saved(b, when: true)!
        return { gradient, _ in
            let x = try savedA.operand(), y = try savedB.operand()
            let squares = try TensorEngine.binary(.add, .tensor(try TensorEngine.binary(.multiply, x, x)), .tensor(try TensorEngine.binary(.multiply, y, y)))
            let recip = try squares.unary(.reciprocal)
            return [needA ? try mul(gradient, try TensorEngine.binary(.multiply, y, .tensor(recip))) : nil,
                    needB ? try mul(gradient, try neg(try TensorEngine.binary(.multiply, x, .tensor(recip)))) : nil]
        }
    default:
        // remainder: the gradient of the dividend passes through unchanged.
        return { gradient, _ in [needA ? gradient : nil, nil] }
    }
}

private func powerFormula(_ base: Operand, _ exponent: Operand, output: Tensor, node: Node)
    -> (Tensor, Node) throws -> [Tensor?]
{
    let needBase = node.needsGradient(0), needExponent = node.needsGradient(1)
    let savedBase = base.tensorValue.map { node.save($0) }
    let savedExponent = exponent.tensorValue.map { node.save($0) }
    let savedOutput = needExponent ? node.save(output, isOutput: true) : nil
    return { gradient, _ in
        let x: Operand = try savedBase.map { .tensor(try $0.unpack()) } ?? base
        let p: Operand = try savedExponent.map { .tensor(try $0.unpack()) } ?? exponent
        var gradBase: Tensor?
        if needBase, case let .tensor(xTensor) = x {
            if case let .scalar(scalar) = p {
                let value = scalar.doubleValue
                if value == 0 {
                    gradBase = try zerosLike(xTensor)
                } else {
                    let lowered = try TensorEngine.binary(.power, x, .scalar(.float(value - 1)))
                    gradBase = try mul(gradient, try mul(value, lowered))
                }
            } else if case let .tensor(pTensor) = p {
                let lowered = try TensorEngine.binary(.power, x, .tensor(try TensorEngine.binary(.subtract, .tensor(pTensor), .scalar(.int(1)))))
                let full = try mul(gradient, try mul(pTensor, lowered))
                gradBase = try whereSelect(try compare(.equal, pTensor, 0), .scalar(.int(0)), .tensor(full))
            }
        }
        var gradExponent: Tensor?
        if needExponent, case let .tensor(pTensor) = p, let result = try savedOutput?.unpack() {
            let logBase: Operand
            switch x {
            case let .tensor(xTensor): logBase = .tensor(try xTensor.unary(.log))
            case let .scalar(scalar): logBase = .scalar(.float(Foundation.log(scalar.doubleValue)))
            }
            let term = try TensorEngine.binary(.multiply, .tensor(result), logBase)
            let baseZero = try TensorEngine.binary(.equal, x, .scalar(.int(0)))
            let mask = try TensorEngine.binary(.logicalAnd, .tensor(baseZero), .tensor(try compare(.greaterEqual, pTensor, 0)))
            gradExponent = try mul(gradient, try whereSelect(mask, .scalar(.int(0)), .tensor(term)))
        }
        return [gradBase, gradExponent]
    }
}

/// A saved operand of a binary op: a tensor with its version, or a Python number.
enum SavedOperand {
    case tensor(SavedTensor)
    case scalar(Scalar)

    func operand() throws -> Operand {
        switch self {
        case let .tensor(saved): .tensor(try saved.unpack())
        case let .scalar(scalar): .scalar(scalar)
        }
    }
}

extension Autodiff {
    /// `erfinv` (ErfinvBackward0): grad · √π/2 · exp(erfinv(x)²).
    public static func erfinv(_ input: Tensor) throws -> Tensor {
        let output = try input.erfinv()
        return Recorder.record("ErfinvBackward0", inputs: [input], output: output) { node in
            let saved = node.save(output, isOutput: true)
            return { gradient, _ in
                let y = try saved.unpack()
                return [try mul(try mul(0.5 * Double.pi.squareRoot(), try mul(y, y).unary(.exp)), gradient)]
            }
        }
    }
}
