/// `prod` of a float32 or float64 tensor in PyTorch's own order, read in place (copying
/// the input to doubles and multiplying serially ran 5-50 times slower than PyTorch, and
/// its order gave other last bits wherever PyTorch vectorizes).
///
/// ATen's `binary_kernel_reduce_vec` (one thread, AVX2) decides the order:
/// - along a dim of stride other than 1, each output multiplies its factors in index
///   order, starting from 1 (`vectorized_outer_reduction` runs down the columns);
/// - along a run of unit stride, `vectorized_inner_reduction` keeps four vector
///   accumulators that start as the run's first 4·W elements and take each following
///   block of 4·W elementwise, then multiplies the running product by (a0·a1)·(a2·a3)'s W
///   lanes, taken in order, and by the leftover elements one at a time (`runProduct`);
/// - the whole tensor is walked as TensorIterator walks it: dims sorted by stride and
///   merged where they are contiguous, one running product through all the rows.
extension Tensor {
    /// The products, or nil for the views this path does not cover (their lanes are
    /// folded in index order by the caller). `Vector` is ATen's AVX2 vector for the type.
    func productsInATenOrder<Vector: SIMD>(
        dim: Int?, layout: ReductionLayout, _ vector: Vector.Type
    ) throws -> [Vector.Scalar]? where Vector.Scalar: TensorElement & BinaryFloatingPoint {
        guard dim != nil else { return try wholeProduct(Vector.self).map { [$0] } }
        guard rank > 0, layout.reducedDims.count == 1 else { return nil }
        let axis = layout.reducedDims[0]
        if strides[axis] != 1 || shape[axis] == 1 {
            return isContiguous ? try columnProducts(along: axis, Vector.Scalar.self) : nil
        }
        var result = [Vector.Scalar](repeating: 1, count: layout.outerCount)
        guard !result.isEmpty else { return result }
        let source = UnsafePointer(pointer(Vector.Scalar.self))
        // One run per output, in the output's order: the lane view's last dim is the run.
        let keptShape = Array(layout.laneView.shape.dropLast()), runLength = shape[axis]
        let loop = StridedLoop(shape: keptShape, output: View(contiguous: keptShape),
                               View(shape: keptShape, strides: Array(layout.laneView.strides.dropLast()), offset: storageOffset))
        let (outputStride, inputStride, _) = loop.innerStrides
        result.withUnsafeMutableBufferPointer { output in
            guard let target = output.baseAddress else { return }
            loop.forEachRow { outputOffset, inputOffset, _ in
                if OperationStop.isRequested { return }
                for index in 0..<loop.rowLength {
                    target[outputOffset + index * outputStride] =
                        runProduct(source + inputOffset + index * inputStride, count: runLength, from: 1, Vector.self)
                }
            }
        }
        // A stop request leaves the loops early; the partial products are dropped.
        try OperationStop.check()
        return result
    }

    /// The product of every element, in TensorIterator's order: nil for a view with a
    /// broadcast (stride 0) or negative stride, whose order this does not follow.
    private func wholeProduct<Vector: SIMD>(_: Vector.Type) throws -> Vector.Scalar?
    where Vector.Scalar: TensorElement & BinaryFloatingPoint {
        guard count > 0 else { return 1 }
        let dims = (0..<rank).filter { shape[$0] > 1 }
        guard dims.allSatisfy({ strides[$0] > 0 }) else { return nil }
        // Outermost first: the largest stride leads.
        let order = dims.sorted { strides[$0] > strides[$1] }
        let walk = View(shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, offset: storageOffset)
        let loop = StridedLoop(shape: walk.shape, output: walk, walk)
        let source = UnsafePointer(pointer(Vector.Scalar.self))
        let (_, stride, _) = loop.innerStrides
        var product: Vector.Scalar = 1
        loop.forEachRow { _, offset, _ in
            if OperationStop.isRequested { return }
            if stride == 1 {
                product = runProduct(source + offset, count: loop.rowLength, from: product, Vector.self)
                return
            }
            for index in 0..<loop.rowLength { product = product * source[offset + index * stride] }
        }
        try OperationStop.check()
        return product
    }

    /// Products down the columns of a contiguous tensor along `axis`, each in index order.
    private func columnProducts<Element: TensorElement & BinaryFloatingPoint>(
        along axis: Int, _: Element.Type
    ) throws -> [Element] {
        let length = shape[axis], inner = shape[(axis + 1)...].reduce(1, *), outer = shape[..<axis].reduce(1, *)
        var result = [Element](repeating: 1, count: outer * inner)
        // No outputs: nothing to read, however long the reduced dim (`ones(2**32, 0).prod(0)`).
        guard !result.isEmpty else { return result }
        let source = UnsafePointer(pointer(Element.self)) + storageOffset
        result.withUnsafeMutableBufferPointer { output in
            guard let target = output.baseAddress else { return }
            for block in 0..<outer {
                let products = target + block * inner
                for step in 0..<length {
                    if step & 0xFF == 0, OperationStop.isRequested { return }
                    let row = source + (block * length + step) * inner
                    for index in 0..<inner { products[index] = products[index] * row[index] }
                }
            }
        }
        try OperationStop.check()
        return result
    }
}

/// ATen's `vectorized_inner_reduction` for `*` on `count` contiguous elements, continuing
/// the running product `initial`.
@inline(__always)
private func runProduct<Vector: SIMD>(
    _ run: UnsafePointer<Vector.Scalar>, count: Int, from initial: Vector.Scalar, _: Vector.Type
) -> Vector.Scalar where Vector.Scalar: BinaryFloatingPoint {
    let width = Vector.scalarCount, blockLength = 4 * width
    let blocks = count / blockLength
    var product = initial
    if blocks > 0 {
        let raw = UnsafeRawPointer(run), stride = MemoryLayout<Vector.Scalar>.stride
        func load(_ index: Int) -> Vector { raw.loadUnaligned(fromByteOffset: index * stride, as: Vector.self) }
        var first = load(0), second = load(width), third = load(2 * width), fourth = load(3 * width)
        for block in 1..<blocks {
            // A run can hold billions of elements; the caller throws on a stop.
            if block & 0xFFFF == 0, OperationStop.isRequested { return product }
            let start = block * blockLength
            first = first * load(start)
            second = second * load(start + width)
            third = third * load(start + 2 * width)
            fourth = fourth * load(start + 3 * width)
        }
        let combined = (first * second) * (third * fourth)
        var lanes = combined[0]
        for index in 1..<width { lanes = lanes * combined[index] }
        product = product * lanes
    }
    for index in (blocks * blockLength)..<count { product = product * run[index] }
    return product
}
