import Foundation

/// float32 softmax and log_softmax input gradients, rounded as PyTorch's CPU kernels
/// (SoftMaxKernel.cpp) round them. Both gradients subtract a row sum from each element,
/// so near cancellation the printed digits depend on the order of every float operation:
/// - along the last dim (`_vec_host_softmax_backward_lastdim`), the row sum keeps eight
///   lane sums like `vec::reduce_all`, and each element is then mapped on its own;
/// - along any other dim (`_vec_softmax_backward`), each inner position sums down the dim
///   one element at a time, with the product fused into the sum.
/// log_softmax's gradient, dy − exp(y)·Σdy, is one fused multiply-add. It takes exp from
/// the vector kernel (SLEEF's, as `vectorExp`) except in the scalar tail of the other-dim
/// kernel, which calls libm's expf.
/// Each rule was checked against PyTorch's gradients bit for bit over random shapes.
struct SoftmaxBackwardLayout {
    let outer: Int
    let dimSize: Int
    let inner: Int
    let logarithm: Bool
}

enum SoftmaxBackward {
    /// `result = gradient of the input`, from `gradient` (dy) and the forward `output` (y),
    /// all contiguous and laid out as `layout`.
    static func run(gradient: UnsafePointer<Float>, output: UnsafePointer<Float>, result: UnsafeMutablePointer<Float>,
                    layout: SoftmaxBackwardLayout, lastDim: Bool) {
        if lastDim {
            for row in 0..<layout.outer {
                let offset = row * layout.dimSize
                lastDimRow(gradient + offset, output + offset, result + offset, layout.dimSize, layout.logarithm)
            }
        } else {
            for block in 0..<layout.outer {
                let offset = block * layout.dimSize * layout.inner
                columns(gradient + offset, output + offset, result + offset, layout)
            }
        }
    }

    // MARK: Along the last dim

    private static func lastDimRow(_ dy: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>,
                                   _ length: Int, _ logarithm: Bool) {
        if logarithm {
            let total = SIMD8<Float>(repeating: LaneOrderedSum.sum(dy, count: length))
            mapRows(dy, y, dx, length) { dy, y in dy.addingProduct(-vectorExp(y), total) }
        } else {
            let total = SIMD8<Float>(repeating: LaneOrderedSum.dot(dy, y, count: length, fusedTail: true))
            mapRows(dy, y, dx, length) { dy, y in (dy - total) * y }
        }
    }

    @inline(__always)
    private static func mapRows(_ lhs: UnsafePointer<Float>, _ rhs: UnsafePointer<Float>, _ result: UnsafeMutablePointer<Float>,
                                _ length: Int, _ transform: (SIMD8<Float>, SIMD8<Float>) -> SIMD8<Float>) {
        var index = 0
        while index + 8 <= length {
            storeVector(transform(loadVector(lhs + index), loadVector(rhs + index)), result + index)
            index += 8
        }
        if index < length {
            let tail = length - index
            storePartialVector(transform(loadPartialVector(lhs + index, tail), loadPartialVector(rhs + index, tail)),
                               result + index, tail)
        }
    }

    // MARK: Along another dim

    /// One block of `dimSize × inner`: eight inner positions at a time, then the scalar tail.
    private static func columns(_ dy: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>,
                                _ layout: SoftmaxBackwardLayout) {
        let (dimSize, inner) = (layout.dimSize, layout.inner)
        var position = 0
        while position + 8 <= inner {
            var total = SIMD8<Float>(repeating: 0)
            for step in 0..<dimSize {
                let offset = step * inner + position
                total = layout.logarithm ? total + loadVector(dy + offset)
                    : total.addingProduct(loadVector(dy + offset), loadVector(y + offset))
            }
            for step in 0..<dimSize {
                let offset = step * inner + position
                let (gradient, output) = (loadVector(dy + offset), loadVector(y + offset))
                let value = layout.logarithm ? gradient.addingProduct(-vectorExp(output), total) : output * (gradient - total)
                storeVector(value, dx + offset)
            }
            position += 8
        }
        while position < inner {
            var total: Float = 0
            for step in 0..<dimSize {
                let offset = step * inner + position
                total = layout.logarithm ? total + dy[offset] : total.addingProduct(dy[offset], y[offset])
            }
            for step in 0..<dimSize {
                let offset = step * inner + position
                dx[offset] = layout.logarithm ? dy[offset].addingProduct(-Foundation.exp(y[offset]), total)
                    : y[offset] * (dy[offset] - total)
            }
            position += 1
        }
    }
}

extension Tensor {
    /// The input gradient of float32 `softmax` (or `log_softmax`) along `dim`, where this
    /// tensor is the forward output and `gradient` the output's gradient, as PyTorch's CPU
    /// kernel rounds it. Other dtypes are the caller's to compose.
    public func float32SoftmaxGradient(_ gradient: Tensor, dim: Int, logarithm: Bool) throws -> Tensor {
        guard dtype == .float32, gradient.dtype == .float32, gradient.shape == shape else {
            throw TensorError.runtime("float32SoftmaxGradient expects float32 tensors of one shape")
        }
        let axis = rank == 0 ? 0 : try normalizeDim(dim, rank: rank)
        let sizes = rank == 0 ? [1] : shape
        let result = try Tensor.uninitialized(shape: shape, dtype: .float32)
        guard count > 0 else { return result }
        let (output, upstream) = (try contiguous(), try gradient.contiguous())
        let layout = SoftmaxBackwardLayout(
            outer: sizes[..<axis].reduce(1, *), dimSize: sizes[axis], inner: sizes[(axis + 1)...].reduce(1, *),
            logarithm: logarithm)
        SoftmaxBackward.run(gradient: UnsafePointer(upstream.pointer(Float.self) + upstream.storageOffset),
                            output: UnsafePointer(output.pointer(Float.self) + output.storageOffset),
                            result: result.pointer(Float.self), layout: layout, lastDim: axis == sizes.count - 1)
        return result
    }
}
