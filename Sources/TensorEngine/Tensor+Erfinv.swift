import Foundation

extension Tensor {
    /// `erfinv`. float32 (and integer and bool inputs, which compute in float32) follows
    /// MKL's vector erfinv (`float32Erfinv`); the other dtypes take the element-by-element
    /// `calc_erfinv`: a rational first guess, then two Newton steps, in the tensor's own
    /// precision.
    public func erfinv() throws -> Tensor {
        switch dtype {
        case .float64:
            let coefficients = PavlisCoefficients<Double>()
            return try map(Double.self, Double.self) { inverseErrorFunction($0, coefficients) }
        case .float16, .bfloat16:
            let coefficients = PavlisCoefficients<Float>()
            return try map(Float.self, Float.self) { inverseErrorFunction($0, coefficients) }.to(dtype)
        default:
            return try float32Erfinv()
        }
    }
}

/// The coefficients of Pavlis's rational approximation in the tensor's precision, made
/// once per tensor rather than as four array literals inside the per-element function
/// (the same literals, so the same values); most of erfinv's time is libm's erff.
struct PavlisCoefficients<T: BinaryFloatingPoint> {
    let a: [T] = [0.886226899, -1.645349621, 0.914624893, -0.140543331]
    let b: [T] = [-2.118377725, 1.442710462, -0.329097515, 0.012229801]
    let c: [T] = [-1.970840454, -1.624906493, 3.429567803, 1.641345311]
    let d: [T] = [3.543889200, 1.637067800]
}

/// Gary L. Pavlis's rational approximation with two Newton-Raphson corrections, the
/// formula of PyTorch's `calc_erfinv`.
func inverseErrorFunction<T: BinaryFloatingPoint & ErfinvMath>(_ y: T, _ coefficients: PavlisCoefficients<T>) -> T {
    let (a, b, c, d) = (coefficients.a, coefficients.b, coefficients.c, coefficients.d)
    let magnitude = Swift.abs(y)
    if magnitude > 1 { return .nan }
    if magnitude == 1 { return y > 0 ? .infinity : -.infinity }
    var x: T
    if magnitude <= 0.7 {
        let z = y * y
        let numerator = ((a[3] * z + a[2]) * z + a[1]) * z + a[0]
        let denominator = (((b[3] * z + b[2]) * z + b[1]) * z + b[0]) * z + 1
        x = y * numerator / denominator
    } else {
        let z = T.squareRootOf(-T.logarithm((1 - magnitude) / 2))
        let numerator = ((c[3] * z + c[2]) * z + c[1]) * z + c[0]
        let denominator = (d[1] * z + d[0]) * z + 1
        x = (y < 0 || (y == 0 && y.sign == .minus) ? -numerator : numerator) / denominator
    }
    let scale = 2 / T(Double.pi.squareRoot())
    x = x - (T.errorFunction(x) - y) / (scale * T.exponential(-x * x))
    x = x - (T.errorFunction(x) - y) / (scale * T.exponential(-x * x))
    return x
}

/// The libm functions `calc_erfinv` calls, in float or double as PyTorch does.
protocol ErfinvMath {
    static func errorFunction(_ x: Self) -> Self
    static func exponential(_ x: Self) -> Self
    static func logarithm(_ x: Self) -> Self
    static func squareRootOf(_ x: Self) -> Self
}

extension Float: ErfinvMath {
    static func errorFunction(_ x: Float) -> Float { erff(x) }
    static func exponential(_ x: Float) -> Float { expf(x) }
    static func logarithm(_ x: Float) -> Float { logf(x) }
    static func squareRootOf(_ x: Float) -> Float { sqrtf(x) }
}

extension Double: ErfinvMath {
    static func errorFunction(_ x: Double) -> Double { erf(x) }
    static func exponential(_ x: Double) -> Double { exp(x) }
    static func logarithm(_ x: Double) -> Double { log(x) }
    static func squareRootOf(_ x: Double) -> Double { sqrt(x) }
}
