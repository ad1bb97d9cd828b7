/// `F.interpolate` for (N, C, *spatial) inputs with one to three spatial dims, in the
/// modes 'nearest', 'nearest-exact', 'linear', 'bilinear', 'bicubic' and 'trilinear', as
/// PyTorch's CPU kernels compute them: the scale is 1/scale_factor when one is given
/// (else in/out), source coordinates follow `area_pixel_compute_source_index`, bicubic
/// uses the cubic convolution with A = -0.75 and clamps reads at the border.
/// Every mode weighs each spatial axis independently, so the output is the input mapped
/// one axis at a time; the backward pass applies the same maps transposed.
public enum InterpolationMode: String, Sendable {
    case nearest, linear, bilinear, bicubic, trilinear
    case nearestExact = "nearest-exact"

    /// The number of spatial dims a linear mode is made for; nil for the nearest modes.
    public var requiredSpatialRank: Int? {
        switch self {
        case .linear: 1
        case .bilinear, .bicubic: 2
        case .trilinear: 3
        case .nearest, .nearestExact: nil
        }
    }

    /// The word PyTorch puts in the backward node's name (`UpsampleNearestExact2DBackward0`).
    public var nodeWord: String {
        switch self {
        case .nearest: "Nearest"
        case .nearestExact: "NearestExact"
        case .linear: "Linear"
        case .bilinear: "Bilinear"
        case .bicubic: "Bicubic"
        case .trilinear: "Trilinear"
        }
    }
}

/// For each output index along one axis: the input indices it reads and their weights.
typealias AxisMap = [[(index: Int, weight: Double)]]

extension Tensor {
    public func interpolated(size: [Int], scaleFactors: [Double]?, mode: InterpolationMode, alignCorners: Bool) throws -> Tensor {
        let spatial = Array(shape.dropFirst(2))
        guard rank >= 3, size.count == spatial.count, dtype.isFloatingPoint else {
            throw TensorError.notImplemented("interpolate here takes a floating-point input (N, C, *spatial) and a size per spatial dim")
        }
        // ATen's upsample checks refuse an empty input plane too, before any index is read.
        guard size.allSatisfy({ $0 > 0 }), spatial.allSatisfy({ $0 > 0 }) else {
            let names = ["D", "H", "W"].suffix(spatial.count)
            let input = zip(names, spatial).map { "\($0): \($1)" }.joined(separator: ", ")
            let output = zip(names, size).map { "\($0): \($1)" }.joined(separator: ", ")
            // ATen's 1-d check words it "input (W: 0) and output (W: 5)".
            let joiner = spatial.count == 1 ? " and output" : " output"
            throw TensorError.runtime("Input and output sizes should be greater than 0, but got input (\(input))\(joiner) (\(output))")
        }
        try ensureAllocatable(shape: Array(shape.prefix(2)) + size, itemSize: 8)
        // Each axis's taps (up to four indices and weights per output index) are Swift
        // arrays even when the batch is empty, as ATen's index buffers are.
        for length in size { try ensureAllocatable(elements: length, itemSize: 64) }
        if mode != .bicubic {
            return dtype == .float64
                ? try interpolatedFaithfully(Double.self, size: size, scaleFactors: scaleFactors, mode: mode, alignCorners: alignCorners)
                : try interpolatedFaithfully(Float.self, size: size, scaleFactors: scaleFactors, mode: mode, alignCorners: alignCorners)
        }
        let maps = spatial.indices.map { axis in
            axisMap(input: spatial[axis], output: size[axis], scaleFactor: scaleFactors?[axis], mode: mode, alignCorners: alignCorners)
        }
        var values = try contiguous().doubles(), current = shape
        for axis in spatial.indices {
            (values, current) = mapAlongAxis(values, shape: current, axis: axis + 2, map: maps[axis], length: size[axis], transposed: false)
        }
        return try ResultBuilder.tensor(doubles: values, shape: current, dtype: dtype)
    }

    /// The gradient of `interpolated` with respect to an input of `inputShape`: every
    /// output element's gradient goes back to the input elements it read, by their weights.
    public static func interpolationBackward(gradOutput: Tensor, inputShape: [Int], scaleFactors: [Double]?, mode: InterpolationMode,
                                             alignCorners: Bool) throws -> Tensor {
        let spatial = Array(inputShape.dropFirst(2)), size = Array(gradOutput.shape.dropFirst(2))
        if mode != .bicubic || spatial.count == 2 {
            return gradOutput.dtype == .float64
                ? try gradOutput.interpolationBackwardFaithfully(Double.self, inputShape: inputShape, scaleFactors: scaleFactors, mode: mode,
                                                                 alignCorners: alignCorners)
                : try gradOutput.interpolationBackwardFaithfully(Float.self, inputShape: inputShape, scaleFactors: scaleFactors, mode: mode,
                                                                 alignCorners: alignCorners)
        }
        let maps = spatial.indices.map { axis in
            axisMap(input: spatial[axis], output: size[axis], scaleFactor: scaleFactors?[axis], mode: mode, alignCorners: alignCorners)
        }
        var values = try gradOutput.contiguous().doubles(), current = gradOutput.shape
        for axis in spatial.indices {
            (values, current) = mapAlongAxis(values, shape: current, axis: axis + 2, map: maps[axis], length: spatial[axis], transposed: true)
        }
        return try ResultBuilder.tensor(doubles: values, shape: current, dtype: gradOutput.dtype)
    }
}

extension Tensor {
    /// The nearest and linear modes through the kernels that round as PyTorch's do.
    private func interpolatedFaithfully<T: BinaryFloatingPoint & TensorElement>(
        _ type: T.Type, size: [Int], scaleFactors: [Double]?, mode: InterpolationMode, alignCorners: Bool
    ) throws -> Tensor {
        let spatial = Array(shape.dropFirst(2)), channels = shape[1]
        // Bilinear runs ATen's channels-last kernel for small outputs and for three channels.
        let channelsLast = mode == .bilinear && (size[0] + size[1] <= 128 || channels == 3)
        let taps: [InterpolationTaps<T>] = spatial.indices.map { axis in
            interpolationTaps(mode.tapKind, input: spatial[axis], output: size[axis], alignCorners: alignCorners,
                              scaleFactor: scaleFactors?[axis], fusedIndex: channelsLast)
        }
        let source = try (dtype == T.dtype ? self : to(T.dtype)).contiguous().elements(as: T.self)
        let values = channelsLast
            ? interpolateBilinearChannelsLast(source, batch: shape[0], channels: channels, inputSpatial: spatial, outputSpatial: size, taps: taps)
            : interpolateGeneric(source, planes: shape[0] * channels, inputSpatial: spatial, outputSpatial: size, taps: taps)
        let result = try Tensor(values: values, shape: Array(shape.prefix(2)) + size)
        return dtype == T.dtype ? result : try result.to(dtype)
    }

    /// `interpolationBackward` for the nearest and linear modes, self the output gradient.
    fileprivate func interpolationBackwardFaithfully<T: BinaryFloatingPoint & TensorElement>(
        _ type: T.Type, inputShape: [Int], scaleFactors: [Double]?, mode: InterpolationMode, alignCorners: Bool
    ) throws -> Tensor {
        let spatial = Array(inputShape.dropFirst(2)), size = Array(shape.dropFirst(2))
        let taps: [InterpolationTaps<T>] = spatial.indices.map { axis in
            mode == .bicubic
                ? bicubicTaps(input: spatial[axis], output: size[axis], alignCorners: alignCorners, scaleFactor: scaleFactors?[axis])
                : interpolationTaps(mode.tapKind, input: spatial[axis], output: size[axis], alignCorners: alignCorners,
                                    scaleFactor: scaleFactors?[axis], fusedIndex: true)
        }
        let gradient = try (dtype == T.dtype ? self : to(T.dtype)).contiguous().elements(as: T.self)
        let planes = inputShape[0] * inputShape[1]
        let values = mode == .bicubic
            ? interpolateBicubicBackward(gradient, planes: planes, inputSpatial: spatial, outputSpatial: size, taps: taps)
            : interpolateBackward(gradient, planes: planes, inputSpatial: spatial, outputSpatial: size, taps: taps)
        let result = try Tensor(values: values, shape: inputShape)
        return dtype == T.dtype ? result : try result.to(dtype)
    }
}

extension InterpolationMode {
    fileprivate var tapKind: InterpolationTapKind {
        switch self {
        case .nearest: .nearest
        case .nearestExact: .nearestExact
        default: .linear
        }
    }
}

/// Maps `values` (contiguous, of `shape`) along `axis` to `length` positions: position j
/// of the result is Σ weight · values[source] over map[j]; transposed, each map[j] adds
/// values[j] · weight into result[source] instead, `length` being the input's length.
private func mapAlongAxis(_ values: [Double], shape: [Int], axis: Int, map: AxisMap, length: Int,
                          transposed: Bool) -> (values: [Double], shape: [Int]) {
    let outer = shape[..<axis].reduce(1, *), inner = shape[(axis + 1)...].reduce(1, *)
    let sourceLength = shape[axis]
    var result = [Double](repeating: 0, count: outer * length * inner)
    for block in 0..<outer {
        let sourceBase = block * sourceLength * inner, resultBase = block * length * inner
        for (position, reads) in map.enumerated() {
            for (index, weight) in reads {
                let (from, to) = transposed ? (position, index) : (index, position)
                let sourceStart = sourceBase + from * inner, resultStart = resultBase + to * inner
                for offset in 0..<inner { result[resultStart + offset] += weight * values[sourceStart + offset] }
            }
        }
    }
    var resultShape = shape
    resultShape[axis] = length
    return (result, resultShape)
}

/// One bicubic axis's map: for each output index, the four input indices it reads
/// (clamped at the border) and their weights.
private func axisMap(input: Int, output: Int, scaleFactor: Double?, mode: InterpolationMode, alignCorners: Bool) -> AxisMap {
    let scale: Double = interpolationScale(input: input, output: output, alignCorners: alignCorners, scaleFactor: scaleFactor)
    return (0..<output).map { index in
        let real = alignCorners ? scale * Double(index) : scale * (Double(index) + 0.5) - 0.5
        let floorValue = real.rounded(.down)
        let start = Int(floorValue)
        let weights = cubicCoefficients(real - floorValue)
        return (0..<4).map { offset in (min(max(start - 1 + offset, 0), input - 1), weights[offset]) }
    }
}

/// `get_cubic_upsample_coefficients` with A = -0.75.
private func cubicCoefficients(_ t: Double) -> [Double] {
    let a = -0.75
    func near(_ x: Double) -> Double { ((a + 2) * x - (a + 3)) * x * x + 1 }
    func far(_ x: Double) -> Double { ((a * x - 5 * a) * x + 8 * a) * x - 4 * a }
    return [far(t + 1), near(t), near(1 - t), far(2 - t)]
}
