import TensorEngine

/// What a dropout call does with its own p and training flag: plain dropout, the
/// channel-wise forms (`dropout2d`, `feature_dropout`) and alpha dropout for SELU nets.
struct DropoutWords {
    let p: Double
    let training: Bool
    /// `F.` functions name the flag `training`; the ATen functions (`torch.alpha_dropout`) `train`.
    let flagName: String
    let shape: [Int]
    let perChannel: Bool
    let alpha: Bool

    init(_ call: CallSite, _ input: Tensor, perChannel: Bool, alpha: Bool) {
        p = call.double("p") ?? 0.5
        flagName = call.argument("train") != nil ? "train" : "training"
        training = call.bool(flagName) ?? true
        shape = input.shape
        self.perChannel = perChannel
        self.alpha = alpha
    }

    private var units: String { perChannel ? "each channel (all of input[n, c])" : "each element" }

    var text: String {
        let name = alpha ? "alpha dropout" : "dropout"
        guard training, p > 0 else {
            // F.alpha_dropout's training flag defaults to False, unlike F.dropout's.
            let flag = alpha && flagName == "training" ? "training=False, the default of the alpha dropouts" : flagName + "=False"
            return "\(name) that is off here (\(flag), or p=0): returns the input's values unchanged, \(shapeText(shape))"
        }
        guard p < 1 else { return "\(name) with p = 1: multiplies every element by 0, without drawing, \(shapeText(shape))" }
        guard alpha else {
            return "zeroes \(units) with probability p = \(compact(p)) and multiplies the others by 1/(1 − p) = \(compact(1 / (1 - p)))"
        }
        let saturation = 1.7580993408473766
        let a = 1 / ((saturation * saturation * p + 1) * (1 - p)).squareRoot()
        return "sets \(units) with probability p = \(compact(p)) to \(compact(-saturation * a * (1 - p))) and maps the others to "
            + "\(compact(a))·x + \(compact(saturation * a * p)), so inputs with mean 0 and variance 1 (SELU's) keep them"
    }
}
