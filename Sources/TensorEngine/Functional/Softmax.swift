import Glibc

/// softmax and log_softmax along one dim, in the numerically stable form PyTorch uses:
/// subtract the row max, exponentiate, normalize. A row of all -inf gives nan.
extension Tensor {
    public func softmax(dim: Int, dtype: DType? = nil) throws -> Tensor {
        try normalizedExponential(dim: dim, dtype: dtype, logarithm: false)
    }

    public func logSoftmax(dim: Int, dtype: DType? = nil) throws -> Tensor {
        try normalizedExponential(dim: dim, dtype: dtype, logarithm: true)
    }

    /// `rowSumPrecision`: the 16-bit dtype a float32 computation stands in for, whose
    /// log_softmax kernel stores each row's sum and its log in that dtype.
    private func normalizedExponential(dim: Int, dtype: DType?, logarithm: Bool, rowSumPrecision: DType? = nil) throws -> Tensor {
        let input = try dtype.map { try to($0) } ?? self
        if input.rank == 0 {
            _ = try normalizeDim(dim, rank: 0)
            return try input.reshape([1]).normalizedExponential(dim: 0, dtype: nil, logarithm: logarithm).reshape([])
        }
        let axis = try normalizeDim(dim, rank: input.rank)
        guard input.dtype.isFloatingPoint else {
            let kernel = logarithm ? "log_softmax" : "softmax"
            let suffix = axis == Swift.max(input.rank - 1, 0) ? "_lastdim_kernel_impl" : "_kernel_impl"
            throw TensorError.kernelNotImplemented("\(kernel)\(suffix)", input.dtype)
        }
        // Nothing to normalize; the kernels' row arithmetic could overflow on long empty dims.
        if input.count == 0 { return try Tensor.zeros(shape: input.shape, dtype: input.dtype) }
        if let result = try input.computedInFloat32({
            try $0.normalizedExponential(dim: axis, dtype: nil, logarithm: logarithm, rowSumPrecision: input.dtype)
        }) {
            return result
        }
        if input.dtype == .float32 {
            return try input.float32NormalizedExponential(axis: axis, logarithm: logarithm, rowSumPrecision: rowSumPrecision)
        }
        // float64: move the reduced dim last, work on contiguous rows, then move it back.
        let moved = try input.movedim([axis], [input.rank - 1]).contiguous()
        let rowLength = moved.shape[moved.rank - 1]
        let result = try Tensor.zeros(shape: moved.shape, dtype: input.dtype)
        softmaxRows(moved.pointer(Double.self) + moved.storageOffset, result.pointer(Double.self), moved.count, rowLength, logarithm)
        return try result.movedim([input.rank - 1], [axis])
    }

    /// float32 reads a contiguous input (no dim moving) with the vectorized kernels of
    /// SoftmaxKernels.swift: the last dim row by row, any other dim eight inner positions
    /// at a time, as PyTorch does.
    private func float32NormalizedExponential(axis: Int, logarithm: Bool, rowSumPrecision: DType?) throws -> Tensor {
        let source = try contiguous()
        // Both kernels write every element.
        let result = try Tensor.uninitialized(shape: shape, dtype: .float32)
        let layout = SoftmaxShape(
            outer: shape[..<axis].reduce(1, *), dimSize: shape[axis], inner: shape[(axis + 1)...].reduce(1, *),
            logarithm: logarithm, rowSumPrecision: rowSumPrecision)
        let input = UnsafePointer(source.pointer(Float.self) + source.storageOffset)
        if axis == rank - 1 {
            float32SoftmaxLastDim(input, result.pointer(Float.self), layout)
        } else {
            float32SoftmaxInnerDim(input, result.pointer(Float.self), layout)
        }
        return result
    }
}

private func softmaxRows<T: BinaryFloatingPoint & TensorElement>(
    _ source: UnsafeMutablePointer<T>, _ destination: UnsafeMutablePointer<T>, _ count: Int, _ rowLength: Int, _ logarithm: Bool
) {
    guard rowLength > 0 else { return }
    var rowStart = 0
    while rowStart < count {
        let row = source + rowStart
        let out = destination + rowStart
        var maximum = -T.infinity
        var sawNaN = false
        for index in 0..<rowLength {
            let value = row[index]
            if value.isNaN { sawNaN = true }
            if value > maximum { maximum = value }
        }
        if sawNaN { maximum = T.nan }
        var sum: T = 0
        for index in 0..<rowLength {
            let shifted = row[index] - maximum
            let exponential = T(Glibc.exp(Double(shifted)))
            if !logarithm { out[index] = exponential }
            sum += exponential
        }
        if logarithm {
            let logSum = T(Glibc.log(Double(sum)))
            for index in 0..<rowLength { out[index] = (row[index] - maximum) - logSum }
        } else {
            let scale = 1 / sum
            for index in 0..<rowLength { out[index] *= scale }
        }
        rowStart += rowLength
    }
}
