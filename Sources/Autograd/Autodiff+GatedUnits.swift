import Glibc
import TensorEngine

/// `F.glu` and `torch.special.ndtr`.
extension Autodiff {
    /// a · σ(b) for the two halves of `dim`; the gradient is (g·σ(b), g·a·σ(b)(1 − σ(b))) joined back.
    public static func glu(_ input: Tensor, dim: Int) throws -> Tensor {
        guard input.rank > 0 else { throw TensorError.runtime("glu does not support scalars because halving size must be even") }
        let axis = try normalizeDim(dim, rank: input.rank)
        let size = input.shape[axis]
        guard size % 2 == 0 else {
            throw TensorError.runtime("Halving dimension must be even, but dimension \(axis) is size \(size)")
        }
        let first = try input.narrow(axis, start: 0, length: size / 2), second = try input.narrow(axis, start: size / 2, length: size / 2)
        let output = try TensorEngine.binary(.multiply, .tensor(first), .tensor(try second.unary(.sigmoid)))
        return Recorder.record("GluBackward0", inputs: [input], output: output) { node in
            let savedInput = node.save(input)
            return { gradient, _ in
                let x = try savedInput.unpack()
                let a = try x.narrow(axis, start: 0, length: size / 2), gate = try x.narrow(axis, start: size / 2, length: size / 2).unary(.sigmoid)
                let gradientA = try mul(gradient, gate)
                let gradientB = try mul(try mul(try mul(gradient, a), gate), try sub(1, gate))
                return [try concatenate([gradientA, gradientB], dim: axis)]
            }
        }
    }

    /// The standard normal CDF, composed as ATen composes it: (1 + erf(x/√2)) · 0.5.
    public static func ndtr(_ input: Tensor, floatType: DType) throws -> Tensor {
        let x = input.dtype.isFloatingPoint ? input : try to(input, floatType)
        let scaled = try scalarOverload(.multiply, x, .float(0.5.squareRoot()))
        let shifted = try scalarOverload(.add, try unary(.erf, scaled), .int(1))
        return try scalarOverload(.multiply, shifted, .float(0.5))
    }
}

/// `F.pixel_shuffle` and `F.pixel_unshuffle`, each the other's backward.
extension Autodiff {
    public static func pixelShuffle(_ input: Tensor, factor: Int, inverse: Bool) throws -> Tensor {
        let output = inverse ? try input.pixelUnshuffle(factor) : try input.pixelShuffle(factor)
        return Recorder.record(inverse ? "PixelUnshuffleBackward0" : "PixelShuffleBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in [inverse ? try gradient.pixelShuffle(factor) : try gradient.pixelUnshuffle(factor)] }
        }
    }
}
