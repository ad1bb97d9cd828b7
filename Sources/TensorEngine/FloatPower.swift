import Glibc

/// torch.pow on float32 and float64 in the forms PyTorch's CPU kernel (PowKernel.cpp)
/// computes them, which decide the last bit of each result.
///
/// A Python-number exponent of 0 fills ones and 1 copies the base; 2, 3, 0.5, -0.5, -1
/// and -2 are computed as x·x, x·x·x, sqrt, 1/sqrt, 1/x and 1/(x·x). Every other exponent
/// goes through pow: SLEEF's on whole vector blocks, the C++ library's elsewhere.
func runFloatingPower<T: TensorElement & BinaryFloatingPoint>(
    _ a: Operand, _ b: Operand, into output: Tensor, _ type: T.Type
) {
    if case let .scalar(exponent) = b {
        switch exponent.doubleValue {
        case 0: runElementwise(a, b, into: output) { (_: T, _: T) in T(1) }; return
        case 1: runElementwise(a, b, into: output) { (x: T, _: T) in x }; return
        case 2: runElementwise(a, b, into: output) { (x: T, _: T) in x * x }; return
        case 3: runElementwise(a, b, into: output) { (x: T, _: T) in x * x * x }; return
        case 0.5: runElementwise(a, b, into: output) { (x: T, _: T) in x.squareRoot() }; return
        case -0.5: runElementwise(a, b, into: output) { (x: T, _: T) in 1 / x.squareRoot() }; return
        case -1: runElementwise(a, b, into: output) { (x: T, _: T) in 1 / x }; return
        case -2: runElementwise(a, b, into: output) { (x: T, _: T) in 1 / (x * x) }; return
        default: break
        }
    }
    if T.self == Float.self {
        runFloat32Power(a, b, into: output)
    } else if T.self == Double.self {
        // SLEEF's pow in double on the vector blocks, libm's on the rest, as for float32.
        runVectorizedLikePyTorch(a, b, into: output, vector: { sleefPowDouble($0, $1) },
                                 scalar: { (x: Double, y: Double) in pow(x, y) })
    } else {
        runElementwise(a, b, into: output) { (x: T, y: T) in T(pow(Double(x), Double(y))) }
    }
}

/// PyTorch's float32 pow: SLEEF's powf on whole vector blocks and C++'s std::pow on the
/// tail and on strided rows. A Python-number exponent is a double in that std::pow, so
/// the tail is pow in double rounded to float; the vector blocks see the exponent rounded
/// to float first. A tensor exponent makes it powf.
private func runFloat32Power(_ base: Operand, _ exponent: Operand, into output: Tensor) {
    if case let .scalar(scalar) = exponent {
        let wideExponent = scalar.doubleValue
        runFloat32LikePyTorch(base, exponent, into: output, vector: { sleefPow($0, $1) },
                              scalar: { x, _ in Float(pow(Double(x), wideExponent)) })
    } else {
        runFloat32LikePyTorch(base, exponent, into: output, vector: { sleefPow($0, $1) },
                              scalar: { powf($0, $1) })
    }
}
