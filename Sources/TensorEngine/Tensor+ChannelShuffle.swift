/// `channel_shuffle(input, groups)`: the channels (dim 1) regrouped as (groups, C / groups),
/// transposed, and flattened again, so channel g · (C / groups) + k moves to k · groups + g.
extension Tensor {
    public func channelShuffled(groups: Int) throws -> Tensor {
        guard rank > 2 else {
            throw TensorError.runtime("channel_shuffle expects input with > 2 dims, but got input with sizes \(formatShape(shape))")
        }
        guard groups > 0 else {
            throw TensorError.runtime("Number of groups to divide channels in must be positive. Value of groups:\(groups)")
        }
        let channels = shape[1]
        guard channels % groups == 0 else {
            throw TensorError.runtime("Number of channels must be divisible by groups. Got \(channels) channels and \(groups) groups.")
        }
        let rest = Array(shape.dropFirst(2))
        let grouped = try contiguous().view([shape[0], groups, channels / groups] + rest)
        return try grouped.transpose(1, 2).contiguous().view(shape)
    }
}
