import Glibc

/// Unary elementwise ops. Floating ops on integer tensors compute in the default float
/// dtype, as PyTorch's "int to float" unary ops do.
public enum UnaryOp: String, Sendable {
    case negate, abs, sign, square, reciprocal, sqrt, rsqrt
    case exp, exp2, expm1, log, log2, log10, log1p
    case sin, cos, tan, asin, acos, atan, sinh, cosh, tanh
    case sigmoid, relu, floor, ceil, round, trunc, frac, erf, erfc
    case logicalNot, bitwiseNot, isNaN, isInf, isFinite, signbit

    /// Ops whose integer input stays integer (the rest promote to float).
    var keepsIntegerType: Bool {
        switch self {
        case .negate, .abs, .sign, .square, .relu, .floor, .ceil, .round, .trunc, .bitwiseNot: true
        default: false
        }
    }

    public var producesBool: Bool {
        switch self {
        case .logicalNot, .isNaN, .isInf, .isFinite, .signbit: true
        default: false
        }
    }
}

extension Tensor {
    public func unary(_ op: UnaryOp) throws -> Tensor {
        if op.producesBool { return try booleanUnary(op) }
        if op == .bitwiseNot {
            if dtype.isFloatingPoint {
                throw TensorError.type("~ (operator.invert) is only implemented on integer and Boolean-type tensors")
            }
            if dtype == .bool { return try map(Bool.self, Bool.self) { !$0 } }
        }
        if op == .negate, dtype == .bool {
            throw TensorError(.notImplementedError,
                "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
        }
        let outputType: DType = dtype.isFloatingPoint || op.keepsIntegerType
            ? (dtype == .bool && op != .relu && op != .abs ? .int64 : dtype) : defaultFloatDType
        switch outputType {
        case .float16, .bfloat16:
            // PyTorch computes in float32 and rounds to the 16-bit dtype; converting the
            // double result goes through Float, so this rounds the same way.
            return try map(Double.self, Double.self, floatingFunction(op)).to(outputType)
        case .float32:
            return try floatingUnary(op, Float.self)
        case .float64:
            return try floatingUnary(op, Double.self)
        case .bool:
            return try map(Bool.self, Bool.self) { $0 }
        case .uint8: return try integerUnary(op, UInt8.self)
        case .int8: return try integerUnary(op, Int8.self)
        case .int16: return try integerUnary(op, Int16.self)
        case .int32: return try integerUnary(op, Int32.self)
        case .int64: return try integerUnary(op, Int64.self)
        }
    }

    private func integerUnary<T: IntegerTensorElement>(_ op: UnaryOp, _ type: T.Type) throws -> Tensor {
        switch op {
        case .negate: return try map(T.self, T.self) { 0 &- $0 }
        case .abs: return try map(T.self, T.self) { $0 < 0 ? 0 &- $0 : $0 }
        case .sign: return try map(T.self, T.self) { $0 > 0 ? 1 : ($0 < 0 ? 0 &- 1 : 0) }
        case .square: return try map(T.self, T.self) { $0 &* $0 }
        case .relu: return try map(T.self, T.self) { Swift.max($0, 0) }
        case .bitwiseNot: return try map(T.self, T.self) { ~$0 }
        default: return try map(T.self, T.self) { $0 }
        }
    }

    private func booleanUnary(_ op: UnaryOp) throws -> Tensor {
        switch op {
        case .logicalNot: return try map(Bool.self, Bool.self) { !$0 }
        case .isNaN: return try map(Double.self, Bool.self) { $0.isNaN }
        case .isInf: return try map(Double.self, Bool.self) { $0.isInfinite }
        case .isFinite: return try map(Double.self, Bool.self) { $0.isFinite }
        default: return try map(Double.self, Bool.self) { $0.sign == .minus }
        }
    }

    /// A new contiguous tensor of `Output` elements computed from this one's elements
    /// read as `Input`.
    public func map<Input: TensorElement, Output: TensorElement>(
        _ input: Input.Type, _ output: Output.Type, _ body: (Input) -> Output
    ) throws -> Tensor {
        let source = try to(Input.dtype)
        let result = try Tensor.uninitialized(shape: shape, dtype: Output.dtype)
        runElementwise(source, into: result, body)
        return result
    }

    /// The floating ops whose bodies are simple enough to inline get their own loops;
    /// the rest call the double-precision function, rounding once to `T`.
    private func floatingUnary<T: TensorElement & BinaryFloatingPoint>(_ op: UnaryOp, _ type: T.Type) throws -> Tensor {
        switch op {
        case .negate: return try map(T.self, T.self) { -$0 }
        case .abs: return try map(T.self, T.self) { Swift.abs($0) }
        case .square: return try map(T.self, T.self) { $0 * $0 }
        case .relu: return try map(T.self, T.self) { $0.isNaN ? $0 : Swift.max($0, 0) }
        case .sqrt:
            if T.self == Float.self { return try float32SquareRoot() }
            return try map(T.self, T.self) { $0.squareRoot() }
        case .rsqrt where T.self == Float.self: return try float32ReciprocalSquareRoot()
        case .expm1 where T.self == Float.self: return try float32Expm1()
        case .log1p where T.self == Float.self: return try float32Log1p()
        case .sin where T.self == Float.self: return try float32Sin()
        case .cos where T.self == Float.self: return try float32Cos()
        case .tan where T.self == Float.self: return try float32Tan()
        case .erf where T.self == Float.self: return try float32Erf()
        case .erfc where T.self == Float.self: return try float32Erfc()
        case .log2 where T.self == Float.self: return try float32Log2()
        case .log10 where T.self == Float.self: return try float32Log10()
        case .exp2 where T.self == Float.self: return try float32Exp2()
        case .asin where T.self == Float.self: return try float32Arcsine()
        case .acos where T.self == Float.self: return try float32Arccosine()
        case .atan where T.self == Float.self: return try float32Arctangent()
        case .exp:
            if T.self == Float.self { return try float32Exp() }
            return try map(T.self, T.self) { T(Glibc.exp(Double($0))) }
        case .log:
            if T.self == Float.self { return try float32Log() }
            return try map(T.self, T.self) { T(Glibc.log(Double($0))) }
        case .tanh:
            if T.self == Float.self { return try float32Tanh() }
            return try map(T.self, T.self) { T(Glibc.tanh(Double($0))) }
        case .sigmoid:
            if T.self == Float.self { return try to(.float32).float32Sigmoid() }
            return try map(T.self, T.self) { T(1 / (1 + Glibc.exp(-Double($0)))) }
        default:
            return try mapThroughDouble(op, T.self)
        }
    }

    /// `T(floatingFunction(op)(Double(x)))` with the op's body written at the call, so the
    /// loop inlines it (and vectorises the arithmetic ones) instead of calling a closure
    /// per element: reciprocal and sign ran 5-15 times slower than PyTorch through it.
    private func mapThroughDouble<T: TensorElement & BinaryFloatingPoint>(_ op: UnaryOp, _ type: T.Type) throws -> Tensor {
        switch op {
        case .sign: return try map(T.self, T.self) { x in let d = Double(x); return T(d > 0 ? 1 : (d < 0 ? -1 : 0)) }
        case .reciprocal: return try map(T.self, T.self) { T(1 / Double($0)) }
        case .rsqrt: return try map(T.self, T.self) { T(1 / Glibc.sqrt(Double($0))) }
        case .exp2: return try map(T.self, T.self) { T(Glibc.exp2(Double($0))) }
        case .expm1: return try map(T.self, T.self) { T(Glibc.expm1(Double($0))) }
        case .log2: return try map(T.self, T.self) { T(Glibc.log2(Double($0))) }
        case .log10: return try map(T.self, T.self) { T(Glibc.log10(Double($0))) }
        case .log1p: return try map(T.self, T.self) { T(Glibc.log1p(Double($0))) }
        case .sin: return try map(T.self, T.self) { T(Glibc.sin(Double($0))) }
        case .cos: return try map(T.self, T.self) { T(Glibc.cos(Double($0))) }
        case .tan: return try map(T.self, T.self) { T(Glibc.tan(Double($0))) }
        case .asin: return try map(T.self, T.self) { T(Glibc.asin(Double($0))) }
        case .acos: return try map(T.self, T.self) { T(Glibc.acos(Double($0))) }
        case .atan: return try map(T.self, T.self) { T(Glibc.atan(Double($0))) }
        case .sinh: return try map(T.self, T.self) { T(Glibc.sinh(Double($0))) }
        case .cosh: return try map(T.self, T.self) { T(Glibc.cosh(Double($0))) }
        case .floor: return try map(T.self, T.self) { T(Double($0).rounded(.down)) }
        case .ceil: return try map(T.self, T.self) { T(Double($0).rounded(.up)) }
        case .round: return try map(T.self, T.self) { T(Double($0).rounded(.toNearestOrEven)) }
        case .trunc: return try map(T.self, T.self) { T(Double($0).rounded(.towardZero)) }
        case .frac: return try map(T.self, T.self) { x in let d = Double(x); return T(d - d.rounded(.towardZero)) }
        case .erf: return try map(T.self, T.self) { T(Glibc.erf(Double($0))) }
        case .erfc: return try map(T.self, T.self) { T(Glibc.erfc(Double($0))) }
        default:
            let function = floatingFunction(op)
            return try map(T.self, T.self) { T(function(Double($0))) }
        }
    }
}

/// The double-precision function behind a floating unary op.
func floatingFunction(_ op: UnaryOp) -> (Double) -> Double {
    switch op {
    case .negate: { -$0 }
    case .abs: { Swift.abs($0) }
    case .sign: { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }
    case .square: { $0 * $0 }
    case .reciprocal: { 1 / $0 }
    case .sqrt: { Glibc.sqrt($0) }
    case .rsqrt: { 1 / Glibc.sqrt($0) }
    case .exp: { Glibc.exp($0) }
    case .exp2: { Glibc.exp2($0) }
    case .expm1: { Glibc.expm1($0) }
    case .log: { Glibc.log($0) }
    case .log2: { Glibc.log2($0) }
    case .log10: { Glibc.log10($0) }
    case .log1p: { Glibc.log1p($0) }
    case .sin: { Glibc.sin($0) }
    case .cos: { Glibc.cos($0) }
    case .tan: { Glibc.tan($0) }
    case .asin: { Glibc.asin($0) }
    case .acos: { Glibc.acos($0) }
    case .atan: { Glibc.atan($0) }
    case .sinh: { Glibc.sinh($0) }
    case .cosh: { Glibc.cosh($0) }
    case .tanh: { Glibc.tanh($0) }
    case .sigmoid: { 1 / (1 + Glibc.exp(-$0)) }
    case .relu: { $0.isNaN ? $0 : Swift.max($0, 0) }
    case .floor: { $0.rounded(.down) }
    case .ceil: { $0.rounded(.up) }
    case .round: { $0.rounded(.toNearestOrEven) }
    case .trunc: { $0.rounded(.towardZero) }
    case .frac: { $0 - $0.rounded(.towardZero) }
    case .erf: { Glibc.erf($0) }
    case .erfc: { Glibc.erfc($0) }
    default: { $0 }
    }
}
