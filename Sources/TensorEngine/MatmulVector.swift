/// Products with one output column (mv, dot) or, transposed, one output row (vector @
/// matrix). The register tile would waste 15 of every 16 lanes there, and these are
/// memory-bound anyway, so each layout gets the loop that reads memory in order.

/// y[i] = Σ_k M[i, k] · x[k] for `length` outputs written `outputStride` apart.
func multiplyMatrixVector(
    _ matrix: FloatMatrix, _ vector: UnsafePointer<Float>, vectorStride: Int,
    into output: UnsafeMutablePointer<Float>, outputStride: Int, length: Int, inner: Int
) {
    if matrix.columnStride == 1 && vectorStride == 1 {
        for index in 0..<length {
            output[index * outputStride] = contiguousDot(matrix.base + index * matrix.rowStride, vector, count: inner)
        }
    } else if matrix.rowStride == 1 && outputStride == 1 && length >= 8 {
        // Column-major M: add scaled columns, each a contiguous run, four at a time so
        // the output is loaded and stored once per four columns.
        output.update(repeating: 0, count: length)
        var step = 0
        while step + 4 <= inner {
            addScaledColumns(matrix.base + step * matrix.columnStride, columnStride: matrix.columnStride,
                             factors: (vector[step * vectorStride], vector[(step + 1) * vectorStride],
                                       vector[(step + 2) * vectorStride], vector[(step + 3) * vectorStride]),
                             to: output, count: length)
            step += 4
        }
        while step < inner {
            addScaled(matrix.base + step * matrix.columnStride, by: vector[step * vectorStride], to: output, count: length)
            step += 1
        }
    } else {
        for index in 0..<length {
            let row = matrix.base + index * matrix.rowStride
            var total: Float = 0
            for step in 0..<inner { total += row[step * matrix.columnStride] * vector[step * vectorStride] }
            output[index * outputStride] = total
        }
    }
}

/// Four independent SIMD8 sums hide the FMA latency; they are combined at the end.
@inline(__always)
private func contiguousDot(_ left: UnsafePointer<Float>, _ right: UnsafePointer<Float>, count: Int) -> Float {
    let lhs = UnsafeRawPointer(left)
    let rhs = UnsafeRawPointer(right)
    let width = MemoryLayout<SIMD8<Float>>.stride
    var sum0 = SIMD8<Float>(), sum1 = SIMD8<Float>(), sum2 = SIMD8<Float>(), sum3 = SIMD8<Float>()
    var index = 0
    while index + 32 <= count {
        let byte = index * MemoryLayout<Float>.stride
        sum0.addProduct(lhs.loadUnaligned(fromByteOffset: byte, as: SIMD8<Float>.self),
                        rhs.loadUnaligned(fromByteOffset: byte, as: SIMD8<Float>.self))
        sum1.addProduct(lhs.loadUnaligned(fromByteOffset: byte + width, as: SIMD8<Float>.self),
                        rhs.loadUnaligned(fromByteOffset: byte + width, as: SIMD8<Float>.self))
        sum2.addProduct(lhs.loadUnaligned(fromByteOffset: byte + 2 * width, as: SIMD8<Float>.self),
                        rhs.loadUnaligned(fromByteOffset: byte + 2 * width, as: SIMD8<Float>.self))
        sum3.addProduct(lhs.loadUnaligned(fromByteOffset: byte + 3 * width, as: SIMD8<Float>.self),
                        rhs.loadUnaligned(fromByteOffset: byte + 3 * width, as: SIMD8<Float>.self))
        index += 32
    }
    while index + 8 <= count {
        let byte = index * MemoryLayout<Float>.stride
        sum0.addProduct(lhs.loadUnaligned(fromByteOffset: byte, as: SIMD8<Float>.self),
                        rhs.loadUnaligned(fromByteOffset: byte, as: SIMD8<Float>.self))
        index += 8
    }
    var total = ((sum0 + sum1) + (sum2 + sum3)).sum()
    while index < count {
        total += left[index] * right[index]
        index += 1
    }
    return total
}

@inline(__always)
private func addScaled(_ source: UnsafePointer<Float>, by factor: Float, to target: UnsafeMutablePointer<Float>, count: Int) {
    let from = UnsafeRawPointer(source)
    let to = UnsafeMutableRawPointer(target)
    let scale = SIMD8<Float>(repeating: factor)
    var index = 0
    while index + 8 <= count {
        let byte = index * MemoryLayout<Float>.stride
        var value = to.loadUnaligned(fromByteOffset: byte, as: SIMD8<Float>.self)
        value.addProduct(scale, from.loadUnaligned(fromByteOffset: byte, as: SIMD8<Float>.self))
        to.storeBytes(of: value, toByteOffset: byte, as: SIMD8<Float>.self)
        index += 8
    }
    while index < count {
        target[index] += factor * source[index]
        index += 1
    }
}

@inline(__always)
private func addScaledColumns(
    _ first: UnsafePointer<Float>, columnStride: Int, factors: (Float, Float, Float, Float),
    to target: UnsafeMutablePointer<Float>, count: Int
) {
    let column0 = UnsafeRawPointer(first), column1 = UnsafeRawPointer(first + columnStride)
    let column2 = UnsafeRawPointer(first + 2 * columnStride), column3 = UnsafeRawPointer(first + 3 * columnStride)
    let to = UnsafeMutableRawPointer(target)
    let scale0 = SIMD8<Float>(repeating: factors.0), scale1 = SIMD8<Float>(repeating: factors.1)
    let scale2 = SIMD8<Float>(repeating: factors.2), scale3 = SIMD8<Float>(repeating: factors.3)
    var index = 0
    while index + 8 <= count {
        let byte = index &* MemoryLayout<Float>.stride
        var value = to.loadUnaligned(fromByteOffset: byte, as: SIMD8<Float>.self)
        value.addProduct(scale0, column0.loadUnaligned(fromByteOffset: byte, as: SIMD8<Float>.self))
        value.addProduct(scale1, column1.loadUnaligned(fromByteOffset: byte, as: SIMD8<Float>.self))
        value.addProduct(scale2, column2.loadUnaligned(fromByteOffset: byte, as: SIMD8<Float>.self))
        value.addProduct(scale3, column3.loadUnaligned(fromByteOffset: byte, as: SIMD8<Float>.self))
        to.storeBytes(of: value, toByteOffset: byte, as: SIMD8<Float>.self)
        index += 8
    }
    while index < count {
        var value = target[index]
        value += factors.0 * first[index]
        value += factors.1 * first[columnStride + index]
        value += factors.2 * first[2 * columnStride + index]
        value += factors.3 * first[3 * columnStride + index]
        target[index] = value
        index += 1
    }
}
