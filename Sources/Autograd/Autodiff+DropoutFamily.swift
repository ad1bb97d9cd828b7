import TensorEngine

/// Which of ATen's `_dropout_impl` variants runs: `feature_dropout`, `alpha_dropout` or
/// `feature_alpha_dropout` (plain `dropout` has its own path, `Autodiff.dropout`).
public struct DropoutVariant: Sendable, Equatable {
    /// One draw per (sample, channel) from `[N, C, 1, ...]` noise, so whole channels drop.
    public var perChannel: Bool
    /// Dropped values become SELU's negative saturation, and the output is scaled and
    /// shifted to keep mean 0 and variance 1, instead of being zeroed and scaled up.
    public var alpha: Bool

    public init(perChannel: Bool, alpha: Bool) {
        self.perChannel = perChannel
        self.alpha = alpha
    }
}

extension Autodiff {
    /// SELU's `-scale · alpha`, the value alpha dropout gives a dropped unit before it rescales.
    static let seluNegativeSaturation = 1.7580993408473766

    /// ATen's `_dropout_impl` for the feature and alpha variants, composed of the same
    /// steps: `input * noise` (MulBackward0), then for alpha dropout `.add_(b)` (AddBackward0),
    /// so the printed grad_fn, the gradient and the version counter match PyTorch's.
    /// `inPlace` is the `_` form, which writes both steps into `input`.
    public static func dropout(_ input: Tensor, p: Double, train: Bool, variant: DropoutVariant, inPlace: Bool,
                               generator: Generator) throws -> Tensor {
        try checkDropoutProbability(p)
        if p == 0 || !train || input.count == 0 { return input }
        // p = 1 multiplies by a zero scalar without drawing: zeros keep the input's signs.
        if p == 1 { return try multiply(input, by: try Tensor.zeros(shape: [], dtype: input.dtype), inPlace: inPlace) }
        let noiseLike = variant.perChannel ? try Tensor.zeros(shape: try featureNoiseShape(input), dtype: input.dtype) : input
        guard variant.alpha else {
            return try multiply(input, by: try generator.dropoutMask(like: noiseLike, p: p), inPlace: inPlace)
        }
        let (scale, shift) = try alphaDropoutScaleAndShift(try generator.dropoutNoise(like: noiseLike, keep: 1 - p), p: p)
        let product = try multiply(input, by: scale, inPlace: inPlace)
        return try Autodiff.inPlace(product) { try binary(.add, .tensor($0), .tensor(shift)) }
    }

    /// ATen's check, made before anything else (even with train=False): NaN fails it too.
    public static func checkDropoutProbability(_ p: Double) throws {
        guard p >= 0 && p <= 1 else {
            throw TensorError.runtime("dropout probability has to be between 0 and 1, but got \(cppStreamDouble(p))")
        }
    }

    /// `make_feature_noise`'s shape: `[N, C, 1, ...]`.
    private static func featureNoiseShape(_ input: Tensor) throws -> [Int] {
        guard input.rank >= 2 else { throw TensorError.runtime("Feature dropout requires at least 2 dimensions in the input") }
        return [input.shape[0], input.shape[1]] + Array(repeating: 1, count: input.rank - 2)
    }

    private static func multiply(_ input: Tensor, by noise: Tensor, inPlace: Bool) throws -> Tensor {
        guard inPlace else { return try binary(.multiply, .tensor(input), .tensor(noise)) }
        return try Autodiff.inPlace(input) { try binary(.multiply, .tensor($0), .tensor(noise)) }
    }

    /// From Bernoulli keep-noise: `a = 1 / sqrt((α²p + 1)(1 − p))`, `b = (noise − 1)·αa + αap`
    /// and `noise·a`, each step in the noise's dtype as ATen rounds it. A kept unit becomes
    /// `a·x + αap`, a dropped one `−αa(1 − p)`. Integer noise fails where ATen's does: its
    /// float multiply cannot be written back into an integer tensor.
    private static func alphaDropoutScaleAndShift(_ noise: Tensor, p: Double) throws -> (scale: Tensor, shift: Tensor) {
        let alpha = seluNegativeSaturation
        let a = 1 / ((alpha * alpha * p + 1) * (1 - p)).squareRoot()
        let shift = try TensorEngine.binary(.add, .tensor(noise), .scalar(.int(-1)))
        try shift.assignInPlace(try TensorEngine.binary(.multiply, .tensor(shift), .scalar(.float(alpha * a))))
        try shift.assignInPlace(try TensorEngine.binary(.add, .tensor(shift), .scalar(.float(alpha * a * p))))
        try noise.assignInPlace(try TensorEngine.binary(.multiply, .tensor(noise), .scalar(.float(a))))
        return (noise, shift)
    }
}
