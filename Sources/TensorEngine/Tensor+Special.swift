import Foundation

/// One-input functions that always produce floats: integer and bool inputs compute in the
/// default float dtype, float16/bfloat16 in float32 and round back.
public enum SpecialUnaryOp: Sendable, Equatable {
    case acosh, asinh, atanh, sinc, lgamma, digamma
    /// `torch.special.erfcx` and `torch.special.log_ndtr`, which ATen has no half kernels for.
    case erfcx, logNdtr
    /// The n-th derivative of digamma; `polygamma(0)` is digamma itself.
    case polygamma(Int)
    /// The modified Bessel functions of the first kind (`i0`, `special.i1`) and their
    /// exp(−|x|)-scaled forms (`special.i0e`, `special.i1e`).
    case besselI0, besselI0Scaled, besselI1, besselI1Scaled
    /// `special.ndtri`, the inverse of the standard normal CDF; ATen has no half kernel.
    case ndtri
}

extension Tensor {
    public func special(_ op: SpecialUnaryOp) throws -> Tensor {
        if case let .polygamma(order) = op, order < 0 {
            throw TensorError.runtime("polygamma(n, x) does not support negative n.")
        }
        if dtype == .float16 || dtype == .bfloat16, op == .erfcx || op == .logNdtr || op == .ndtri {
            let kernel = op == .erfcx ? "erfcx_cpu" : (op == .ndtri ? "ndtri_cpu" : "log_ndtr_cpu")
            throw TensorError.kernelNotImplemented(kernel, dtype)
        }
        switch dtype {
        case .float64: return try map(Double.self, Double.self, doubleFunction(op))
        case .float16 where op == .besselI0Scaled:
            return try map(Float.self, Float.self) { Float(halfScaledBesselI0(Float16($0))) }.to(dtype)
        case .float16, .bfloat16: return try map(Float.self, Float.self, floatFunction(op)).to(dtype)
        case .float32:
            if op == .atanh { return try float32InverseHyperbolicTangent() }
            return try map(Float.self, Float.self, floatFunction(op))
        default: return try to(defaultFloatDType).special(op)
        }
    }
}

/// The float32 forms: PyTorch calls the float overloads of libm (`std::acosh(float)`),
/// or its own float kernels (`calc_digamma(float)`), so the rounding happens where it does.
private func floatFunction(_ op: SpecialUnaryOp) -> (Float) -> Float {
    switch op {
    case .acosh: acoshf
    case .asinh: asinhf
    case .atanh: atanhf
    case .lgamma: lgammaf
    case .erfcx: scaledComplementaryError
    case .logNdtr: logNormalCDF
    case .besselI0: { bessel(.i0, $0) }
    case .besselI0Scaled: { bessel(.i0e, $0) }
    case .besselI1: { bessel(.i1, $0) }
    case .besselI1Scaled: { bessel(.i1e, $0) }
    case .ndtri: inverseNormalCDF
    case .sinc: { x in
        if x == 0 { return 1 }
        let product = floatPi * x
        return sinf(product) / product
    }
    case .digamma, .polygamma(0): digamma
    case .polygamma(1): trigamma
    case let .polygamma(order): { x in
        let sign: Float = order % 2 == 1 ? 1 : -1
        return sign * expf(lgammaf(Float(order) + 1)) * Float(hurwitzZeta(Double(order + 1), Double(x)))
    }
    }
}

private func doubleFunction(_ op: SpecialUnaryOp) -> (Double) -> Double {
    switch op {
    case .acosh: Foundation.acosh
    case .asinh: Foundation.asinh
    case .atanh: Foundation.atanh
    case .lgamma: Foundation.lgamma
    case .erfcx: scaledComplementaryError
    case .logNdtr: logNormalCDF
    case .besselI0: { bessel(.i0, $0) }
    case .besselI0Scaled: { bessel(.i0e, $0) }
    case .besselI1: { bessel(.i1, $0) }
    case .besselI1Scaled: { bessel(.i1e, $0) }
    case .ndtri: inverseNormalCDF
    case .sinc: { x in
        if x == 0 { return 1 }
        let product = Double.pi * x
        return Foundation.sin(product) / product
    }
    case .digamma, .polygamma(0): digamma
    case .polygamma(1): trigamma
    case let .polygamma(order): { x in
        let sign: Double = order % 2 == 1 ? 1 : -1
        return sign * Foundation.exp(Foundation.lgamma(Double(order) + 1)) * hurwitzZeta(Double(order + 1), x)
    }
    }
}

/// Cephes' polynomial evaluation, highest coefficient first.
private func polynomial<T: BinaryFloatingPoint>(_ x: T, _ coefficients: [T]) -> T {
    coefficients.reduce(T(0)) { $0 * x + $1 }
}

/// PyTorch's `calc_digamma`: reflection below 0 (its correction computed in double),
/// recurrence up to 10, then the asymptotic series, in the tensor's precision.
func digamma<T: BinaryFloatingPoint & GammaMath>(_ input: T) -> T {
    var x = input
    if x == 0 { return x.sign == .minus ? .infinity : -.infinity }
    if x < 0 {
        if x == x.rounded(.towardZero) { return .nan }
        let fraction = Double(x) - Double(x).rounded(.towardZero)
        return digamma(1 - x) - T(Double.pi / Foundation.tan(Double.pi * fraction))
    }
    var result: T = 0
    while x < 10 {
        result -= 1 / x
        x += 1
    }
    if x == 10 { return result + T(2.25175258906672110764) }
    var series: T = 0
    if x < T(1.0e17) {
        let z = 1 / (x * x)
        series = z * polynomial(z, asymptoticDigammaCoefficients.map { T($0) })
    }
    return result + T.logarithm(x) - (T(0.5) / x) - series
}

private let asymptoticDigammaCoefficients: [Double] = [
    8.33333333333333333333E-2, -2.10927960927960927961E-2, 7.57575757575757575758E-3,
    -4.16666666666666666667E-3, 3.96825396825396825397E-3, -8.33333333333333333333E-3,
    8.33333333333333333333E-2,
]

/// PyTorch's `calc_trigamma`: reflection below 1/2, six recurrence steps, then the
/// asymptotic series. π is rounded to the precision, as `c10::pi<T>`.
func trigamma<T: BinaryFloatingPoint & GammaMath>(_ input: T) -> T {
    let pi = T(Double.pi)
    var x = input, sign: T = 1, result: T = 0
    if x < T(0.5) {
        sign = -1
        let sinPiX = T.sine(pi * x)
        result -= (pi * pi) / (sinPiX * sinPiX)
        x = 1 - x
    }
    for _ in 0..<6 {
        result += 1 / (x * x)
        x += 1
    }
    let inverseSquare = 1 / (x * x)
    let tail: T = 1 / T(6) - inverseSquare * (1 / T(30) - inverseSquare * (1 / T(42)))
    result += (1 + 1 / (2 * x) + inverseSquare * tail) / x
    return sign * result
}

/// The libm functions the gamma family calls, in float or double as PyTorch does.
protocol GammaMath: ErfinvMath {
    static func sine(_ x: Self) -> Self
}

extension Float: GammaMath {
    static func sine(_ x: Float) -> Float { sinf(x) }
}

extension Double: GammaMath {
    static func sine(_ x: Double) -> Double { sin(x) }
}

/// Cephes' Hurwitz zeta ζ(x, q) as PyTorch's `zeta` computes it (in double on the CPU):
/// direct sum until the terms are negligible, then the Euler-Maclaurin tail.
func hurwitzZeta(_ x: Double, _ q: Double) -> Double {
    let machineEpsilon = 1.11022302462515654042E-16
    let bernoulliTerms: [Double] = [
        12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1.8924375803183791606e9, 7.47242496e10,
        -2.950130727918164224e12, 1.1646782814350067249e14, -4.5979787224074726105e15,
        1.8152105401943546773e17, -7.1661652561756670113e18,
    ]
    if x == 1 { return .infinity }
    if x < 1 { return .nan }
    if q <= 0 {
        if q == q.rounded(.down) { return .infinity }
        if x != x.rounded(.down) { return .nan }
    }
    var sum = Foundation.pow(q, -x)
    var a = q, b = 0.0, count = 0
    while count < 9 || a <= 9 {
        count += 1
        a += 1
        b = Foundation.pow(a, -x)
        sum += b
        if -machineEpsilon * sum < b && b < machineEpsilon * sum { return sum }
    }
    let w = a
    sum += b * w / (x - 1)
    sum -= 0.5 * b
    var factor = 1.0, k = 0.0
    for term in bernoulliTerms {
        factor *= x + k
        b /= w
        let t = factor * b / term
        sum += t
        if -machineEpsilon * sum < Swift.abs(t) && Swift.abs(t) < machineEpsilon * sum { return sum }
        k += 1
        factor *= x + k
        b /= w
        k += 1
    }
    return sum
}

/// π rounded to nearest, as C++'s `c10::pi<float>`; Swift's `Float.pi` rounds toward zero.
private let floatPi = Float(Double.pi)
