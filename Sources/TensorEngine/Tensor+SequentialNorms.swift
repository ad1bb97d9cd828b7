import Foundation

/// float32 vector norms as ATen's `binary_kernel_reduce` accumulates them on one thread
/// (every p but ±inf, and p = 2 except over contiguous rows, which
/// `float32RunTwoNorms` takes): each output adds its terms one by one into a float, in
/// TensorIterator's order, which walks the reduced dims by ascending stride.
/// Summing in double, as this once did for p = 1, gave `x.norm(p=1)` of a 1000×1000
/// randn tensor as 797769.125 where PyTorch prints 797719.3125; reading every lane
/// into a [Double] first made `norm(dim=0)` 2.8 times slower than PyTorch.
extension Tensor {
    func float32SequentialNorms(_ layout: ReductionLayout, p: Double) throws -> Tensor? {
        guard dtype == .float32, p.isFinite else { return nil }
        switch p {
        case 0: return try float32AccumulatedLanes(layout, NonZeroTerm())
        case 1: return try float32AccumulatedLanes(layout, AbsoluteTerm())
        case 2:
            let sums = try float32AccumulatedLanes(layout, SquareTerm())
            return try sums.map(Float.self, Float.self) { $0.squareRoot() }
        default:
            // NormOps raise to the float exponent and take the root with 1/p rounded
            // to float (0.33333334 for p = 3).
            let order = Float(p), root = 1 / Float(p)
            let sums = try float32AccumulatedLanes(layout, PowerTerm(order: order))
            return try sums.map(Float.self, Float.self) { Foundation.pow($0, root) }
        }
    }

    /// Σ term(x) over each lane, each lane summed in float from 0 in memory order.
    private func float32AccumulatedLanes<Term: NormTerm>(_ layout: ReductionLayout, _ term: Term) throws -> Tensor {
        // The walk cannot be interrupted: an expanded tensor of 2**40 elements is refused
        // by the memory budget, as the general path's copy into doubles refuses it.
        try ensureAllocatable(elements: count, itemSize: MemoryLayout<Double>.stride)
        let result = try Tensor.zeros(shape: layout.outputShape, dtype: .float32)
        if layout.laneLength == 0 || layout.outerCount == 0 { return result }
        let keptRank = layout.laneView.rank - layout.reducedDims.count
        let kept = View(shape: Array(layout.laneView.shape.prefix(keptRank)),
                        strides: Array(layout.laneView.strides.prefix(keptRank)), offset: layout.laneView.offset)
        let reduced = reductionWalk(layout.reducedDims, offset: 0)
        let source = UnsafePointer(pointer(Float.self))
        let sums = result.pointer(Float.self)
        let (keptSizes, keptStrides) = kept.collapsed()
        if keptSizes.count == 1, keptStrides[0] == 1, keptSizes[0] >= 8 {
            // The outputs are one unit-stride run (`norm(dim=0)` of a matrix): every
            // reduced position adds a row of terms to all the running sums at once.
            let outputs = keptSizes[0]
            reduced.forEachOffset { position in
                addTerms(term, from: source + kept.offset + position, into: sums, count: outputs)
            }
            return result
        }
        var output = 0
        kept.forEachOffset { start in
            var total: Float = 0
            reduced.forEachOffset { position in total = total + term(source[start &+ position]) }
            sums[output] = total
            output &+= 1
        }
        return result
    }
}

/// `sums[i] += term(row[i])` for `count` consecutive elements, eight at a time.
@inline(__always)
private func addTerms<Term: NormTerm>(_ term: Term, from row: UnsafePointer<Float>, into sums: UnsafeMutablePointer<Float>, count: Int) {
    var index = 0
    while index &+ 8 <= count {
        storeVector(loadVector(sums + index) + term(loadVector(row + index)), sums + index)
        index &+= 8
    }
    while index < count {
        sums[index] = sums[index] + term(row[index])
        index &+= 1
    }
}

/// What one element adds to a norm's running sum, for one float and for eight.
private protocol NormTerm {
    func callAsFunction(_ x: Float) -> Float
    func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float>
}

private struct NonZeroTerm: NormTerm {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x != 0 ? 1 : 0 }
    @inline(__always) func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> {
        SIMD8<Float>(repeating: 1).replacing(with: SIMD8<Float>(), where: x .== SIMD8<Float>())
    }
}

private struct AbsoluteTerm: NormTerm {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x.magnitude }
    @inline(__always) func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> { magnitude(x) }
}

/// x·x rounded before it is added: ATen's NormTwoOps multiply and add separately.
private struct SquareTerm: NormTerm {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x * x }
    @inline(__always) func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> { x * x }
}

private struct PowerTerm: NormTerm {
    let order: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { Foundation.pow(x.magnitude, order) }
    @inline(__always) func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> {
        var result = SIMD8<Float>()
        for lane in 0..<8 { result[lane] = Foundation.pow(x[lane].magnitude, order) }
        return result
    }
}
