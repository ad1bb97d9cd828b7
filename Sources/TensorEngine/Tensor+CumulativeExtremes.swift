extension Tensor {
    /// `cummax`/`cummin`: the running extreme along `dim` and where it was last reached.
    /// As ATen's kernel does, a tie moves the index forward and a NaN takes over the lane.
    public func cumulativeExtreme(dim: Int, largest: Bool) throws -> (values: Tensor, indices: Tensor) {
        switch dtype {
        case .float32: return try typedCumulativeExtreme(Float.self, dim: dim, largest: largest, isNaN: { $0.isNaN })
        case .float64: return try typedCumulativeExtreme(Double.self, dim: dim, largest: largest, isNaN: { $0.isNaN })
        case .int64: return try typedCumulativeExtreme(Int64.self, dim: dim, largest: largest, isNaN: { _ in false })
        case .int32: return try typedCumulativeExtreme(Int32.self, dim: dim, largest: largest, isNaN: { _ in false })
        default:
            // The extremes are picked, never computed: scanning a widened copy and narrowing
            // the values back is exact (16-bit floats in float32, small integers and bools in int64).
            let (values, indices) = try to(dtype.isFloatingPoint ? .float32 : .int64).cumulativeExtreme(dim: dim, largest: largest)
            return (try values.to(dtype), indices)
        }
    }

    /// The scan straight over a contiguous copy's storage, in this tensor's layout: each
    /// step along the dim updates the lanes that sit next to each other in memory together,
    /// so the inner loop is unit-stride whichever dim is scanned.
    private func typedCumulativeExtreme<T: TensorElement & Comparable>(
        _ type: T.Type, dim: Int, largest: Bool, isNaN: (T) -> Bool
    ) throws -> (values: Tensor, indices: Tensor) {
        let axis = try normalizeDim(dim, rank: rank)
        let source = isContiguous ? self : try contiguous()
        let values = try Tensor.uninitialized(shape: shape, dtype: dtype)
        let indices = try Tensor.uninitialized(shape: shape, dtype: .int64)
        guard count > 0 else { return (values, indices) }
        let length = rank == 0 ? 1 : shape[axis]
        let inner = rank == 0 ? 1 : shape[(axis + 1)...].reduce(1, *)
        let outer = rank == 0 ? 1 : shape[..<axis].reduce(1, *)
        let input = UnsafePointer(source.pointer(T.self)) + source.storageOffset
        let best = values.pointer(T.self), positions = indices.pointer(Int64.self)
        for block in 0..<outer {
            try OperationStop.check()
            let base = block &* length &* inner
            if inner == 1, T.self == Float.self {
                let row = UnsafeRawPointer(input + base).assumingMemoryBound(to: Float.self)
                let rowBest = UnsafeMutableRawPointer(best + base).assumingMemoryBound(to: Float.self)
                if largest {
                    scanFloatRow(row, rowBest, positions + base, length: length, largest: true)
                } else {
                    scanFloatRow(row, rowBest, positions + base, length: length, largest: false)
                }
                continue
            }
            if inner == 1 {
                // One lane: the running extreme stays in registers.
                var current = input[base], position: Int64 = 0
                for step in 0..<length {
                    let key = input[base &+ step]
                    let beats = largest ? key >= current : key <= current
                    if isNaN(key) || (!isNaN(current) && beats) {
                        current = key
                        position = Int64(step)
                    }
                    best[base &+ step] = current
                    positions[base &+ step] = position
                }
                continue
            }
            for lane in 0..<inner {
                best[base &+ lane] = input[base &+ lane]
                positions[base &+ lane] = 0
            }
            for step in 1..<Swift.max(length, 1) {
                let row = base &+ step &* inner, previous = row &- inner
                for lane in 0..<inner {
                    let key = input[row &+ lane], current = best[previous &+ lane]
                    let beats = largest ? key >= current : key <= current
                    if isNaN(key) || (!isNaN(current) && beats) {
                        best[row &+ lane] = key
                        positions[row &+ lane] = Int64(step)
                    } else {
                        best[row &+ lane] = current
                        positions[row &+ lane] = positions[previous &+ lane]
                    }
                }
            }
        }
        return (values, indices)
    }

    /// One float32 row of the scan, in contiguous memory. On most data a new extreme is
    /// rare after the first steps, and the step-by-step loop is one long dependency chain
    /// through the running extreme; so eight keys are first tested together: when none
    /// reaches the extreme (so none is NaN, nor is the extreme), the eight outputs are
    /// the current ones, exactly what stepping would give. Otherwise the eight are stepped.
    @inline(__always)
    private func scanFloatRow(
        _ input: UnsafePointer<Float>, _ best: UnsafeMutablePointer<Float>, _ positions: UnsafeMutablePointer<Int64>,
        length: Int, largest: Bool
    ) {
        var current = input[0], position: Int64 = 0
        var step = 0
        while step < length {
            if step &+ 8 <= length {
                let keys = loadVector(input + step), extreme = SIMD8(repeating: current)
                if Swift.all(largest ? keys .< extreme : keys .> extreme) {
                    UnsafeMutableRawPointer(best + step).storeBytes(of: extreme, as: SIMD8<Float>.self)
                    UnsafeMutableRawPointer(positions + step).storeBytes(of: SIMD8(repeating: position), as: SIMD8<Int64>.self)
                    step &+= 8
                    continue
                }
            }
            let end = Swift.min(step &+ 8, length)
            while step < end {
                let key = input[step]
                let beats = largest ? key >= current : key <= current
                if key.isNaN || (!current.isNaN && beats) {
                    current = key
                    position = Int64(step)
                }
                best[step] = current
                positions[step] = position
                step &+= 1
            }
        }
    }
}
