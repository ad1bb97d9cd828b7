import Foundation
import TensorEngine

extension UnaryOp {
    /// PyTorch's node name, or nil for ops with no gradient (comparisons, bit ops).
    var backwardName: String? {
        switch self {
        case .negate: "NegBackward0"
        case .abs: "AbsBackward0"
        case .sign: "SignBackward0"
        case .square: "PowBackward0"
        case .reciprocal: "ReciprocalBackward0"
        case .sqrt: "SqrtBackward0"
        case .rsqrt: "RsqrtBackward0"
        case .exp: "ExpBackward0"
        case .exp2: "Exp2Backward0"
        case .expm1: "Expm1Backward0"
        case .log: "LogBackward0"
        case .log2: "Log2Backward0"
        case .log10: "Log10Backward0"
        case .log1p: "Log1PBackward0"
        case .sin: "SinBackward0"
        case .cos: "CosBackward0"
        case .tan: "TanBackward0"
        case .asin: "AsinBackward0"
        case .acos: "AcosBackward0"
        case .atan: "AtanBackward0"
        case .sinh: "SinhBackward0"
        case .cosh: "CoshBackward0"
        case .tanh: "TanhBackward0"
        case .sigmoid: "SigmoidBackward0"
        case .relu: "ReluBackward0"
        case .floor: "FloorBackward0"
        case .ceil: "CeilBackward0"
        case .round: "RoundBackward0"
        case .trunc: "TruncBackward0"
        case .frac: "FracBackward0"
        case .erf: "ErfBackward0"
        case .erfc: "ErfcBackward0"
        case .logicalNot, .bitwiseNot, .isNaN, .isInf, .isFinite, .signbit: nil
        }
    }

    /// Formulas written in terms of the result save the output, the rest the input.
    var formulaNeedsOutput: Bool {
        switch self {
        case .reciprocal, .sqrt, .rsqrt, .exp, .exp2, .expm1, .tan, .tanh, .sigmoid, .relu: true
        default: false
        }
    }

    var formulaNeedsInput: Bool {
        switch self {
        case .abs, .square, .log, .log2, .log10, .log1p, .sin, .cos, .asin, .acos, .atan, .sinh, .cosh, .erf, .erfc: true
        default: false
        }
    }
}

/// The gradient of a unary op, in the operation order of PyTorch's formula.
func unaryGradient(_ op: UnaryOp, _ gradient: Tensor, input x: Tensor?, output y: Tensor?) throws -> Tensor {
    switch op {
    case .negate: return try neg(gradient)
    case .abs: return try mul(gradient, try x!.unary(.sign))
    case .sign, .floor, .ceil, .round, .trunc: return try zerosLike(gradient)
    case .frac: return gradient
    case .square: return try mul(gradient, try mul(2.0, x!))
    case .reciprocal: return try mul(try neg(gradient), try mul(y!, y!))
    case .sqrt: return try div(gradient, try mul(2.0, y!))
    case .rsqrt: return try mul(try mul(-0.5, gradient), try mul(try mul(y!, y!), y!))
    case .exp: return try mul(gradient, y!)
    case .exp2: return try mul(gradient, try mul(y!, M_LN2))
    case .expm1: return try mul(gradient, try add(y!, 1))
    case .log: return try div(gradient, x!)
    case .log2: return try div(gradient, try mul(x!, M_LN2))
    case .log10: return try div(gradient, try mul(x!, M_LN10))
    case .log1p: return try div(gradient, try add(x!, 1))
    case .sin: return try mul(gradient, try x!.unary(.cos))
    case .cos: return try mul(gradient, try neg(try x!.unary(.sin)))
    case .tan: return try mul(gradient, try add(try mul(y!, y!), 1))
    case .asin: return try mul(gradient, try add(try mul(try neg(x!), x!), 1).unary(.rsqrt))
    case .acos: return try mul(gradient, try neg(try add(try mul(try neg(x!), x!), 1).unary(.rsqrt)))
    case .atan: return try div(gradient, try add(try mul(x!, x!), 1))
    case .sinh: return try mul(gradient, try x!.unary(.cosh))
    case .cosh: return try mul(gradient, try x!.unary(.sinh))
    case .tanh: return try mul(gradient, try sub(1, try mul(y!, y!)))
    case .sigmoid: return try mul(try mul(gradient, try sub(1, y!)), y!)
    case .relu: return try whereSelect(try compare(.lessEqual, y!, 0), .scalar(.int(0)), .tensor(gradient))
    case .erf, .erfc:
        let scale = (op == .erf ? 2.0 : -2.0) / Foundation.sqrt(Double.pi)
        let bell = try neg(try mul(x!, x!)).unary(.exp)
        return try mul(try mul(scale, bell), gradient)
    case .logicalNot, .bitwiseNot, .isNaN, .isInf, .isFinite, .signbit: return try zerosLike(gradient)
    }
}
