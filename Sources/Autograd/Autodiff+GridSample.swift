import TensorEngine

/// `F.affine_grid` and `F.grid_sample`, recorded under PyTorch's node names
/// (`AffineGridGeneratorBackward0`, `GridSampler2DBackward0`).
extension Autodiff {
    /// `size` is the full output size, (N, C, H, W) or (N, C, D, H, W).
    public static func affineGrid(_ theta: Tensor, size: [Int], alignCorners: Bool) throws -> Tensor {
        let batch = size[0], spatial = Array(size.dropFirst(2))
        guard theta.shape[0] == batch else {
            throw TensorError.runtime(
                "Expected size for first two dimensions of batch2 tensor to be: [\(batch), \(theta.shape[2])] but got: [\(theta.shape[0]), \(theta.shape[2])].")
        }
        let output = try Tensor.affineGrid(theta: theta, batch: batch, spatial: spatial, alignCorners: alignCorners)
        return Recorder.record("AffineGridGeneratorBackward0", inputs: [theta], output: output) { _ in
            { gradient, _ in
                [try Tensor.affineGridBackward(gradGrid: gradient, batch: batch, spatial: spatial, alignCorners: alignCorners)]
            }
        }
    }

    public static func gridSample(_ input: Tensor, grid: Tensor, interpolation: GridSampleInterpolation, padding: GridSamplePadding,
                                  alignCorners: Bool) throws -> Tensor {
        let output = try Tensor.gridSample2d(input, grid: grid, interpolation: interpolation, padding: padding, alignCorners: alignCorners)
        return Recorder.record("GridSampler2DBackward0", inputs: [input, grid], output: output) { node in
            let (savedInput, savedGrid) = (node.save(input), node.save(grid))
            return { gradient, _ in
                let (inputGradient, gridGradient) = try Tensor.gridSample2dBackward(
                    gradOutput: gradient, input: try savedInput.unpack(), grid: try savedGrid.unpack(), interpolation: interpolation, padding: padding, alignCorners: alignCorners)
                return [inputGradient, gridGradient]
            }
        }
    }
}
