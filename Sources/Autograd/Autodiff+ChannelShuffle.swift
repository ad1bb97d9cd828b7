import TensorEngine

/// `F.channel_shuffle`, recorded as `ChannelShuffleBackward0`: the gradient is shuffled
/// back by the inverse permutation, a shuffle with C / groups groups.
extension Autodiff {
    public static func channelShuffle(_ input: Tensor, groups: Int) throws -> Tensor {
        let output = try input.channelShuffled(groups: groups)
        let inverseGroups = input.shape[1] / groups
        return Recorder.record("ChannelShuffleBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in [try gradient.channelShuffled(groups: inverseGroups)] }
        }
    }
}
