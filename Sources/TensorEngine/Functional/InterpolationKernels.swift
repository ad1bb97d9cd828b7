/// The nearest and linear kernels of `F.interpolate`, rounded as PyTorch's CPU kernels
/// round them (in the input's precision, float for reduced types). Every spatial axis
/// maps each output index to two input taps (one for the nearest modes) and their weights.
///
/// ATen's kernels are built with floating-point contraction, so some of their products
/// and sums are fused multiply-adds; which ones was read off their results:
/// - the generic forward kernel nests `t0 · w0 + t1 · w1` axis by axis, the second
///   product rounded and the first fused in, with source indices computed unfused;
/// - 2-d bilinear with small outputs (height + width ≤ 128) or three channels runs the
///   channels-last kernel: its four corner weights are products of the axis weights, the
///   corners are summed in one of two fused orders (eight-channel vectors and scalar
///   tail differ), and source indices are `fma(scale, i + 0.5, -0.5)`;
/// - the backward kernels add `weight · gradient` into the input gradient fused, in
///   output order, with fused source indices.
struct InterpolationTaps<T: BinaryFloatingPoint> {
    /// Per output index: the input indices it reads (one or two).
    var indices: [[Int]]
    /// Per output index: the weights of those reads.
    var weights: [[T]]
}

enum InterpolationTapKind {
    case nearest, nearestExact, linear
}

/// `area_pixel_compute_scale`: the step between output positions in input coordinates.
func interpolationScale<T: BinaryFloatingPoint>(input: Int, output: Int, alignCorners: Bool, scaleFactor: Double?) -> T {
    if alignCorners { return output > 1 ? T(input - 1) / T(output - 1) : 0 }
    if let scaleFactor, scaleFactor > 0 { return T(1.0 / scaleFactor) }
    return T(input) / T(output)
}

/// One axis's taps. `fusedIndex` computes a linear source index as `fma(scale, i + 0.5, -0.5)`.
func interpolationTaps<T: BinaryFloatingPoint>(_ kind: InterpolationTapKind, input: Int, output: Int, alignCorners: Bool,
                                               scaleFactor: Double?, fusedIndex: Bool) -> InterpolationTaps<T> {
    let scale: T = interpolationScale(input: input, output: output, alignCorners: alignCorners, scaleFactor: scaleFactor)
    var taps = InterpolationTaps<T>(indices: [], weights: [])
    for index in 0..<output {
        switch kind {
        case .nearest:
            // `nearest_idx`: a float product floored, clamped to the last input.
            let source = output == input ? index : Int((T(index) * scale).rounded(.down))
            taps.indices.append([min(source, input - 1)])
            taps.weights.append([1])
        case .nearestExact:
            let source = Int(Float((Double(index) + 0.5) * Double(scale)).rounded(.down))
            taps.indices.append([min(source, input - 1)])
            taps.weights.append([1])
        case .linear:
            guard output != input else {
                taps.indices.append([index, index])
                taps.weights.append([1, 0])
                continue
            }
            var real: T
            if alignCorners {
                real = scale * T(index)
            } else {
                real = fusedIndex ? T(-0.5).addingProduct(scale, T(index) + 0.5) : scale * (T(index) + 0.5) - 0.5
                if real < 0 { real = 0 }
            }
            let low = min(Int(real.rounded(.down)), input - 1)
            let fraction = min(max(real - T(low), 0), 1)
            taps.indices.append([low, low + (low < input - 1 ? 1 : 0)])
            taps.weights.append([1 - fraction, fraction])
        }
    }
    return taps
}

/// The generic forward kernel over `planes` contiguous planes of `inputSpatial`.
func interpolateGeneric<T: BinaryFloatingPoint>(_ source: [T], planes: Int, inputSpatial: [Int], outputSpatial: [Int],
                                                taps: [InterpolationTaps<T>]) -> [T] {
    let inputPlane = inputSpatial.reduce(1, *), outputPlane = outputSpatial.reduce(1, *)
    let inputStrides = contiguousStrides(inputSpatial)
    var result = [T](repeating: 0, count: planes * outputPlane)
    var position = [Int](repeating: 0, count: outputSpatial.count)
    // One axis at a time from the first: the value of a sub-block is its taps' values,
    // the second product rounded and the first fused in, as `t0 * w0 + t1 * w1` compiles.
    func value(_ axis: Int, _ base: Int) -> T {
        let reads = taps[axis].indices[position[axis]], weights = taps[axis].weights[position[axis]]
        func tap(_ k: Int) -> T {
            let offset = base + reads[k] * inputStrides[axis]
            return axis == outputSpatial.count - 1 ? source[offset] : value(axis + 1, offset)
        }
        guard reads.count == 2 else { return tap(0) }
        return (tap(1) * weights[1]).addingProduct(tap(0), weights[0])
    }
    for plane in 0..<planes {
        for flat in 0..<outputPlane {
            var remainder = flat
            for axis in outputSpatial.indices.reversed() {
                position[axis] = remainder % outputSpatial[axis]
                remainder /= outputSpatial[axis]
            }
            result[plane * outputPlane + flat] = value(0, plane * inputPlane)
        }
    }
    return result
}

/// The channels-last 2-d bilinear kernel over `[batch, channels, H, W]`.
func interpolateBilinearChannelsLast<T: BinaryFloatingPoint>(_ source: [T], batch: Int, channels: Int, inputSpatial: [Int],
                                                             outputSpatial: [Int], taps: [InterpolationTaps<T>]) -> [T] {
    let (inputHeight, inputWidth) = (inputSpatial[0], inputSpatial[1])
    let (outputHeight, outputWidth) = (outputSpatial[0], outputSpatial[1])
    let vectorChannels = channels - channels % 8
    var result = [T](repeating: 0, count: batch * channels * outputHeight * outputWidth)
    for plane in 0..<(batch * channels) {
        let inputBase = plane * inputHeight * inputWidth, outputBase = plane * outputHeight * outputWidth
        let inVector = plane % channels < vectorChannels
        for y in 0..<outputHeight {
            let rows = taps[0].indices[y], rowWeights = taps[0].weights[y]
            for x in 0..<outputWidth {
                let columns = taps[1].indices[x], columnWeights = taps[1].weights[x]
                let w = [rowWeights[0] * columnWeights[0], rowWeights[0] * columnWeights[1],
                         rowWeights[1] * columnWeights[0], rowWeights[1] * columnWeights[1]]
                let v = [source[inputBase + rows[0] * inputWidth + columns[0]], source[inputBase + rows[0] * inputWidth + columns[1]],
                         source[inputBase + rows[1] * inputWidth + columns[0]], source[inputBase + rows[1] * inputWidth + columns[1]]]
                result[outputBase + y * outputWidth + x] = inVector
                    ? (v[2] * w[2]).addingProduct(v[3], w[3]).addingProduct(v[1], w[1]).addingProduct(v[0], w[0])
                    : (v[1] * w[1]).addingProduct(v[0], w[0]).addingProduct(v[2], w[2]).addingProduct(v[3], w[3])
            }
        }
    }
    return result
}

/// The backward kernel: each output gradient, in output order, is added into the input
/// positions its taps read, times the product of their weights, fused.
func interpolateBackward<T: BinaryFloatingPoint>(_ gradient: [T], planes: Int, inputSpatial: [Int], outputSpatial: [Int],
                                                 taps: [InterpolationTaps<T>]) -> [T] {
    let inputPlane = inputSpatial.reduce(1, *), outputPlane = outputSpatial.reduce(1, *)
    let inputStrides = contiguousStrides(inputSpatial)
    var result = [T](repeating: 0, count: planes * inputPlane)
    var position = [Int](repeating: 0, count: outputSpatial.count)
    func scatter(_ axis: Int, _ base: Int, _ weight: T?, _ value: T) {
        let reads = taps[axis].indices[position[axis]], weights = taps[axis].weights[position[axis]]
        for k in reads.indices {
            let offset = base + reads[k] * inputStrides[axis]
            let combined = weight.map { $0 * weights[k] } ?? weights[k]
            if axis == outputSpatial.count - 1 {
                result[offset] = reads.count == 1 ? result[offset] + value : result[offset].addingProduct(combined, value)
            } else {
                scatter(axis + 1, offset, combined, value)
            }
        }
    }
    for plane in 0..<planes {
        for flat in 0..<outputPlane {
            var remainder = flat
            for axis in outputSpatial.indices.reversed() {
                position[axis] = remainder % outputSpatial[axis]
                remainder /= outputSpatial[axis]
            }
            scatter(0, plane * inputPlane, nil, gradient[plane * outputPlane + flat])
        }
    }
    return result
}

/// Row-major strides of a contiguous shape.
private func contiguousStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    for axis in shape.indices.dropLast().reversed() { strides[axis] = strides[axis + 1] * shape[axis + 1] }
    return strides
}

/// One bicubic axis: per output index, four clamped input indices and the cubic
/// convolution weights (A = -0.75), computed unfused in `T` as ATen's backward does.
func bicubicTaps<T: BinaryFloatingPoint>(input: Int, output: Int, alignCorners: Bool, scaleFactor: Double?) -> InterpolationTaps<T> {
    let scale: T = interpolationScale(input: input, output: output, alignCorners: alignCorners, scaleFactor: scaleFactor)
    let a: T = -0.75
    func near(_ x: T) -> T { ((a + 2) * x - (a + 3)) * x * x + 1 }
    func far(_ x: T) -> T { ((a * x - 5 * a) * x + 8 * a) * x - 4 * a }
    var taps = InterpolationTaps<T>(indices: [], weights: [])
    for index in 0..<output {
        let real = alignCorners ? scale * T(index) : scale * (T(index) + 0.5) - 0.5
        let start = min(Int(real.rounded(.down)), input - 1)
        let t = min(max(real - T(start), 0), 1)
        taps.indices.append((0..<4).map { min(max(start - 1 + $0, 0), input - 1) })
        taps.weights.append([far(t + 1), near(t), near(1 - t), far(2 - t)])
    }
    return taps
}

/// `upsample_bicubic2d_backward`: per output position, the sixteen taps column-major,
/// each adding (gradient · row weight) · column weight.
func interpolateBicubicBackward<T: BinaryFloatingPoint>(_ gradient: [T], planes: Int, inputSpatial: [Int], outputSpatial: [Int],
                                                        taps: [InterpolationTaps<T>]) -> [T] {
    let (inputHeight, inputWidth) = (inputSpatial[0], inputSpatial[1])
    let outputPlane = outputSpatial[0] * outputSpatial[1]
    var result = [T](repeating: 0, count: planes * inputHeight * inputWidth)
    for plane in 0..<planes {
        let base = plane * inputHeight * inputWidth
        for y in 0..<outputSpatial[0] {
            for x in 0..<outputSpatial[1] {
                let value = gradient[plane * outputPlane + y * outputSpatial[1] + x]
                for i in 0..<4 {
                    for j in 0..<4 {
                        let offset = base + taps[0].indices[y][j] * inputWidth + taps[1].indices[x][i]
                        result[offset] += value * taps[0].weights[y][j] * taps[1].weights[x][i]
                    }
                }
            }
        }
    }
    return result
}
