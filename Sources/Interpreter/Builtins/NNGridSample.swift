import Autograd
import TensorEngine

/// `F.affine_grid` and `F.grid_sample`, with functional.py's checks and warnings.
extension Interpreter {
    func functionalGridMembers() -> [String: Value] {
        functionalTable([
            ("affine_grid", ["theta", "size", "align_corners"], { interpreter, bound in
                .tensor(try interpreter.affineGrid(try bound.tensor("theta"), size: bound.optional("size") ?? .none,
                                                   alignCorners: bound.optional("align_corners")))
            }),
            ("grid_sample", ["input", "grid", "mode", "padding_mode", "align_corners"], { interpreter, bound in
                .tensor(try interpreter.gridSample(try bound.tensor("input"), grid: try bound.tensor("grid"),
                                                   mode: try bound.string("mode", default: "bilinear"),
                                                   padding: try bound.string("padding_mode", default: "zeros"),
                                                   alignCorners: bound.optional("align_corners")))
            }),
        ])
    }

    private static let alignCornersDefaultWarning =
        "Default grid_sample and affine_grid behavior has changed to align_corners=False since 1.3.0. Please specify align_corners=True if the old behavior is desired. See the documentation of grid_sample for details."

    /// An unset `align_corners` warns and means False.
    private func gridAlignCorners(_ value: Value?) throws -> Bool {
        guard let value, !value.isNone else {
            warn(Self.alignCornersDefaultWarning)
            return false
        }
        return try truthy(value)
    }

    func affineGrid(_ theta: Tensor, size sizeValue: Value, alignCorners alignValue: Value?) throws -> Tensor {
        let alignCorners = try gridAlignCorners(alignValue)
        guard theta.dtype.isFloatingPoint else {
            throw PythonError.valueError("Expected theta to have floating point type, but got \(try repr(.dtype(theta.dtype)))")
        }
        let size = try toIntList(sizeValue, function: "affine_grid", argument: "size")
        let shown = try repr(sizeValue), thetaShape = try repr(.size(theta.shape))
        switch size.count {
        case 4, 5:
            let axes = size.count - 2
            guard theta.rank == 3, theta.shape[1] == axes, theta.shape[2] == axes + 1 else {
                throw PythonError.valueError(
                    "Expected a batch of \(axes)D affine matrices of shape Nx\(axes)x\(axes + 1) for size \(shown). Got \(thetaShape).")
            }
        default:
            throw PythonError.notImplemented(
                "affine_grid only supports 4D and 5D sizes, for 2D and 3D affine transforms, respectively. Got size \(shown).")
        }
        let spatial = size.dropFirst(2)
        if alignCorners, spatial.min() == 1 {
            warn("Since version 1.3.0, affine_grid behavior has changed for unit-size grids when align_corners=True. This is not an intended use case of affine_grid. See the documentation of affine_grid for details.")
        } else if let smallest = size.min(), smallest <= 0 {
            throw PythonError.valueError("Expected non-zero, positive output size. Got \(shown)")
        }
        return try Autodiff.affineGrid(theta, size: size, alignCorners: alignCorners)
    }

    func gridSample(_ input: Tensor, grid: Tensor, mode: String, padding: String, alignCorners alignValue: Value?) throws -> Tensor {
        let modes: [String: GridSampleInterpolation] = ["bilinear": .bilinear, "nearest": .nearest, "bicubic": .bicubic]
        let paddings: [String: GridSamplePadding] = ["zeros": .zeros, "border": .border, "reflection": .reflection]
        guard let interpolation = modes[mode] else {
            throw PythonError.valueError(
                "nn.functional.grid_sample(): expected mode to be 'bilinear', 'nearest' or 'bicubic', but got: '\(mode)'")
        }
        guard let paddingMode = paddings[padding] else {
            throw PythonError.valueError(
                "nn.functional.grid_sample(): expected padding_mode to be 'zeros', 'border', or 'reflection', but got: '\(padding)'")
        }
        let alignCorners = try gridAlignCorners(alignValue)
        if input.rank == 5, grid.rank == 5 {
            throw PythonError.notImplemented("grid_sample on 5-D input is not supported by TensorTutor yet")
        }
        return try Autodiff.gridSample(input, grid: grid, interpolation: interpolation, padding: paddingMode, alignCorners: alignCorners)
    }
}
