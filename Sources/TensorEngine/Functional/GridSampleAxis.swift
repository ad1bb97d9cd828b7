/// The coordinate maths of `F.grid_sample` along one spatial axis, as ATen's vectorized
/// CPU kernel (GridSamplerKernel.cpp, `ComputeLocation`) computes it: every operation
/// rounded on its own, in the input's precision, with no fused multiply-adds.
public enum GridSampleInterpolation: Int, Sendable {
    case bilinear, nearest, bicubic
}

public enum GridSamplePadding: Int, Sendable {
    case zeros, border, reflection
}

struct GridSampleAxis<T: BinaryFloatingPoint> {
    let size: Int
    let padding: GridSamplePadding
    let alignCorners: Bool

    var maxValue: T { T(size - 1) }
    /// d(pixel coordinate) / d(grid coordinate).
    var scaling: T { alignCorners ? T(size - 1) / 2 : T(size) / 2 }
    private var twiceSpan: T { alignCorners ? T(size - 1) * 2 : T(size) * 2 }

    /// A grid value in [-1, 1] as a pixel coordinate: -1 and 1 are the outer pixels'
    /// centres with `align_corners`, else their outer edges.
    func unnormalize(_ value: T) -> T {
        alignCorners ? (value + 1) * scaling : T(-0.5).addingProduct(value + 1, scaling)
    }

    /// The padding mode applied to a pixel coordinate.
    func compute(_ coordinate: T) -> T {
        switch padding {
        case .zeros: coordinate
        case .border: clip(coordinate)
        case .reflection: clip(reflect(coordinate).value)
        }
    }

    /// `compute(unnormalize(value))` with its derivative by the grid value.
    func sourceWithGradient(_ value: T) -> (coordinate: T, gradient: T) {
        let pixel = unnormalize(value)
        switch padding {
        case .zeros:
            return (pixel, scaling)
        case .border:
            let (clipped, inside) = clipWithGradient(pixel)
            return (clipped, inside ? scaling : 0)
        case .reflection:
            let (reflected, sign) = reflect(pixel)
            let (clipped, inside) = clipWithGradient(reflected)
            return (clipped, inside ? sign * scaling : 0)
        }
    }

    func source(_ value: T) -> T { compute(unnormalize(value)) }

    /// Clamped to [0, size - 1]; the kernel orders its clamp so that NaN becomes 0.
    private func clip(_ coordinate: T) -> T {
        guard !coordinate.isNaN else { return 0 }
        return Swift.min(Swift.max(coordinate, 0), maxValue)
    }

    /// The clamped coordinate, and whether it lay strictly inside (the borders count as out).
    private func clipWithGradient(_ coordinate: T) -> (T, Bool) {
        let clipped = clip(coordinate)
        return (clipped, clipped != 0 && clipped != maxValue)
    }

    /// The coordinate folded back into the image by mirror reflections, and the sign its
    /// derivative takes (-1 after an odd number of flips).
    private func reflect(_ coordinate: T) -> (value: T, sign: T) {
        guard twiceSpan != 0 else { return (0, 0) }
        let shifted = alignCorners ? coordinate : coordinate + T(0.5)
        let magnitude = Swift.abs(shifted)
        let doubleFlips = (magnitude / twiceSpan).rounded(.towardZero)
        let extra = magnitude.addingProduct(-doubleFlips, twiceSpan)
        let reflectedExtra = twiceSpan - extra
        let oneMoreFlip = extra > reflectedExtra
        let folded = oneMoreFlip ? reflectedExtra : extra
        let negative = shifted < 0
        return (alignCorners ? folded : folded - T(0.5), oneMoreFlip != negative ? -1 : 1)
    }
}

/// A pixel index, or -1 for a coordinate that is not finite or too far out to matter
/// (the kernel converts to a 32-bit integer and then masks it out).
func gridPixelIndex<T: BinaryFloatingPoint>(_ coordinate: T) -> Int {
    guard coordinate.isFinite, Swift.abs(coordinate) < T(2_147_483_648) else { return Int(Int32.min) }
    return Int(coordinate)
}

/// `get_cubic_upsample_coefficients` (A = -0.75) at fraction `t`, as the kernel compiles it:
/// the near taps' polynomials fused, the far taps' rounded step by step.
func gridCubicCoefficients<T: BinaryFloatingPoint>(_ t: T) -> [T] {
    let a = T(-0.75), two = T(2), three = T(3), four = T(4), five = T(5), eight = T(8)
    func far(_ x: T) -> T {
        let inner: T = a * x - five * a
        let middle: T = inner * x + eight * a
        return middle * x - four * a
    }
    func near(_ x: T) -> T {
        let inner: T = (-(a + three)).addingProduct(a + two, x)
        return T(1).addingProduct(inner * x, x)
    }
    return [far(t + 1), near(t), near(1 - t), far(2 - t)]
}

/// `get_cubic_coefficients_grad`: minus the coefficients' derivatives by `t`.
func gridCubicCoefficientGradients<T: BinaryFloatingPoint>(_ t: T) -> [T] {
    let a = T(-0.75), two = T(2), three = T(3), eight = T(8), ten = T(10)
    var x: T = -1 - t
    let firstInner: T = -three * a * x - ten * a
    let first: T = firstInner * x - eight * a
    x = 0 - t
    let secondInner: T = -three * (a + two) * x - two * (a + three)
    let second: T = secondInner * x
    x = 1 - t
    let thirdInner: T = three * (a + two) * x - two * (a + three)
    let third: T = thirdInner * x
    x = 2 - t
    let fourthInner: T = three * a * x - ten * a
    let fourth: T = fourthInner * x + eight * a
    return [first, second, third, fourth]
}
