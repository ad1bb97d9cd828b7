extension Tensor {
    /// `masked_scatter(mask, source)`: a copy whose positions where the mask is true take
    /// source's elements in row-major order. Out of place, self and mask broadcast together;
    /// in place (`expandsMaskOnly`) the mask must expand to self's shape. Returns the
    /// result and the mask at the result's shape, which the gradient needs.
    public func maskedScattered(_ mask: Tensor, _ source: Tensor, expandsMaskOnly: Bool) throws -> (result: Tensor, mask: Tensor) {
        guard dtype == source.dtype else {
            throw TensorError.runtime("masked_scatter: expected self and source to have same dtypes but got\(dtype.scalarTypeName) and \(source.dtype.scalarTypeName)")
        }
        if expandsMaskOnly, mask.rank > rank {
            // ATen's C++ `expand_inplace` names the type as C++ prints it, not as Python does.
            throw TensorError.runtime(
                "expand(CPU\(mask.dtype.scalarTypeName)Type{\(formatShape(mask.shape))}, size=\(formatShape(shape))): the number of sizes provided (\(rank)) must be greater or equal to the number of dimensions in the tensor (\(mask.rank))")
        }
        let outputShape = expandsMaskOnly ? shape : try broadcastShapes(mask.shape, shape)
        let expandedMask = try mask.expand(outputShape)
        guard mask.dtype == .bool else {
            throw TensorError.runtime("masked_scatter_ only supports boolean masks, but got mask with dtype \(mask.dtype.scalarTypeName)")
        }
        let flags = try expandedMask.contiguous().bools()
        let chosen = flags.lazy.filter { $0 }.count
        guard chosen <= source.count else { throw TensorError.runtime("Number of elements of source < number of ones in mask") }
        let result = try expand(outputShape).contiguous().clone()
        let flatResult = try result.reshape([result.count])
        let flatSource = try source.contiguous().reshape([source.count])
        var next = 0
        for (position, flag) in flags.enumerated() where flag {
            try flatResult.select(0, position).copy(from: try flatSource.select(0, next))
            next += 1
        }
        return (result, expandedMask)
    }

    /// The source's share of a `masked_scatter` gradient: the gradient at the masked
    /// positions, in order, then zeros for the source elements nothing read.
    public func maskedScatterSourceGradient(mask: Tensor, sourceShape: [Int]) throws -> Tensor {
        let picked = try maskedSelect(mask)
        let total = sourceShape.reduce(1, *)
        let padded = try picked.constantPadded([0, total - picked.count])
        return try padded.reshape(sourceShape)
    }
}
