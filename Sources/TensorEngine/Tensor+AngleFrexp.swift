import Foundation
import Glibc

extension Tensor {
    /// `angle` of a real tensor: π below zero, 0 elsewhere (−0 included), NaN kept. Integer
    /// and bool inputs give the default float dtype; π is rounded to the output's precision.
    public func realAngle() throws -> Tensor {
        switch dtype {
        case .float64: return try map(Double.self, Double.self) { $0.isNaN ? $0 : ($0 < 0 ? Double.pi : 0) }
        case .float32, .float16, .bfloat16:
            let angles = try map(Float.self, Float.self) { $0.isNaN ? $0 : ($0 < 0 ? Float(Double.pi) : 0) }
            return dtype == .float32 ? angles : try angles.to(dtype)
        default: return try to(defaultFloatDType).realAngle()
        }
    }

    /// `frexp`: mantissas in [0.5, 1) with this tensor's dtype and int32 exponents, as C's
    /// frexp (±inf and NaN keep their value with exponent 0).
    public func fractionAndExponent() throws -> (mantissa: Tensor, exponent: Tensor) {
        guard dtype.isFloatingPoint else { throw TensorError.runtime("torch.frexp() only supports floating-point dtypes") }
        let wide = try to(.float64)
        let mantissa = try wide.map(Double.self, Double.self) { splitBinary($0).mantissa }.to(dtype)
        let exponent = try wide.map(Double.self, Int32.self) { splitBinary($0).exponent }
        return (mantissa, exponent)
    }
}

/// C's frexp, which keeps the sign on the mantissa (Foundation's tuple form drops it).
private func splitBinary(_ value: Double) -> (mantissa: Double, exponent: Int32) {
    var exponent: Int32 = 0
    let mantissa = Glibc.frexp(value, &exponent)
    return (mantissa, value.isFinite ? exponent : 0)
}
