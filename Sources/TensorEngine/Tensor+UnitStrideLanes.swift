/// float32 reductions that read each lane where it lies, for fast paths whose kernel
/// wants one contiguous run per lane (max/min values, 2-norms).
extension Tensor {
    /// A float32 tensor of `layout.outputShape` holding `reduce(start, laneLength)` for
    /// each lane, or nil unless the input is float32 and every lane is one unit-stride
    /// run in its own element order. A reduction whose value does not depend on that
    /// order, only on the run, passes `anyOrder` once it knows each lane is a run.
    @inline(__always)
    func float32ReducingUnitStrideLanes(
        _ layout: ReductionLayout, anyOrder: Bool = false, _ reduce: (UnsafePointer<Float>, Int) -> Float
    ) throws -> Tensor? {
        guard dtype == .float32, layout.laneLength > 0 else { return nil }
        let keptRank = layout.laneView.rank - layout.reducedDims.count
        guard anyOrder || layout.laneView.lanesAreUnitStrideRuns(keptRank: keptRank) else { return nil }
        let lanes = View(shape: Array(layout.laneView.shape.prefix(keptRank)),
                         strides: Array(layout.laneView.strides.prefix(keptRank)), offset: layout.laneView.offset)
        let result = try Tensor.uninitialized(shape: layout.outputShape, dtype: .float32)
        let source = UnsafePointer(pointer(Float.self))
        let results = result.pointer(Float.self)
        let length = layout.laneLength
        var lane = 0
        lanes.forEachOffset { start in
            results[lane] = reduce(source + start, length)
            lane &+= 1
        }
        return result
    }
}

extension View {
    /// Whether the dims after the first `keptRank` (a lane of a `ReductionLayout.laneView`)
    /// walk memory with unit stride in row-major order, so each lane is one run.
    func lanesAreUnitStrideRuns(keptRank: Int) -> Bool {
        var expectedStride = 1
        for dim in stride(from: rank - 1, through: keptRank, by: -1) where shape[dim] != 1 {
            guard strides[dim] == expectedStride else { return false }
            expectedStride &*= shape[dim]
        }
        return true
    }
}
