import Foundation

/// Two-input elementwise functions with PyTorch's dtype rules: `xlogy`, `xlog1py` and `copysign` promote
/// integer results to the default float dtype; `logaddexp` and `nextafter` have float
/// kernels only; `gcd` and `lcm` integer kernels only.
public enum SpecialBinaryOp: String, Sendable {
    case logaddexp, logaddexp2, xlogy, xlog1py, copysign, nextafter, gcd, lcm

    var promotesIntegers: Bool { self == .xlogy || self == .xlog1py || self == .copysign }
}

public func specialBinary(_ op: SpecialBinaryOp, _ a: Operand, _ b: Operand) throws -> Tensor {
    let shape = try broadcastShapes(a.shape, b.shape)
    var computeType = resultType(a, b)
    if op == .gcd || op == .lcm {
        return try integerSpecialBinary(op, a, b, shape: shape, computeType)
    }
    if !computeType.isFloatingPoint {
        guard op.promotesIntegers else {
            throw TensorError.kernelNotImplemented("\(op.rawValue)_cpu", computeType)
        }
        computeType = defaultFloatDType
    }
    switch computeType {
    case .float64:
        let output = try Tensor.uninitialized(shape: shape, dtype: .float64)
        let first = try a.converted(to: .float64), second = try b.converted(to: .float64)
        if op == .copysign {
            runElementwise(first, second, into: output) { (x: Double, y: Double) in Double(signOf: y, magnitudeOf: x) }
        } else {
            runElementwise(first, second, into: output, doubleBinary(op))
        }
        return output
    case .float32 where op == .logaddexp:
        let output = try Tensor.uninitialized(shape: shape, dtype: .float32)
        runFloat32LikePyTorch(try a.converted(to: .float32), try b.converted(to: .float32), into: output,
                              vector: vectorLogAddExp, scalar: floatBinary(.logaddexp))
        return output
    default:
        let output = try Tensor.uninitialized(shape: shape, dtype: .float32)
        let first = try a.converted(to: .float32), second = try b.converted(to: .float32)
        if op == .copysign {
            // Written at the call, the body inlines into the loop, which vectorizes; through
            // `floatBinary`'s closure, one call per element ran 7 times slower than PyTorch.
            runElementwise(first, second, into: output) { (x: Float, y: Float) in Float(signOf: y, magnitudeOf: x) }
        } else {
            runElementwise(first, second, into: output, floatBinary(op))
        }
        return computeType == .float32 ? output : try output.to(computeType)
    }
}

/// `logaddexp`'s vector form on AVX2: max(a, b) + log1p(exp(−|a − b|)) with SLEEF's expf
/// and log1pf, and a itself where a and b are the same infinity.
@inline(__always)
private func vectorLogAddExp(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
    let difference = a - b
    let negativeMagnitude = unsafeBitCast(unsafeBitCast(difference, to: SIMD8<UInt32>.self) | 0x8000_0000, to: SIMD8<Float>.self)
    let sum = maximumPropagatingNaN(a, b) + sleefLog1p(vectorExp(negativeMagnitude))
    let magnitude = unsafeBitCast(unsafeBitCast(a, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: SIMD8<Float>.self)
    return sum.replacing(with: a, where: (a .== b) .& (magnitude .== .infinity))
}

/// The scalar kernels of PyTorch's CPU loops, in float for float tensors.
private func floatBinary(_ op: SpecialBinaryOp) -> (Float, Float) -> Float {
    switch op {
    case .logaddexp: { a, b in
        if a.isInfinite && a == b { return a }
        let maximum = Swift.max(a, b)
        return maximum + log1pf(expf(-Swift.abs(a - b)))
    }
    case .logaddexp2: { a, b in
        if a.isInfinite && a == b { return a }
        let maximum = Swift.max(a, b)
        return maximum + log1pf(exp2f(-Swift.abs(a - b))) * Float(1 / M_LN2)
    }
    case .xlogy: { x, y in
        if y.isNaN { return .nan }
        if x == 0 { return 0 }
        return x * logf(y)
    }
    case .xlog1py: { x, y in
        if y.isNaN { return .nan }
        if x == 0 { return 0 }
        return x * log1pf(y)
    }
    case .copysign: { a, b in Float(signOf: b, magnitudeOf: a) }
    case .nextafter: { a, b in nextafterf(a, b) }
    case .gcd, .lcm: { _, _ in .nan }
    }
}

private func doubleBinary(_ op: SpecialBinaryOp) -> (Double, Double) -> Double {
    switch op {
    case .logaddexp: { a, b in
        if a.isInfinite && a == b { return a }
        return Swift.max(a, b) + Foundation.log1p(Foundation.exp(-Swift.abs(a - b)))
    }
    case .logaddexp2: { a, b in
        if a.isInfinite && a == b { return a }
        return Swift.max(a, b) + Foundation.log1p(Foundation.exp2(-Swift.abs(a - b))) * (1 / M_LN2)
    }
    case .xlogy: { x, y in
        if y.isNaN { return .nan }
        if x == 0 { return 0 }
        return x * Foundation.log(y)
    }
    case .xlog1py: { x, y in
        if y.isNaN { return .nan }
        if x == 0 { return 0 }
        return x * Foundation.log1p(y)
    }
    case .copysign: { a, b in Double(signOf: b, magnitudeOf: a) }
    case .nextafter: { a, b in Foundation.nextafter(a, b) }
    case .gcd, .lcm: { _, _ in .nan }
    }
}

private func integerSpecialBinary(_ op: SpecialBinaryOp, _ a: Operand, _ b: Operand, shape: [Int], _ computeType: DType) throws -> Tensor {
    guard computeType.isIntegral else {
        throw TensorError.kernelNotImplemented("\(op.rawValue)_cpu", computeType)
    }
    let output = try Tensor.uninitialized(shape: shape, dtype: .int64)
    let first = try a.converted(to: .int64), second = try b.converted(to: .int64)
    if op == .gcd {
        runElementwise(first, second, into: output) { (x: Int64, y: Int64) in greatestCommonDivisor(x, y) }
    } else {
        runElementwise(first, second, into: output) { (x: Int64, y: Int64) in leastCommonMultiple(x, y) }
    }
    return computeType == .int64 ? output : try output.to(computeType)
}

/// Euclid's algorithm on magnitudes, as `calc_gcd` (wrapping like C++ for the minimum).
private func greatestCommonDivisor(_ a: Int64, _ b: Int64) -> Int64 {
    var x = a.magnitude, y = b.magnitude
    while y != 0 { (x, y) = (y, x % y) }
    return Int64(truncatingIfNeeded: x)
}

private func leastCommonMultiple(_ a: Int64, _ b: Int64) -> Int64 {
    let divisor = greatestCommonDivisor(a, b)
    if divisor == 0 { return 0 }
    let product = (a / divisor) &* b
    return product < 0 ? 0 &- product : product
}
