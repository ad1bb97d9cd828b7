/// An output and up to two inputs walked together over one shape, as PyTorch's
/// TensorIterator walks them: size-1 dims are dropped and neighbouring dims merged
/// wherever every operand is contiguous across them, so the innermost loop runs as long
/// as possible, usually at unit stride. Kernels then only write a loop over one row.
struct StridedLoop {
    /// Sizes of the merged dims, outermost first; never empty once built.
    private(set) var sizes: [Int] = []
    /// Per operand (output, first input, second input), the stride of each merged dim.
    private(set) var strides: [[Int]] = [[], [], []]
    let offsets: (Int, Int, Int)
    let isEmpty: Bool

    /// `views` are the operands' views, already broadcast to `shape` (missing inputs can
    /// be given as zero-stride views or omitted).
    init(shape: [Int], views: [View]) {
        precondition(views.count >= 1 && views.count <= 3)
        isEmpty = shape.contains(0)
        offsets = (views[0].offset, views.count > 1 ? views[1].offset : 0, views.count > 2 ? views[2].offset : 0)
        for dim in 0..<shape.count where shape[dim] != 1 {
            let size = shape[dim]
            let dimStrides = (0..<3).map { $0 < views.count ? views[$0].strides[dim] : 0 }
            if let last = sizes.indices.last,
               (0..<3).allSatisfy({ strides[$0][last] == dimStrides[$0] &* size }) {
                sizes[last] = sizes[last] &* size
                for operand in 0..<3 { strides[operand][last] = dimStrides[operand] }
            } else {
                sizes.append(size)
                for operand in 0..<3 { strides[operand].append(dimStrides[operand]) }
            }
        }
        if sizes.isEmpty {
            sizes = [1]
            strides = [[1], [1], [1]]
        }
    }

    /// The length of every row and each operand's stride along it.
    var rowLength: Int { sizes[sizes.count - 1] }
    var innerStrides: (Int, Int, Int) {
        let last = sizes.count - 1
        return (strides[0][last], strides[1][last], strides[2][last])
    }

    /// Calls `body` once per innermost row with the three operands' element offsets.
    @inline(__always)
    func forEachRow(_ body: (_ output: Int, _ first: Int, _ second: Int) -> Void) {
        if isEmpty { return }
        let outer = sizes.count - 1
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
                counter[dim] &+= 1
                output &+= strides[0][dim]
                first &+= strides[1][dim]
                second &+= strides[2][dim]
                if counter[dim] < sizes[dim] { break }
                output &-= strides[0][dim] &* sizes[dim]
                first &-= strides[1][dim] &* sizes[dim]
                second &-= strides[2][dim] &* sizes[dim]
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
    var (out, a) = (0, 0)
    for _ in 0..<count {
        output[out] = body(input[a])
        out &+= outputStride
        a &+= inputStride
    }
}
