import Autograd
import TensorEngine

/// What `F.interpolate` was asked, before functional.py turns it into an output size.
struct InterpolationRequest {
    var size: Value?
    var scaleFactor: Value?
    var mode: String
    var alignCorners: Value?
    var recomputeScaleFactor: Value?
    var antialias = false
}

/// `F.interpolate` (and the deprecated `F.upsample*`), `nn.Upsample`,
/// `nn.UpsamplingNearest2d` and `nn.UpsamplingBilinear2d`.
extension Interpreter {
    /// functional.py's `interpolate`: its argument checks in its order and words, then the
    /// engine's kernel for the mode, given the scale factors unless they are recomputed.
    func interpolate(_ input: Tensor, _ request: InterpolationRequest) throws -> Tensor {
        let mode = request.mode
        let linearModes = ["linear", "bilinear", "bicubic", "trilinear"]
        var alignCorners = false
        if let given = request.alignCorners, !given.isNone {
            guard linearModes.contains(mode) else {
                throw PythonError.valueError("align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear")
            }
            alignCorners = try truthy(given)
        }
        let spatialRank = input.rank - 2
        let spatial = formatShape(Array(input.shape.dropFirst(2)))
        let size = request.size.flatMap { $0.isNone ? nil : $0 }, factor = request.scaleFactor.flatMap { $0.isNone ? nil : $0 }
        var outputSize: [Int]?
        var scales: [Double]?
        if size != nil, factor != nil {
            throw PythonError.valueError("only one of size or scale_factor should be defined")
        } else if let size {
            if case .int = size {
                outputSize = Array(repeating: try pythonIntValue(size), count: max(spatialRank, 0))
            } else {
                let sizes = try toIntList(size, function: "interpolate", argument: "size")
                guard sizes.count == spatialRank else {
                    throw PythonError.valueError(
                        "Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of \(spatial) and output size of \(try repr(size)). Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.")
                }
                outputSize = sizes
            }
        } else if let factor {
            switch factor {
            case .list, .tuple:
                let factors = try iterate(factor).map { try pythonDouble($0) }
                guard factors.count == spatialRank else {
                    throw PythonError.valueError(
                        "Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of \(spatial) and scale_factor of shape \(try repr(factor)). Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.")
                }
                scales = factors
            default: scales = Array(repeating: try pythonDouble(factor), count: max(spatialRank, 0))
            }
        } else {
            throw PythonError.valueError("either size or scale_factor should be defined")
        }
        var recompute = try request.recomputeScaleFactor.map { try !$0.isNone && truthy($0) } ?? false
        if recompute, size != nil { throw PythonError.valueError("recompute_scale_factor is not meaningful with an explicit size.") }
        if mode == "area", outputSize == nil { recompute = true }
        if let factors = scales, outputSize == nil {
            guard factors.allSatisfy({ $0.isFinite && $0 > 0 }) else { throw PythonError.valueError("scale_factor must be finite and positive") }
            outputSize = try zip(input.shape.dropFirst(2), factors).map { length, factor in
                let scaled = (Double(length) * factor).rounded(.down)
                guard scaled < Double(1 << 48) else { throw PythonError.runtimeError("interpolate: output size \(scaled) is too large") }
                return Int(scaled)
            }
            if recompute { scales = nil }
        }
        if request.antialias {
            guard ["bilinear", "bicubic"].contains(mode), input.rank == 4 else {
                throw PythonError.valueError("Anti-alias option is restricted to bilinear and bicubic modes and requires a 4-D tensor as input")
            }
            throw PythonError.notImplemented("interpolate with antialias=True is not supported by TensorTutor yet")
        }
        return try interpolateChecked(input, mode: mode, size: outputSize ?? [], scales: scales, alignCorners: alignCorners)
    }

    /// The dispatch at the end of `interpolate`: a mode meets the input rank it needs.
    private func interpolateChecked(_ input: Tensor, mode modeName: String, size: [Int], scales: [Double]?, alignCorners: Bool) throws -> Tensor {
        let rank = input.rank
        if modeName == "area", rank == 3 || rank == 4 {
            // As `adaptive_avg_pool1d`/`2d`; the 1-d one pools a height of one and drops it.
            if rank == 4 { return try Autodiff.adaptiveAvgPool2d(input, outputSize: size) }
            return try Autodiff.squeeze(try Autodiff.adaptiveAvgPool2d(try Autodiff.unsqueeze(input, -2), outputSize: [1] + size), [-2])
        }
        if modeName == "area", rank == 5 {
            throw PythonError.notImplemented("interpolate mode 'area' on 5-D input is not supported by TensorTutor yet")
        }
        if let mode = InterpolationMode(rawValue: modeName), (3...5).contains(rank) {
            if let needed = mode.requiredSpatialRank, needed != rank - 2 {
                guard mode != .bicubic else { throw unsupportedInterpolation(rank: rank, mode: modeName) }
                throw PythonError.notImplemented("Got \(rank)D input, but \(modeName) mode needs \(needed + 2)D input")
            }
            return try Autodiff.interpolate(input, size: size, scaleFactors: scales, mode: mode, alignCorners: alignCorners)
        }
        throw unsupportedInterpolation(rank: rank, mode: modeName)
    }

    private func unsupportedInterpolation(rank: Int, mode: String) -> PythonError {
        .notImplemented(
            "Input Error: Only 3D, 4D and 5D input Tensors supported (got \(rank)D) for the modes: nearest | linear | bilinear | bicubic | trilinear | lanczos | area | nearest-exact (got \(mode))")
    }

    func functionalUpsamplingMembers() -> [String: Value] {
        let interpolateParameters = ["input", "size", "scale_factor", "mode", "align_corners", "recompute_scale_factor", "antialias"]
        return functionalTable([
            ("interpolate", interpolateParameters, { interpreter, bound in
                .tensor(try interpreter.interpolate(try bound.tensor("input"), InterpolationRequest(
                    size: bound.optional("size"), scaleFactor: bound.optional("scale_factor"), mode: try bound.string("mode", default: "nearest"),
                    alignCorners: bound.optional("align_corners"), recomputeScaleFactor: bound.optional("recompute_scale_factor"),
                    antialias: try bound.bool("antialias", default: false))))
            }),
            ("upsample", ["input", "size", "scale_factor", "mode", "align_corners", "recompute_scale_factor"], { interpreter, bound in
                interpreter.warn("`nn.functional.upsample` is deprecated. Use `nn.functional.interpolate` instead.")
                return .tensor(try interpreter.interpolate(try bound.tensor("input"), InterpolationRequest(
                    size: bound.optional("size"), scaleFactor: bound.optional("scale_factor"), mode: try bound.string("mode", default: "nearest"),
                    alignCorners: bound.optional("align_corners"), recomputeScaleFactor: bound.optional("recompute_scale_factor"))))
            }),
            ("upsample_nearest", ["input", "size", "scale_factor"], { interpreter, bound in
                interpreter.warn("`nn.functional.upsample_nearest` is deprecated. Use `nn.functional.interpolate` instead.")
                return .tensor(try interpreter.interpolate(try bound.tensor("input"), InterpolationRequest(
                    size: bound.optional("size"), scaleFactor: bound.optional("scale_factor"), mode: "nearest")))
            }),
            ("upsample_bilinear", ["input", "size", "scale_factor"], { interpreter, bound in
                interpreter.warn("`nn.functional.upsample_bilinear` is deprecated. Use `nn.functional.interpolate` instead.")
                return .tensor(try interpreter.interpolate(try bound.tensor("input"), InterpolationRequest(
                    size: bound.optional("size"), scaleFactor: bound.optional("scale_factor"), mode: "bilinear", alignCorners: .bool(true))))
            }),
        ])
    }

    func upsamplingModuleMembers() -> [String: Value] {
        [
            "Upsample": .builtin(Builtin("Upsample") { interpreter, arguments in
                let bound = try arguments.bind("Upsample", ["size", "scale_factor", "mode", "align_corners", "recompute_scale_factor"])
                return .native(try interpreter.upsampleModule("Upsample", bound, mode: try bound.string("mode", default: "nearest"),
                                                              alignCorners: bound.optional("align_corners")))
            }),
            "UpsamplingNearest2d": .builtin(Builtin("UpsamplingNearest2d") { interpreter, arguments in
                let bound = try arguments.bind("UpsamplingNearest2d", ["size", "scale_factor"])
                return .native(try interpreter.upsampleModule("UpsamplingNearest2d", bound, mode: "nearest", alignCorners: nil))
            }),
            "UpsamplingBilinear2d": .builtin(Builtin("UpsamplingBilinear2d") { interpreter, arguments in
                let bound = try arguments.bind("UpsamplingBilinear2d", ["size", "scale_factor"])
                return .native(try interpreter.upsampleModule("UpsamplingBilinear2d", bound, mode: "bilinear", alignCorners: .bool(true)))
            }),
        ]
    }

    /// `nn.Upsample.__init__` keeps scale_factor as a float (or a tuple of floats) and
    /// prints it, else the size; its forward is `F.interpolate` with what it kept.
    private func upsampleModule(_ name: String, _ bound: BoundArguments, mode: String, alignCorners: Value?) throws -> FunctionModule {
        let size = bound.optional("size") ?? Value.none
        var factor = bound.optional("scale_factor") ?? Value.none
        switch factor {
        case .tuple, .list: factor = .tuple(try iterate(factor).map { .float(try pythonDouble($0)) })
        default: if try truthy(factor) { factor = .float(try pythonDouble(factor)) } else { factor = Value.none }
        }
        let shown = factor.isNone ? "size=\(try repr(size))" : "scale_factor=\(try repr(factor))"
        let request = InterpolationRequest(size: size, scaleFactor: factor, mode: mode, alignCorners: alignCorners,
                                           recomputeScaleFactor: bound.optional("recompute_scale_factor"))
        return FunctionModule(name: name, description: "\(shown), mode=\(try repr(.string(mode)))") { interpreter, input in
            .tensor(try interpreter.interpolate(input, request))
        }
    }
}
