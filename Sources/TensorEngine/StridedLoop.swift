/// An output and up to two inputs walked together over one shape, as PyTorch's
/// TensorIterator walks them: size-1 dims are dropped and neighbouring dims merged
/// wherever every operand is contiguous across them, so the innermost loop runs as long
/// as possible, usually at unit stride. Kernels then only write a loop over one row.
struct StridedLoop {
    /// Per merged dim, outermost first, four numbers: its size, then the output's, the
    /// first input's and the second input's stride. One flat array, so building a loop
    /// for a small op costs one allocation.
    private var dims: [Int] = []
    let offsets: (Int, Int, Int)
    let isEmpty: Bool

    /// The operands' views, already broadcast to `shape`: the output, then up to two inputs.
    init(shape: [Int], output: View, _ first: View? = nil, _ second: View? = nil) {
        isEmpty = shape.contains(0)
        offsets = (output.offset, first?.offset ?? 0, second?.offset ?? 0)
        dims.reserveCapacity(4 * shape.count)
        for dim in 0..<shape.count where shape[dim] != 1 {
            let size = shape[dim]
            let outputStride = output.strides[dim]
            let firstStride = first?.strides[dim] ?? 0
            let secondStride = second?.strides[dim] ?? 0
            let last = dims.count - 4
            if last >= 0, dims[last + 1] == outputStride &* size, dims[last + 2] == firstStride &* size,
               dims[last + 3] == secondStride &* size {
                dims[last] = dims[last] &* size
                dims[last + 1] = outputStride
                dims[last + 2] = firstStride
                dims[last + 3] = secondStride
            } else {
                dims.append(size)
                dims.append(outputStride)
                dims.append(firstStride)
                dims.append(secondStride)
            }
        }
        if dims.isEmpty { dims = [1, 1, 1, 1] }
    }

    /// Number of merged dims.
    var rank: Int { dims.count / 4 }
    func size(_ dim: Int) -> Int { dims[4 * dim] }
    /// Stride of operand 0 (output), 1 or 2 along merged dim `dim`.
    func stride(_ operand: Int, _ dim: Int) -> Int { dims[4 * dim + 1 + operand] }

    /// The length of every row and each operand's stride along it.
    var rowLength: Int { size(rank - 1) }
    var innerStrides: (Int, Int, Int) {
        let last = rank - 1
        return (stride(0, last), stride(1, last), stride(2, last))
    }

    /// Calls `body` once per innermost row with the three operands' element offsets.
    @inline(__always)
    func forEachRow(_ body: (_ output: Int, _ first: Int, _ second: Int) -> Void) {
        if isEmpty { return }
        let outer = rank - 1
        if outer == 0 {
            body(offsets.0, offsets.1, offsets.2)
            return
        }
        var counter = [Int](repeating: 0, count: outer)
        var (output, first, second) = offsets
        while true {
            body(output, first, second)
            var dim = outer - 1
            while dim >= 0 {
                let size = self.size(dim)
                let (outputStride, firstStride, secondStride) = (stride(0, dim), stride(1, dim), stride(2, dim))
                counter[dim] &+= 1
                output &+= outputStride
                first &+= firstStride
                second &+= secondStride
                if counter[dim] < size { break }
                output &-= outputStride &* size
                first &-= firstStride &* size
                second &-= secondStride &* size
                counter[dim] = 0
                dim -= 1
            }
            if dim < 0 { return }
        }
    }
}

/// `output[i] = body(first[i], second[i])` along one row. The common stride patterns get
/// their own loops (contiguous, or one side a broadcast scalar) so the compiler can
/// vectorize them; anything else takes the general strided loop.
@inline(__always)
func mapRow<A, B, R>(
    _ output: UnsafeMutablePointer<R>, _ outputStride: Int,
    _ first: UnsafePointer<A>, _ firstStride: Int,
    _ second: UnsafePointer<B>, _ secondStride: Int,
    _ count: Int, _ body: (A, B) -> R
) {
    if outputStride == 1 {
        if firstStride == 1 && secondStride == 1 {
            for index in 0..<count { output[index] = body(first[index], second[index]) }
            return
        }
        if firstStride == 1 && secondStride == 0 {
            let constant = second[0]
            for index in 0..<count { output[index] = body(first[index], constant) }
            return
        }
        if firstStride == 0 && secondStride == 1 {
            let constant = first[0]
            for index in 0..<count { output[index] = body(constant, second[index]) }
            return
        }
    }
    var (out, a, b) = (0, 0, 0)
    for _ in 0..<count {
        output[out] = body(first[a], second[b])
        out &+= outputStride
        a &+= firstStride
        b &+= secondStride
    }
}

/// `output[i] = body(input[i])` along one row.
@inline(__always)
func mapRow<A, R>(
    _ output: UnsafeMutablePointer<R>, _ outputStride: Int,
    _ input: UnsafePointer<A>, _ inputStride: Int,
    _ count: Int, _ body: (A) -> R
) {
    if outputStride == 1 && inputStride == 1 {
        for index in 0..<count { output[index] = body(input[index]) }
        return
    }
    if outputStride == 1 && inputStride == -1 {
        // A flipped row (`x.flip(-1)`): reversed loads vectorize too.
        for index in 0..<count { output[index] = body(input[-index]) }
        return
    }
    var (out, a) = (0, 0)
    for _ in 0..<count {
        output[out] = body(input[a])
        out &+= outputStride
        a &+= inputStride
    }
}
