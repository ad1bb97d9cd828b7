/// float32 cumsum as PyTorch's CPU kernel (`cpu_cum_base_kernel`) computes it: each lane
/// along the dim keeps a double accumulator (`acc_type<float>` on CPU) and stores every
/// partial sum rounded to float, so a large early term that later cancels leaves the
/// small ones behind instead of losing them.
extension Tensor {
    /// Running sums along `axis` of a float32 tensor of rank one or more. The lanes that
    /// sit next to each other in memory advance together, so the inner loop is unit-stride
    /// whichever dim is scanned.
    func float32CumulativeSum(axis: Int) throws -> Tensor {
        precondition(dtype == .float32 && axis < rank, "float32 cumsum on \(dtype)")
        let source = isContiguous ? self : try contiguous()
        let result = try Tensor.uninitialized(shape: shape, dtype: .float32)
        let length = shape[axis]
        let inner = shape[(axis + 1)...].reduce(1, *)
        let outer = shape[..<axis].reduce(1, *)
        guard length > 0, inner > 0, outer > 0 else { return result }
        let input = UnsafePointer(source.pointer(Float.self)) + source.storageOffset
        let output = result.pointer(Float.self) + result.storageOffset
        if inner == 1 {
            try cumulativeSumRows(input, output, rows: outer, length: length)
            return result
        }
        var running = [Double](repeating: 0, count: inner)
        try running.withUnsafeMutableBufferPointer { sums in
            for block in 0..<outer {
                try OperationStop.check()
                let base = block &* length &* inner
                for lane in 0..<inner { sums[lane] = 0 }
                for step in 0..<length {
                    if step & 0x3FF == 0x3FF { try OperationStop.check() }
                    addRow(input + (base &+ step &* inner), into: sums, writing: output + (base &+ step &* inner))
                }
            }
        }
        return result
    }
}

/// sums += row, and each new sum rounded to float into `output`.
@inline(__always)
private func addRow(_ row: UnsafePointer<Float>, into sums: UnsafeMutableBufferPointer<Double>,
                    writing output: UnsafeMutablePointer<Float>) {
    for lane in 0..<sums.count {
        let total = sums[lane] + Double(row[lane])
        sums[lane] = total
        output[lane] = Float(total)
    }
}

/// Running sums of `rows` contiguous rows of `length` floats (a scan along the last dim).
/// Each row's sums form one chain of dependent double additions, so four rows advance
/// together to keep four chains in flight; each row still adds in its own order.
private func cumulativeSumRows(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
                               rows: Int, length: Int) throws {
    var row = 0
    while row &+ 4 <= rows {
        try OperationStop.check()
        let in0 = input + row &* length, out0 = output + row &* length
        let in1 = in0 + length, in2 = in1 + length, in3 = in2 + length
        let out1 = out0 + length, out2 = out1 + length, out3 = out2 + length
        var sum0 = 0.0, sum1 = 0.0, sum2 = 0.0, sum3 = 0.0
        for step in 0..<length {
            sum0 += Double(in0[step]); out0[step] = Float(sum0)
            sum1 += Double(in1[step]); out1[step] = Float(sum1)
            sum2 += Double(in2[step]); out2[step] = Float(sum2)
            sum3 += Double(in3[step]); out3[step] = Float(sum3)
        }
        row &+= 4
    }
    while row < rows {
        try OperationStop.check()
        let rowInput = input + row &* length, rowOutput = output + row &* length
        var sum = 0.0
        for step in 0..<length {
            sum += Double(rowInput[step]); rowOutput[step] = Float(sum)
        }
        row &+= 1
    }
}
