/// `F.pixel_shuffle` and `F.pixel_unshuffle`: channels traded for space by a reshape,
/// a permute and a copy, as ATen does it.
extension Tensor {
    /// (*, C·r², H, W) → (*, C, H·r, W·r).
    public func pixelShuffle(_ factor: Int) throws -> Tensor {
        guard rank >= 3 else { throw TensorError.runtime("pixel_shuffle expects input to have at least 3 dimensions, but got input with \(rank) dimension(s)") }
        guard factor > 0 else { throw TensorError.runtime("pixel_shuffle expects a positive upscale_factor, but got \(factor)") }
        let batch = Array(shape.dropLast(3)), channels = shape[rank - 3], height = shape[rank - 2], width = shape[rank - 1]
        guard channels % (factor * factor) == 0 else {
            throw TensorError.runtime("pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=\(channels) is not divisible by \(factor * factor)")
        }
        let outChannels = channels / (factor * factor), b = batch.count
        let split = try reshape(batch + [outChannels, factor, factor, height, width])
        let order = Array(0..<b) + [b, b + 3, b + 1, b + 4, b + 2]
        return try split.permute(order).contiguous().reshape(batch + [outChannels, height * factor, width * factor])
    }

    /// (*, C, H·r, W·r) → (*, C·r², H, W).
    public func pixelUnshuffle(_ factor: Int) throws -> Tensor {
        guard rank >= 3 else { throw TensorError.runtime("pixel_unshuffle expects input to have at least 3 dimensions, but got input with \(rank) dimension(s)") }
        guard factor > 0 else { throw TensorError.runtime("pixel_unshuffle expects a positive downscale_factor, but got \(factor)") }
        let batch = Array(shape.dropLast(3)), channels = shape[rank - 3], height = shape[rank - 2], width = shape[rank - 1]
        guard height % factor == 0 else {
            throw TensorError.runtime("pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=\(height) is not divisible by \(factor)")
        }
        guard width % factor == 0 else {
            throw TensorError.runtime("pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)=\(width) is not divisible by \(factor)")
        }
        let b = batch.count
        let split = try reshape(batch + [channels, height / factor, factor, width / factor, factor])
        let order = Array(0..<b) + [b, b + 2, b + 4, b + 1, b + 3]
        return try split.permute(order).contiguous().reshape(batch + [channels * factor * factor, height / factor, width / factor])
    }
}
