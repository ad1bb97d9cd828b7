import Foundation

/// The float32 softmax and log_softmax kernels, in the order of operations of PyTorch's
/// CPU kernels (aten/src/ATen/native/cpu/SoftMaxKernel.cpp), so that sums of exponentials
/// round the same way and printed results agree to the last digit.

/// How one softmax call is laid out: `outer` blocks of `dimSize` positions along the
/// softmax dim, each followed by `inner` contiguous elements.
struct SoftmaxShape {
    let outer: Int
    let dimSize: Int
    let inner: Int
    let logarithm: Bool
    /// The 16-bit dtype a float32 computation stands in for: its log_softmax kernel keeps
    /// each row's sum and that sum's log in the 16-bit dtype.
    let rowSumPrecision: DType?

    func roundedToRowPrecision(_ value: Float) -> Float {
        rowSumPrecision.map { Float($0.roundedToPrecision(Double(value))) } ?? value
    }

    /// log(sum) as PyTorch's vector log computes it (SLEEF's), kept at the row precision.
    func logOfSum(_ sum: Float) -> Float {
        roundedToRowPrecision(sleefLog(roundedToRowPrecision(sum)))
    }
}

/// `_vec_softmax_lastdim` / `_vec_log_softmax_lastdim`: rows of `dimSize` contiguous
/// elements. The row sum keeps eight lane sums and folds them at the end.
func float32SoftmaxLastDim(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, _ layout: SoftmaxShape) {
    let length = layout.dimSize
    guard length > 0 else { return }
    for row in 0..<layout.outer {
        let source = input + row * length
        let destination = output + row * length
        let maximum = rowMaximum(source, length)
        let sum = sumOfShiftedExponentials(source, length, maximum, store: layout.logarithm ? nil : destination)
        if layout.logarithm {
            let logSum = layout.logOfSum(sum)
            mapRow(source, destination, length) { ($0 - maximum) - logSum }
        } else {
            let scale = 1 / sum
            mapRow(destination, destination, length) { $0 * scale }
        }
    }
}

/// The largest element of a row; nan if any element is nan.
@inline(__always)
private func rowMaximum(_ row: UnsafePointer<Float>, _ length: Int) -> Float {
    var maximum = -Float.infinity
    var index = 0
    if length >= 8 {
        var lanes = loadVector(row)
        index = 8
        while index + 8 <= length {
            lanes = maximumPropagatingNaN(lanes, loadVector(row + index))
            index += 8
        }
        maximum = laneMaximumPropagatingNaN(lanes)
    }
    while index < length {
        let value = row[index]
        if value > maximum || value.isNaN { maximum = value }
        index += 1
    }
    return maximum
}

/// Σ exp(x - maximum) over a row, storing each exponential when `store` is given. The
/// order is `vec::reduce_all`'s: a running vector of eight lane sums (a short tail only
/// touches its own lanes), folded by `laneSumLikePyTorch`; a row shorter than eight adds
/// its values one by one.
@inline(__always)
private func sumOfShiftedExponentials(
    _ row: UnsafePointer<Float>, _ length: Int, _ maximum: Float, store: UnsafeMutablePointer<Float>?
) -> Float {
    let shift = SIMD8<Float>(repeating: maximum)
    let fullEnd = length - length % 8
    if length < 8 {
        let exponentials = vectorExp(loadPartialVector(row, length) - shift)
        if let store { storePartialVector(exponentials, store, length) }
        var sum = exponentials[0]
        for lane in 1..<length { sum += exponentials[lane] }
        return sum
    }
    var lanes = vectorExp(loadVector(row) - shift)
    if let store { storeVector(lanes, store) }
    var index = 8
    // Two vectors per step give the out-of-order core independent exps to overlap; the
    // lane sums still take them one after the other.
    while index + 16 <= fullEnd {
        let first = vectorExp(loadVector(row + index) - shift)
        let second = vectorExp(loadVector(row + index + 8) - shift)
        if let store {
            storeVector(first, store + index)
            storeVector(second, store + index + 8)
        }
        lanes += first
        lanes += second
        index += 16
    }
    while index < fullEnd {
        let exponentials = vectorExp(loadVector(row + index) - shift)
        if let store { storeVector(exponentials, store + index) }
        lanes += exponentials
        index += 8
    }
    let tail = length - fullEnd
    if tail > 0 {
        let exponentials = vectorExp(loadPartialVector(row + fullEnd, tail) - shift)
        if let store { storePartialVector(exponentials, store + fullEnd, tail) }
        lanes = lanes.replacing(with: lanes + exponentials, where: tailMask(tail))
    }
    return laneSumLikePyTorch(lanes)
}

/// `destination[i] = transform(source[i])`, eight at a time; `source` may be `destination`.
@inline(__always)
private func mapRow(
    _ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, _ length: Int,
    _ transform: (SIMD8<Float>) -> SIMD8<Float>
) {
    var index = 0
    while index + 8 <= length {
        storeVector(transform(loadVector(source + index)), destination + index)
        index += 8
    }
    if index < length {
        storePartialVector(transform(loadPartialVector(source + index, length - index)), destination + index, length - index)
    }
}

/// `_vec_softmax` / `_vec_logsoftmax` for a dim that is not last: eight neighbouring
/// inner positions at a time, each summing its exponentials along the dim one by one.
/// softmax divides by the sum (this kernel does not multiply by a reciprocal).
func float32SoftmaxInnerDim(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, _ layout: SoftmaxShape) {
    let (dimSize, inner) = (layout.dimSize, layout.inner)
    guard dimSize > 0, inner > 0 else { return }
    for block in 0..<layout.outer {
        let base = block * dimSize * inner
        var position = 0
        while position + 8 <= inner {
            softmaxEightColumns(input + base + position, output + base + position, layout)
            position += 8
        }
        while position < inner {
            softmaxOneColumn(input + base + position, output + base + position, layout)
            position += 1
        }
    }
}

@inline(__always)
private func softmaxEightColumns(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, _ layout: SoftmaxShape) {
    let (dimSize, stride) = (layout.dimSize, layout.inner)
    var maximum = loadVector(input)
    for step in 1..<dimSize { maximum = maximumPropagatingNaN(maximum, loadVector(input + step * stride)) }
    var sum = SIMD8<Float>(repeating: 0)
    for step in 0..<dimSize {
        let exponentials = vectorExp(loadVector(input + step * stride) - maximum)
        if !layout.logarithm { storeVector(exponentials, output + step * stride) }
        sum += exponentials
    }
    if layout.logarithm {
        var logSum = sum
        for lane in 0..<8 { logSum[lane] = layout.logOfSum(sum[lane]) }
        for step in 0..<dimSize {
            storeVector(loadVector(input + step * stride) - maximum - logSum, output + step * stride)
        }
    } else {
        for step in 0..<dimSize { storeVector(loadVector(output + step * stride) / sum, output + step * stride) }
    }
}

/// The scalar tail of the same kernel, with the C library's expf as PyTorch's tail uses.
@inline(__always)
private func softmaxOneColumn(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, _ layout: SoftmaxShape) {
    let (dimSize, stride) = (layout.dimSize, layout.inner)
    var maximum = input[0]
    for step in 1..<dimSize {
        let value = input[step * stride]
        if value > maximum || value.isNaN { maximum = value }
        if maximum.isNaN { break }
    }
    var sum: Float = 0
    for step in 0..<dimSize {
        let exponential = Foundation.exp(input[step * stride] - maximum)
        if !layout.logarithm { output[step * stride] = exponential }
        sum += exponential
    }
    if layout.logarithm {
        let logSum = layout.logOfSum(sum)
        for step in 0..<dimSize { output[step * stride] = input[step * stride] - maximum - logSum }
    } else {
        for step in 0..<dimSize { output[step * stride] /= sum }
    }
}

// MARK: - Unaligned vector loads and stores

@inline(__always)
func loadVector(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
}

@inline(__always)
func loadVector(_ pointer: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
}

@inline(__always)
func storeVector(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Float>.self)
}

/// The first `count` (< 8) elements, the other lanes zero (as `Vectorized::loadu(ptr, n)`).
@inline(__always)
func loadPartialVector(_ pointer: UnsafePointer<Float>, _ count: Int) -> SIMD8<Float> {
    // Filling lanes of a register one by one compiled to a store, an insert and a
    // reload per lane, each reload stalling on the store before it (a third of the time
    // of softmax over 49-wide attention rows). Writing the lanes through memory and
    // loading the vector once costs one stall.
    var value = SIMD8<Float>(repeating: 0)
    withUnsafeMutableBytes(of: &value) { bytes in
        bytes.baseAddress!.copyMemory(from: pointer, byteCount: count * MemoryLayout<Float>.stride)
    }
    return value
}

@inline(__always)
func loadPartialVector(_ pointer: UnsafeMutablePointer<Float>, _ count: Int) -> SIMD8<Float> {
    loadPartialVector(UnsafePointer(pointer), count)
}

@inline(__always)
func storePartialVector(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>, _ count: Int) {
    withUnsafeBytes(of: value) { bytes in
        UnsafeMutableRawPointer(pointer).copyMemory(from: bytes.baseAddress!, byteCount: count * MemoryLayout<Float>.stride)
    }
}

/// Lanes below `count` set.
@inline(__always)
func tailMask(_ count: Int) -> SIMDMask<SIMD8<Int32>> {
    tailMasks[count]
}

/// Built once: `.<` on SIMD vectors runs lane by lane (a fifth of the time of softmax
/// over 49-wide rows when it was evaluated per row).
private let tailMasks: [SIMDMask<SIMD8<Int32>>] = (0...8).map { count in
    SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7) .< Int32(count)
}
