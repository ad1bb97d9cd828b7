/// An ungrouped float32 convolution's gradients as oneDNN's backward kernels compute them,
/// each element one fused running sum; products through col2im or a blocked matrix product
/// would round partial sums on their own and differ in the last bits.

/// The input gradient: per input pixel, over kernel rows, then kernel columns, then output
/// channels. The pixels of an image row are independent sums, so the innermost loop runs
/// along the row.
struct DirectInputGradient {
    /// `[N, C, H, W]` image, `[N, O, oH, oW]` output gradient, `[O, C/groups, kH, kW]` weight.
    let image: [Int]
    let output: [Int]
    let weight: [Int]
    let geometry: ConvolutionGeometry

    func run(gradient: UnsafeBufferPointer<Float>, weights: UnsafeBufferPointer<Float>) -> [Float] {
        let (batch, channels, height, width) = (image[0], image[1], image[2], image[3])
        let (outputChannels, outputHeight, outputWidth) = (output[1], output[2], output[3])
        let groupInputs = channels / geometry.groups, groupOutputs = outputChannels / geometry.groups
        var result = [Float](repeating: 0, count: batch * channels * height * width)
        let row = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(width, 1))
        defer { row.deallocate() }
        let columnRuns = (0..<weight[3]).map { columnRun(kernelColumn: $0, width: width, outputWidth: outputWidth) }
        let step = geometry.stride[1]
        guard let gradientBase = gradient.baseAddress else { return result }
        for sample in 0..<batch {
            for channel in 0..<channels {
                let group = channel / groupInputs, channelInGroup = channel % groupInputs
                for y in 0..<height {
                    row.update(repeating: 0, count: width)
                    for kernelRow in 0..<weight[2] {
                        let shifted = y + geometry.paddingBefore[0] - kernelRow * geometry.dilation[0]
                        guard shifted >= 0, shifted % geometry.stride[0] == 0, shifted / geometry.stride[0] < outputHeight else { continue }
                        let outputRow = shifted / geometry.stride[0]
                        for kernelColumn in 0..<weight[3] {
                            let run = columnRuns[kernelColumn]
                            guard run.count > 0 else { continue }
                            for outputChannel in (group * groupOutputs)..<((group + 1) * groupOutputs) {
                                let factor = weights[((outputChannel * groupInputs + channelInGroup) * weight[2] + kernelRow) * weight[3] + kernelColumn]
                                let source = ((sample * outputChannels + outputChannel) * outputHeight + outputRow) * outputWidth
                                addScaled(gradientBase + source + run.firstOutput, factor, into: row + run.firstInput,
                                          count: run.count, step: step)
                            }
                        }
                    }
                    let target = ((sample * channels + channel) * height + y) * width
                    for x in 0..<width { result[target + x] = row[x] }
                }
            }
        }
        return result
    }

    /// target[k·step] += factor · source[k] for k < count, each one fused multiply-add;
    /// eight at a time when the targets are adjacent.
    @inline(__always)
    private func addScaled(_ source: UnsafePointer<Float>, _ factor: Float, into target: UnsafeMutablePointer<Float>,
                           count: Int, step: Int) {
        var offset = 0
        if step == 1 {
            let factors = SIMD8<Float>(repeating: factor)
            while offset + 8 <= count {
                storeVector(loadVector(target + offset).addingProduct(loadVector(source + offset), factors), target + offset)
                offset += 8
            }
        }
        while offset < count {
            target[offset * step] = target[offset * step].addingProduct(source[offset], factor)
            offset += 1
        }
    }

    /// The output columns that kernel column `kernelColumn` links to input columns: a run
    /// of consecutive output columns, whose input columns are `stride` apart.
    private func columnRun(kernelColumn: Int, width: Int, outputWidth: Int) -> (firstInput: Int, firstOutput: Int, count: Int) {
        let linked = (0..<outputWidth).filter { outputColumn in
            let x = outputColumn * geometry.stride[1] - geometry.paddingBefore[1] + kernelColumn * geometry.dilation[1]
            return x >= 0 && x < width
        }
        guard let first = linked.first else { return (0, 0, 0) }
        let firstInput = first * geometry.stride[1] - geometry.paddingBefore[1] + kernelColumn * geometry.dilation[1]
        return (firstInput, first, linked.count)
    }
}

/// The weight gradient: per weight, over samples, then output rows, then output columns.
/// The output channels' sums are independent, so the innermost loop runs over them, on
/// the output gradient laid out channels-last.
struct DirectWeightGradient {
    /// `[N, C, H, W]` image, `[N, O, oH, oW]` output gradient, `[kH, kW]` kernel.
    let image: [Int]
    let output: [Int]
    let kernel: [Int]
    let geometry: ConvolutionGeometry

    /// `values`: the image; `channelsLast`: the output gradient as `[N, oH, oW, O]`.
    /// Returns the weight gradient `[O, C, kH, kW]`.
    func run(values: UnsafeBufferPointer<Float>, channelsLast: UnsafeBufferPointer<Float>) -> [Float] {
        let (batch, channels, height, width) = (image[0], image[1], image[2], image[3])
        let (outputChannels, outputHeight, outputWidth) = (output[1], output[2], output[3])
        let kernelArea = kernel[0] * kernel[1]
        var result = [Float](repeating: 0, count: outputChannels * channels * kernelArea)
        let sums = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(outputChannels, 1))
        defer { sums.deallocate() }
        guard let gradientBase = channelsLast.baseAddress else { return result }
        for channel in 0..<channels {
            for kernelRow in 0..<kernel[0] {
                for kernelColumn in 0..<kernel[1] {
                    sums.update(repeating: 0, count: outputChannels)
                    for sample in 0..<batch {
                        for outputRow in 0..<outputHeight {
                            let y = outputRow * geometry.stride[0] - geometry.paddingBefore[0] + kernelRow * geometry.dilation[0]
                            guard y >= 0, y < height else { continue }
                            for outputColumn in 0..<outputWidth {
                                let x = outputColumn * geometry.stride[1] - geometry.paddingBefore[1] + kernelColumn * geometry.dilation[1]
                                guard x >= 0, x < width else { continue }
                                let pixel = values[((sample * channels + channel) * height + y) * width + x]
                                let gradientRow = gradientBase + ((sample * outputHeight + outputRow) * outputWidth + outputColumn) * outputChannels
                                for index in 0..<outputChannels { sums[index] = sums[index].addingProduct(gradientRow[index], pixel) }
                            }
                        }
                    }
                    for index in 0..<outputChannels {
                        result[(index * channels + channel) * kernelArea + kernelRow * kernel[1] + kernelColumn] = sums[index]
                    }
                }
            }
        }
        return result
    }
}
