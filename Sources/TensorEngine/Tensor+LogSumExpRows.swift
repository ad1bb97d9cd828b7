import Foundation

/// float32 logsumexp over contiguous rows, fast without changing a result bit.
///
/// The reference computation (`exactLogSumExp`) works in double with libm's `exp` per
/// element, and its float32 result is that double rounded to float. Calling libm a
/// million times made a 1000x1000 logsumexp 9x slower than PyTorch. Here the exponentials
/// come from a vectorized double `exp` that is close to libm's but not always equal to
/// it, and the row is summed in another order; both differences are bounded, far below a
/// float's resolution. A row keeps the fast value only when every double within that
/// bound of it rounds to the same float (so the reference, which lies within the bound,
/// rounds to it too); otherwise, and for rows with a NaN or an infinite maximum, the row
/// is recomputed the reference way. That happens for about one row in a hundred thousand.
extension Tensor {
    /// logsumexp of each of `rows` consecutive rows of `length` floats starting at
    /// storage offset `offset`, as the doubles whose float rounding is the result.
    func float32RowLogSumExps(offset: Int, rows: Int, length: Int) throws -> [Double] {
        let start = UnsafePointer(storage.typed(Float.self) + offset)
        var results = [Double](repeating: 0, count: rows)
        for row in 0..<rows {
            if row & 0x3F == 0 { try OperationStop.check() }
            let values = start + row &* length
            results[row] = boundedLogSumExp(values, length) ?? exactLogSumExp(count: length) { Double(values[$0]) }
        }
        return results
    }
}

/// The reference logsumexp of one lane in double: max + log Σ exp(x - max), with an
/// infinite max replaced by 0 as PyTorch does, so all -inf gives -inf and any +inf gives inf.
@inline(__always)
func exactLogSumExp(count: Int, _ value: (Int) -> Double) -> Double {
    var maximum = -Double.infinity
    for index in 0..<count { maximum = propagatingMax(maximum, value(index)) }
    if maximum.isInfinite { maximum = 0 }
    var total = 0.0
    for index in 0..<count { total += Foundation.exp(value(index) - maximum) }
    return Foundation.log(total) + maximum
}

/// The row's logsumexp computed fast, when it provably rounds to the same float as
/// `exactLogSumExp`; nil when that cannot be shown (or the row holds a NaN or only
/// infinities at the top).
private func boundedLogSumExp(_ values: UnsafePointer<Float>, _ length: Int) -> Double? {
    guard length > 0, let maximum = finiteMaximum(values, length) else { return nil }
    let shift = SIMD4<Double>(repeating: Double(maximum))
    var sums0 = SIMD4<Double>(), sums1 = SIMD4<Double>()
    var index = 0
    while index &+ 8 <= length {
        let low = SIMD4<Double>(Double(values[index]), Double(values[index &+ 1]), Double(values[index &+ 2]), Double(values[index &+ 3]))
        let high = SIMD4<Double>(Double(values[index &+ 4]), Double(values[index &+ 5]), Double(values[index &+ 6]), Double(values[index &+ 7]))
        sums0 += boundedExp(low - shift)
        sums1 += boundedExp(high - shift)
        index &+= 8
    }
    var tail = SIMD4<Double>(repeating: -.infinity)
    while index < length {
        tail[index & 3] = Double(values[index]) - Double(maximum)
        if index & 3 == 3 || index &+ 1 == length {
            sums0 += boundedExp(tail)
            tail = SIMD4<Double>(repeating: -.infinity)
        }
        index &+= 1
    }
    let total = sums0 + sums1
    let sum = (total[0] + total[1]) + (total[2] + total[3])
    let logarithm = Foundation.log(sum)
    let result = logarithm + Double(maximum)
    // Relative gap between this sum and the reference's: each exp within 2^-40 (ours,
    // with a wide margin) and 2^-52 (libm), each sum of `length` positive terms within
    // length·2^-53 of exact, and every term below e^-700 dropped (the sum is ≥ 1: the
    // maximum contributes exp(0) = 1). log turns a relative gap δ into at most 2δ; log
    // and the final addition each round within an ulp, on either side.
    let relativeGap = 0x1p-40 + 0x1p-52 + 2 * Double(length) * 0x1p-53 + Double(length) * 0x1p-1000
    let bound = 2 * (2 * relativeGap + 4 * 0x1p-52 * (Swift.abs(logarithm) + Swift.abs(result) + Swift.abs(Double(maximum))))
    guard Float(result - bound) == Float(result + bound) else { return nil }
    return result
}

/// The largest value, or nil when it is infinite or the row holds a NaN.
@inline(__always)
private func finiteMaximum(_ values: UnsafePointer<Float>, _ length: Int) -> Float? {
    var maxima = SIMD8<Float>(repeating: -.infinity)
    var index = 0
    while index &+ 8 <= length {
        let chunk = UnsafeRawPointer(values + index).loadUnaligned(as: SIMD8<Float>.self)
        if any(chunk .!= chunk) { return nil }
        maxima = maxima.replacing(with: chunk, where: chunk .> maxima)
        index &+= 8
    }
    var maximum = -Float.infinity
    for lane in 0..<8 where maxima[lane] > maximum { maximum = maxima[lane] }
    while index < length {
        let value = values[index]
        if value.isNaN { return nil }
        if value > maximum { maximum = value }
        index &+= 1
    }
    return maximum.isFinite ? maximum : nil
}

/// e^x for x ≤ 0 within a relative 2^-40 of exact (in fact within a few ulps), and 0
/// below -700, where e^x < 2^-1000: Cody-Waite reduction x = n·ln2 + r with |r| ≤ ln2/2,
/// a degree-12 Taylor polynomial for e^r (remainder below 3e-16), then the exact scaling
/// by 2^n built from its exponent bits. The polynomial is evaluated in Estrin's pairs
/// with fused multiply-adds: Horner's chain of thirteen dependent steps made the loop
/// wait on latency, 4 ns an element.
@inline(__always)
private func boundedExp(_ x: SIMD4<Double>) -> SIMD4<Double> {
    let roundingShift = SIMD4<Double>(repeating: 0x1.8p52)
    let clamped = x.replacing(with: -700, where: x .< -700)
    let shifted = clamped * 1.4426950408889634 + roundingShift
    let n = shifted - roundingShift
    let r = (clamped - n * 6.93147180369123816490e-01) - n * 1.90821492927058770002e-10
    let r2 = r * r, r4 = r2 * r2, r8 = r4 * r4
    /// c0 + c1·r with the Taylor coefficients 1/k! and 1/(k+1)!.
    func pair(_ low: Double, _ high: Double) -> SIMD4<Double> {
        SIMD4<Double>(repeating: low).addingProduct(r, SIMD4<Double>(repeating: high))
    }
    let terms0to3 = pair(1, 1).addingProduct(pair(0.5, 1.0 / 6), r2)
    let terms4to7 = pair(1.0 / 24, 1.0 / 120).addingProduct(pair(1.0 / 720, 1.0 / 5040), r2)
    let terms8to11 = pair(1.0 / 40320, 1.0 / 362880).addingProduct(pair(1.0 / 3628800, 1.0 / 39916800), r2)
    let terms8to12 = terms8to11.addingProduct(r4, SIMD4<Double>(repeating: 1.0 / 479001600))
    let p = terms0to3.addingProduct(terms4to7, r4).addingProduct(terms8to12, r8)
    let exponent = unsafeBitCast(shifted, to: SIMD4<Int64>.self) &- unsafeBitCast(roundingShift, to: SIMD4<Int64>.self)
    let scale = unsafeBitCast((exponent &+ 1023) &<< 52, to: SIMD4<Double>.self)
    return (p * scale).replacing(with: 0, where: x .< -700)
}
