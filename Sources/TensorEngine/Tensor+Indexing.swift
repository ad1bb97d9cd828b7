/// Python/PyTorch indexing: `x[...]` reads and `x[...] = v` writes, for every mix of
/// integers, slices, None, Ellipsis, integer tensors and boolean masks.
public enum TensorIndex {
    case integer(Int)
    case slice(start: Int?, stop: Int?, step: Int?)
    case newAxis
    case ellipsis
    case boolean(Bool)
    /// An integer tensor (advanced indexing) or a bool/uint8 tensor (a mask).
    case tensor(Tensor)
}

/// Where an indexing expression lands: either a plain view, or, with advanced
/// indices, the result shape and the storage offset of every result element.
enum IndexedLocation {
    case view(Tensor)
    case gathered(base: Tensor, shape: [Int], offsets: [Int])
}

extension Tensor {
    public func getItem(_ indices: [TensorIndex]) throws -> Tensor {
        switch try locate(indices) {
        case let .view(result): return result
        case let .gathered(base, shape, offsets): return try base.gather(offsets: offsets, shape: shape)
        }
    }

    public func setItem(_ indices: [TensorIndex], value: Operand) throws {
        switch try locate(indices) {
        case let .view(target):
            switch value {
            case let .scalar(scalar): target.fill(scalar)
            case let .tensor(source): try target.copy(from: source)
            }
        case let .gathered(base, shape, offsets):
            base.storage.noteWrite()
            let source: Tensor
            switch value {
            case let .scalar(scalar): source = try Factory.full(shape: [], value: scalar, dtype: base.dtype)
            case let .tensor(tensor): source = tensor
            }
            try checkExpandable(source.shape, to: shape)
            // Converted and broadcast by `copy`, as a plain view's assignment is, then moved
            // as raw bits: a Scalar per element ran 6 times slower than PyTorch's index_put.
            let staged = try Tensor.uninitialized(shape: shape, dtype: base.dtype)
            try staged.copy(from: source)
            scatterBits(staged, into: base, at: offsets)
        }
    }

    /// `base`'s storage at `offsets[i]` = `values`' element i (contiguous, base's dtype).
    private func scatterBits(_ values: Tensor, into base: Tensor, at offsets: [Int]) {
        func move<Bits>(_: Bits.Type) {
            let source = UnsafeRawPointer(values.pointer(UInt8.self)).assumingMemoryBound(to: Bits.self) + values.storageOffset
            let target = UnsafeMutableRawPointer(base.pointer(UInt8.self)).assumingMemoryBound(to: Bits.self)
            for (index, position) in offsets.enumerated() { target[position] = source[index] }
        }
        switch base.dtype.itemSize {
        case 1: move(UInt8.self)
        case 2: move(UInt16.self)
        case 4: move(UInt32.self)
        default: move(UInt64.self)
        }
    }

    /// PyTorch's `index_put_` check: a tensor written through advanced indices must have the
    /// destination's dtype (basic indices copy, which converts). A masked fill is the
    /// exception: one bool mask and a one-element value go to `masked_fill_` as a number.
    public func checkIndexPutSource(_ indices: [TensorIndex], _ source: Tensor, accumulate: Bool) throws {
        guard source.dtype != dtype else { return }
        let tensorIndices = indices.compactMap { index -> Tensor? in
            if case let .tensor(tensor) = index { return tensor } else { return nil }
        }
        if tensorIndices.isEmpty { return }
        if !accumulate, tensorIndices.count == 1, tensorIndices[0].dtype == .bool, source.count == 1 { return }
        throw TensorError.runtime("Index put requires the source and destination dtypes match, got \(dtype.scalarTypeName) for the destination and \(source.dtype.scalarTypeName) for the source.")
    }

    /// `index_put_(indices, values, accumulate=True)`: adds `values` at the indexed
    /// positions, in order, so repeated indices sum (advanced indexing's backward).
    public func indexPutAccumulating(_ indices: [TensorIndex], values: Tensor) throws {
        switch try locate(indices) {
        case let .view(target):
            try target.copy(from: try binary(.add, .tensor(target), .tensor(values)))
        case let .gathered(base, shape, offsets):
            base.storage.noteWrite()
            try checkExpandable(values.shape, to: shape)
            let addends = values.viewing(broadcastView(values.view, to: shape)).doubles()
            for (position, addend) in zip(offsets, addends) {
                let current = base.scalar(atStorageOffset: position).doubleValue
                base.setScalar(.float(current + addend), atStorageOffset: position)
            }
        }
    }

    /// Reads the elements at `offsets` of this tensor's storage into a new tensor.
    func gather(offsets: [Int], shape: [Int]) throws -> Tensor {
        // With one offset per element, every element is written.
        let result = offsets.count == shape.reduce(1, &*)
            ? try Tensor.uninitialized(shape: shape, dtype: dtype)
            : try Tensor.zeros(shape: shape, dtype: dtype)
        switch dtype {
        case .bool: copyElements(Bool.self, offsets, into: result)
        case .uint8: copyElements(UInt8.self, offsets, into: result)
        case .int8: copyElements(Int8.self, offsets, into: result)
        case .int16: copyElements(Int16.self, offsets, into: result)
        case .int32: copyElements(Int32.self, offsets, into: result)
        case .int64: copyElements(Int64.self, offsets, into: result)
        case .float16: copyElements(Float16.self, offsets, into: result)
        case .bfloat16: copyElements(BFloat16.self, offsets, into: result)
        case .float32: copyElements(Float.self, offsets, into: result)
        case .float64: copyElements(Double.self, offsets, into: result)
        }
        return result
    }

    private func copyElements<T: TensorElement>(_ type: T.Type, _ offsets: [Int], into result: Tensor) {
        let source = pointer(T.self)
        let destination = result.pointer(T.self)
        for (index, position) in offsets.enumerated() { destination[index] = source[position] }
    }

    func locate(_ indices: [TensorIndex]) throws -> IndexedLocation {
        var consumed = 0
        for index in indices {
            switch index {
            case .integer, .slice: consumed += 1
            case let .tensor(tensor): consumed += tensor.isMask ? Swift.max(tensor.rank, 0) : 1
            case .ellipsis, .newAxis, .boolean: break
            }
        }
        if consumed > rank {
            throw TensorError.index("too many indices for tensor of dimension \(rank)")
        }
        var result: Tensor = viewing(view)
        var dim = 0
        var advanced: [(dim: Int, index: Tensor)] = []
        var expandedEllipsis = false
        for (indexNumber, index) in indices.enumerated() {
            // Each index rebuilds a view of the growing rank: 150,000 `None`s are quadratic
            // (in PyTorch too), so the loop polls for Ctrl-C and timeouts.
            if indexNumber & 0x3FF == 0x3FF { try OperationStop.check() }
            switch index {
            case let .integer(position):
                result = try result.select(dim, position)
            case let .slice(start, stop, step):
                // `:` keeps the dim as it is; skipping it saves building a view per colon.
                if start != nil || stop != nil || (step ?? 1) != 1 {
                    result = try result.slice(dim, start: start, end: stop, step: step ?? 1)
                }
                dim += 1
            case .newAxis:
                result = try result.unsqueeze(dim)
                dim += 1
            case .ellipsis:
                // Only the first ellipsis stands for the unindexed dims, as in PyTorch.
                if !expandedEllipsis { dim += rank - consumed }
                expandedEllipsis = true
            case let .boolean(flag):
                result = try result.unsqueeze(dim)
                if !flag { result = try result.slice(dim, start: 0, end: 0, step: 1) }
                dim += 1
            case let .tensor(tensor):
                if tensor.isMask {
                    if tensor.rank == 0 {
                        result = try result.unsqueeze(dim)
                        if !(try tensor.item().boolValue) { result = try result.slice(dim, start: 0, end: 0, step: 1) }
                        dim += 1
                        continue
                    }
                    for maskDim in 0..<tensor.rank where tensor.shape[maskDim] != result.shape[dim + maskDim] {
                        throw TensorError.index(
                            "The shape of the mask \(formatShape(tensor.shape)) at index \(maskDim) does not match the shape of the indexed tensor \(formatShape(result.shape)) at index \(dim + maskDim)")
                    }
                    let coordinates = try tensor.maskCoordinates()
                    for (maskDim, coordinate) in coordinates.enumerated() {
                        advanced.append((dim + maskDim, coordinate))
                    }
                    dim += tensor.rank
                } else if tensor.dtype.isIntegral {
                    advanced.append((dim, tensor))
                    dim += 1
                } else {
                    throw TensorError.index("tensors used as indices must be long, int, byte or bool tensors")
                }
            }
        }
        if advanced.isEmpty { return .view(result) }
        return try result.advancedLocation(advanced)
    }

    var isMask: Bool { dtype == .bool || dtype == .uint8 }

    /// The coordinates of the true elements of a mask, one int64 tensor per dim.
    func maskCoordinates() throws -> [Tensor] {
        let flags = bools()
        var columns = [[Int64]](repeating: [], count: rank)
        let counts = shape
        for (flat, flag) in flags.enumerated() where flag {
            var remainder = flat
            for dim in stride(from: rank - 1, through: 0, by: -1) {
                columns[dim].append(Int64(remainder % counts[dim]))
                remainder /= counts[dim]
            }
        }
        return try columns.map { try Tensor(values: $0, shape: [$0.count]) }
    }

    /// `base + a + b + c` for every (a, b, c), c varying fastest. Filled through a
    /// pointer: appending one offset at a time was most of the cost of a gather such as
    /// the Swin bias lookup.
    private static func offsetGrid(_ outer: [Int], _ middle: [Int], _ inner: [Int], base: Int) throws -> [Int] {
        let (partial, overflowA) = outer.count.multipliedReportingOverflow(by: middle.count)
        let (total, overflowB) = partial.multipliedReportingOverflow(by: inner.count)
        if overflowA || overflowB { throw TensorError.runtime("this would allocate more memory than exists") }
        try ensureAllocatable(elements: total)
        return [Int](unsafeUninitializedCapacity: total) { buffer, initialized in
            guard let destination = buffer.baseAddress else { initialized = 0; return }
            var position = 0
            inner.withUnsafeBufferPointer { innerOffsets in
                for a in outer {
                    for b in middle {
                        let start = base &+ a &+ b
                        for c in innerOffsets {
                            destination[position] = start &+ c
                            position &+= 1
                        }
                    }
                }
            }
            initialized = total
        }
    }

    private func advancedLocation(_ advanced: [(dim: Int, index: Tensor)]) throws -> IndexedLocation {
        let indexShapes = advanced.map { $0.index.shape }
        guard let indexShape = try? broadcastShapes(indexShapes) else {
            throw TensorError.index(
                "shape mismatch: indexing tensors could not be broadcast together with shapes \(indexShapes.map(formatShape).joined(separator: ", "))")
        }
        let indexCount = indexShape.reduce(1, *)
        var advancedOffsets = [Int](repeating: 0, count: indexCount)
        for (dim, index) in advanced {
            let size = shape[dim]
            let stride = strides[dim]
            let positions = index.viewing(broadcastView(index.view, to: indexShape)).int64s()
            try advancedOffsets.withUnsafeMutableBufferPointer { offsets in
                for (slot, raw) in positions.enumerated() {
                    guard raw >= -Int64(size), raw < Int64(size) else {
                        throw TensorError(.indexError, .indexOutOfBounds(index: Int(raw), dim: dim, size: size))
                    }
                    let position = raw < 0 ? Int(raw) + size : Int(raw)
                    offsets[slot] &+= position &* stride
                }
            }
        }
        let advancedDims = advanced.map(\.dim)
        let adjacent = zip(advancedDims, advancedDims.dropFirst()).allSatisfy { $1 == $0 + 1 }
            || Set(advancedDims).count == 1
        let firstDim = advancedDims.min() ?? 0
        let lastDim = advancedDims.max() ?? 0
        let remaining = (0..<rank).filter { !advancedDims.contains($0) }
        func subview(_ dims: [Int]) throws -> [Int] {
            try ensureAllocatable(shape: dims.map { shape[$0] })
            return View(shape: dims.map { shape[$0] }, strides: dims.map { strides[$0] }, offset: 0).offsets()
        }
        var offsets: [Int] = []
        let resultShape: [Int]
        if adjacent {
            let before = remaining.filter { $0 < firstDim }
            let after = remaining.filter { $0 > lastDim }
            resultShape = before.map { shape[$0] } + indexShape + after.map { shape[$0] }
            offsets = try Self.offsetGrid(subview(before), advancedOffsets, subview(after), base: storageOffset)
        } else {
            resultShape = indexShape + remaining.map { shape[$0] }
            offsets = try Self.offsetGrid([0], advancedOffsets, subview(remaining), base: storageOffset)
        }
        if resultShape.contains(0) { offsets = [] }
        return .gathered(base: self, shape: resultShape, offsets: offsets)
    }
}
