/// `F.interpolate` for (N, C, H, W) inputs in the modes 'nearest', 'bilinear' and
/// 'bicubic', as PyTorch's CPU kernels compute them: the scale is 1/scale_factor when
/// one is given (else in/out), source coordinates follow `area_pixel_compute_source_index`,
/// bicubic uses the cubic convolution with A = -0.75 and clamps reads at the border.
public enum InterpolationMode: String, Sendable {
    case nearest, bilinear, bicubic
}

extension Tensor {
    public func interpolated(size: [Int], scaleFactors: [Double]?, mode: InterpolationMode, alignCorners: Bool) throws -> Tensor {
        guard rank == 4, size.count == 2, dtype.isFloatingPoint else {
            throw TensorError.notImplemented("interpolate here takes a 4-D floating-point input (N, C, H, W) and a 2-D size")
        }
        let (batch, channels, inHeight, inWidth) = (shape[0], shape[1], shape[2], shape[3])
        let (outHeight, outWidth) = (size[0], size[1])
        guard outHeight > 0, outWidth > 0 else {
            throw TensorError.runtime("Input and output sizes should be greater than 0, but got input (H: \(inHeight), W: \(inWidth)) output (H: \(outHeight), W: \(outWidth))")
        }
        try ensureAllocatable(shape: [batch, channels, outHeight, outWidth], itemSize: 8)
        let source = try contiguous().doubles()
        let heightMap = axisMap(input: inHeight, output: outHeight, scaleFactor: scaleFactors?[0], mode: mode, alignCorners: alignCorners)
        let widthMap = axisMap(input: inWidth, output: outWidth, scaleFactor: scaleFactors?[1], mode: mode, alignCorners: alignCorners)
        var result = [Double](repeating: 0, count: batch * channels * outHeight * outWidth)
        var position = 0
        for plane in 0..<(batch * channels) {
            let base = plane * inHeight * inWidth
            for y in 0..<outHeight {
                for x in 0..<outWidth {
                    var total = 0.0
                    for (row, rowWeight) in heightMap[y] {
                        var rowTotal = 0.0
                        for (column, weight) in widthMap[x] { rowTotal += weight * source[base + row * inWidth + column] }
                        total += rowWeight * rowTotal
                    }
                    result[position] = total
                    position += 1
                }
            }
        }
        return try ResultBuilder.tensor(doubles: result, shape: [batch, channels, outHeight, outWidth], dtype: dtype)
    }
}

/// For each output index along one axis: the input indices it reads and their weights.
private func axisMap(input: Int, output: Int, scaleFactor: Double?, mode: InterpolationMode, alignCorners: Bool) -> [[(Int, Double)]] {
    let scale: Double
    if alignCorners && mode != .nearest {
        scale = output > 1 ? Double(input - 1) / Double(output - 1) : 0
    } else if let scaleFactor, scaleFactor > 0 {
        scale = 1 / scaleFactor
    } else {
        scale = Double(input) / Double(output)
    }
    return (0..<output).map { index in
        switch mode {
        case .nearest:
            let source = output == input ? index : (output == 2 * input ? index >> 1 : Int((Float(index) * Float(scale)).rounded(.down)))
            return [(min(source, input - 1), 1)]
        case .bilinear:
            let real = alignCorners ? scale * Double(index) : max(0, scale * (Double(index) + 0.5) - 0.5)
            let low = min(Int(real), input - 1)
            let high = min(low + 1, input - 1)
            let fraction = real - Double(low)
            return [(low, 1 - fraction), (high, fraction)]
        case .bicubic:
            let real = alignCorners ? scale * Double(index) : scale * (Double(index) + 0.5) - 0.5
            let floorValue = real.rounded(.down)
            let t = real - floorValue
            let start = Int(floorValue)
            let weights = cubicCoefficients(t)
            return (0..<4).map { offset in (min(max(start - 1 + offset, 0), input - 1), weights[offset]) }
        }
    }
}

/// `get_cubic_upsample_coefficients` with A = -0.75.
private func cubicCoefficients(_ t: Double) -> [Double] {
    let a = -0.75
    func near(_ x: Double) -> Double { ((a + 2) * x - (a + 3)) * x * x + 1 }
    func far(_ x: Double) -> Double { ((a * x - 5 * a) * x + 8 * a) * x - 4 * a }
    return [far(t + 1), near(t), near(1 - t), far(2 - t)]
}
