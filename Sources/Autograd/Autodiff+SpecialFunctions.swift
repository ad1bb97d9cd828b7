import Foundation
import TensorEngine

extension SpecialUnaryOp {
    /// PyTorch's node name.
    var backwardName: String {
        switch self {
        case .acosh: "AcoshBackward0"
        case .asinh: "AsinhBackward0"
        case .atanh: "AtanhBackward0"
        case .sinc: "SincBackward0"
        case .lgamma: "LgammaBackward0"
        case .digamma: "DigammaBackward0"
        case .polygamma: "PolygammaBackward0"
        case .erfcx: "SpecialErfcxBackward0"
        case .logNdtr: "SpecialLogNdtrBackward0"
        case .besselI0: "I0Backward0"
        case .besselI0Scaled: "SpecialI0EBackward0"
        case .besselI1: "SpecialI1Backward0"
        case .besselI1Scaled: "SpecialI1EBackward0"
        case .ndtri: "SpecialNdtriBackward0"
        }
    }
}

extension SpecialUnaryOp {
    var gradientReadsResult: Bool {
        switch self {
        case .besselI0Scaled, .besselI1, .besselI1Scaled, .ndtri: true
        default: false
        }
    }
}

extension Autodiff {
    /// The special functions, each with the formula of PyTorch's derivatives.yaml.
    public static func special(_ op: SpecialUnaryOp, _ input: Tensor) throws -> Tensor {
        let output = try input.special(op)
        return Recorder.record(op.backwardName, inputs: [input], output: output) { node in
            let saved = node.save(input)
            // Only the formulas that read the result save it, as in derivatives.yaml.
            let savedOutput = op.gradientReadsResult ? node.save(output, isOutput: true) : nil
            return { gradient, _ in
                let input = try saved.unpack()
                if let savedOutput { return [try resultGradient(op, gradient, input: input, output: try savedOutput.unpack())] }
                return [try specialGradient(op, gradient, input: input)]
            }
        }
    }

    /// derivatives.yaml's formulas that read the result (`gradientReadsResult`): the Bessel
    /// functions but i0, and ndtri.
    private static func resultGradient(_ op: SpecialUnaryOp, _ gradient: Tensor, input x: Tensor, output: Tensor) throws -> Tensor {
        switch op {
        case .besselI0Scaled:
            // grad · (i1e(x) − sgn(x)·i0e(x))
            return try mul(gradient, try sub(try x.special(.besselI1Scaled), try mul(try x.unary(.sign), output)))
        case .besselI1, .besselI1Scaled:
            // i1: i0(x) − i1(x)/x; i1e: i0e(x) − i1e(x)·(sgn(x) + 1/x); both ½ at 0.
            let scaled = op == .besselI1Scaled
            let correction = scaled ? try add(try x.unary(.sign), try x.unary(.reciprocal)) : try x.unary(.reciprocal)
            let derivative = try sub(try x.special(scaled ? .besselI0Scaled : .besselI0), try mul(output, correction))
            let atZero = try compare(.equal, x, 0)
            return try mul(gradient, try whereSelect(atZero, .scalar(.float(0.5)), .tensor(derivative)))
        case .ndtri:
            // grad · √(2π) · exp(result² / 2)
            let exponential = try div(try mul(output, output), 2.0).unary(.exp)
            return try mul(try mul(gradient, (2 * Double.pi).squareRoot()), exponential)
        default: throw TensorError.runtime("\(op.backwardName) reads no result; its gradient is in specialGradient")
        }
    }

    private static func specialGradient(_ op: SpecialUnaryOp, _ gradient: Tensor, input x: Tensor) throws -> Tensor {
        switch op {
        case .acosh: return try mul(gradient, try add(try mul(x, x), -1).unary(.rsqrt))
        case .asinh: return try mul(gradient, try add(try mul(x, x), 1).unary(.rsqrt))
        case .atanh: return try mul(gradient, try sub(1, try mul(x, x)).unary(.reciprocal))
        case .lgamma: return try mul(gradient, try x.special(.digamma))
        case .besselI0: return try mul(gradient, try x.special(.besselI1))
        case .digamma: return try mul(gradient, try x.special(.polygamma(1)))
        case let .polygamma(order): return try mul(gradient, try x.special(.polygamma(order + 1)))
        case .erfcx:
            // (2·x·result − 2/√π) · grad
            return try mul(try add(try mul(try mul(2.0, x), try x.special(.erfcx)), -2 / Double.pi.squareRoot()), gradient)
        case .logNdtr:
            // grad / √(2π) · exp(−(result + x²/2))
            let exponent = try neg(try add(try x.special(.logNdtr), try div(try mul(x, x), 2.0)))
            return try mul(try div(gradient, (2 * Double.pi).squareRoot()), try exponent.unary(.exp))
        case .sinc:
            // ((πx)·cos(πx) − sin(πx)) / (πx²), and 0 where x is 0.
            let scaled = try mul(Double.pi, x)
            let numerator = try sub(try mul(scaled, try scaled.unary(.cos)), try scaled.unary(.sin))
            let derivative = try div(numerator, try mul(scaled, x))
            let atZero = try compare(.equal, x, 0)
            return try mul(gradient, try whereSelect(atZero, .scalar(.int(0)), .tensor(derivative)))
        default: throw TensorError.runtime("\(op.backwardName) reads its result; its gradient is in resultGradient")
        }
    }

    /// `logaddexp`, `xlogy` and the other two-input special functions.
    public static func specialBinary(_ op: SpecialBinaryOp, _ a: Operand, _ b: Operand) throws -> Tensor {
        let output = try TensorEngine.specialBinary(op, a, b)
        let left = a.tensorValue, right = b.tensorValue
        let name: String
        switch op {
        case .logaddexp: name = "LogaddexpBackward0"
        case .logaddexp2: name = "Logaddexp2Backward0"
        case .xlogy: name = left == nil ? "XlogyBackward1" : (right == nil ? "XlogyBackward2" : "XlogyBackward0")
        case .xlog1py: name = left == nil ? "SpecialXlog1PyBackward1" : (right == nil ? "SpecialXlog1PyBackward2" : "SpecialXlog1PyBackward0")
        case .copysign: name = right == nil ? "CopysignBackward1" : "CopysignBackward0"
        case .nextafter, .gcd, .lcm: return output
        }
        return Recorder.record(name, inputs: [left, right], output: output) { node in
            let needA = node.needsGradient(0), needB = node.needsGradient(1)
            return { gradient, _ in
                try specialBinaryGradient(op, gradient, a, b, output: output, needs: (needA, needB))
            }
        }
    }

    private static func specialBinaryGradient(_ op: SpecialBinaryOp, _ gradient: Tensor, _ a: Operand, _ b: Operand,
                                              output: Tensor, needs: (Bool, Bool)) throws -> [Tensor?] {
        let x = try floatOperand(a, like: output), y = try floatOperand(b, like: output)
        switch op {
        case .logaddexp, .logaddexp2:
            // grad / (1 + e^(other − self)), with 2^ for logaddexp2.
            let exponential: (Tensor) throws -> Tensor = { op == .logaddexp ? try $0.unary(.exp) : try $0.unary(.exp2) }
            let gradA = try div(gradient, try add(try exponential(try sub(y, x)), 1))
            let gradB = try div(gradient, try add(try exponential(try sub(x, y)), 1))
            return [needs.0 ? gradA : nil, needs.1 ? gradB : nil]
        case .xlogy, .xlog1py:
            // xlogy: grad·xlogy(x ≠ 0, y) and grad·x/y; xlog1py: the same with log1p and y + 1.
            let nonZero = try compare(.notEqual, x, 0).to(output.dtype)
            let gradA = try mul(gradient, try TensorEngine.specialBinary(op, .tensor(nonZero), .tensor(y)))
            let gradB = try div(try mul(gradient, x), op == .xlogy ? y : try add(y, 1))
            return [needs.0 ? gradA : nil, needs.1 ? gradB : nil]
        default:
            // copysign: grad · result / self where self ≠ 0; the sign operand gets none.
            let ratio = try div(output, x)
            let safe = try whereSelect(try compare(.equal, x, 0), .scalar(.int(0)), .tensor(ratio))
            return [needs.0 ? try mul(gradient, safe) : nil, nil]
        }
    }

    private static func floatOperand(_ operand: Operand, like output: Tensor) throws -> Tensor {
        switch operand {
        case let .tensor(tensor): return tensor.dtype == output.dtype ? tensor : try tensor.to(output.dtype)
        case let .scalar(scalar): return try Factory.full(shape: [], value: scalar, dtype: output.dtype)
        }
    }
}

extension Autodiff {
    /// `sgn` of a real tensor is its sign, recorded as SgnBackward0 (a zero gradient).
    public static func signOfReal(_ input: Tensor) throws -> Tensor {
        // A bool tensor is its own sign.
        let output = input.dtype == .bool ? try input.clone() : try input.unary(.sign)
        return Recorder.record("SgnBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in [try zerosLike(gradient)] }
        }
    }

    /// `hardshrink` keeps x outside [−λ, λ] and writes 0 inside; `softshrink` also moves
    /// the kept values λ towards 0 and writes x·0 inside (so NaN and −0 survive, as in
    /// PyTorch's kernel). Both pass the gradient outside [−λ, λ].
    public static func shrink(_ input: Tensor, lambda: Double, soft: Bool) throws -> Tensor {
        let name = soft ? "softshrink" : "hardshrink"
        guard input.dtype.isFloatingPoint else {
            let kernel = soft && input.dtype != .bool ? "softshrink_check" : "\(name)_cpu"
            throw TensorError.kernelNotImplemented(kernel, input.dtype)
        }
        if soft && lambda < 0 {
            // C++ stream formatting of the dtype's largest value and of λ.
            let largest = input.dtype == .float64 ? "1.79769e+308" : (input.dtype == .float16 ? "65504" : "3.38953e+38")
            let bound = input.dtype == .float32 ? "3.40282e+38" : largest
            throw TensorError.runtime("lambda must be in range [0, \(bound)] for input dtype \(input.dtype.scalarTypeName), but found \(String(format: "%g", lambda))")
        }
        let lambdaScalar = Operand.scalar(.float(lambda))
        let inside = try TensorEngine.binary(.logicalAnd, .tensor(try compare(.greaterEqual, input, -lambda)),
                                             .tensor(try compare(.lessEqual, input, lambda)))
        let output: Tensor
        if soft {
            let zeroed = try TensorEngine.binary(.multiply, .tensor(input), .scalar(.int(0)))
            let above = try TensorEngine.binary(.subtract, .tensor(input), lambdaScalar)
            let below = try TensorEngine.binary(.add, .tensor(input), lambdaScalar)
            let lower = try whereSelect(try compare(.less, input, -lambda), .tensor(below), .tensor(zeroed))
            output = try whereSelect(try compare(.greater, input, lambda), .tensor(above), .tensor(lower))
        } else {
            output = try whereSelect(inside, .scalar(.int(0)), .tensor(input))
        }
        let nodeName = soft ? "SoftshrinkBackward0" : "HardshrinkBackward0"
        return Recorder.record(nodeName, inputs: [input], output: output) { _ in
            { gradient, _ in [try whereSelect(inside, .scalar(.int(0)), .tensor(gradient))] }
        }
    }
}
