/// float32 and float64 sums in PyTorch's order (aten/src/ATen/native/cpu/SumKernel.cpp,
/// one thread).
///
/// PyTorch sums float32 in float32, so its results carry rounding that a Double sum does
/// not: a softmax row can sum to 1.0000001 and print `1.0000` rather than `1.`. To agree
/// to the bit we walk the elements as its TensorIterator does (reduced dims innermost,
/// dims sorted by stride and merged when contiguous) and add them in the same cascade,
/// in vectors of AVX2's width: eight floats or four doubles.

extension Tensor {
    /// `nansum` of a float32 or float64 tensor: the same cascade with each NaN read as
    /// zero, as `cascade_sum<ignore_nan=true>` reads it.
    func cascadeNanSum(_ layout: ReductionLayout) throws -> Tensor {
        dtype == .float64
            ? try cascadeSum(layout, Double.self, reading: NaNAsZeroRead.self)
            : try cascadeSum(layout, Float.self, reading: NaNAsZeroRead.self)
    }

    /// Σ over `layout`'s reduced dims of a tensor whose elements are `T`, into a new
    /// tensor of its dtype.
    func cascadeSum<T: CascadeElement, Read: CascadeRead>(
        _ layout: ReductionLayout, _: T.Type, reading: Read.Type = PlainRead.self
    ) throws -> Tensor {
        let result = try Tensor.zeros(shape: layout.outputShape, dtype: dtype)
        let input = UnsafePointer(pointer(T.self))
        let output = result.pointer(T.self)
        let plan = ReductionIterationPlan(shape: shape, strides: strides, reducedDims: layout.reducedDims)
        plan.forEachBlock { block in
            cascadeSumBlock(input + storageOffset + block.inputOffset, output + block.outputOffset, block, Read.self)
        }
        // A stop request ends the blocks and the cascades early; the partial sums are dropped.
        try OperationStop.check()
        return result
    }
}

/// One call of TensorIterator's 2-D loop: `size0 × size1` elements with strides (in
/// elements) for the input and the output, which is 0 along reduced dims.
struct ReductionBlock {
    var size0: Int, size1: Int
    var inputStride0: Int, inputStride1: Int
    var outputStride0: Int, outputStride1: Int
    var inputOffset = 0, outputOffset = 0
}

/// TensorIterator's dim order for a reduction with one output and one input.
struct ReductionIterationPlan {
    /// The tensor's dims in TensorIterator's order, fastest first, before coalescing.
    let dimOrder: [Int]
    /// Fastest dim first, after reordering and coalescing.
    var sizes: [Int] = []
    var inputStrides: [Int] = []
    var outputStrides: [Int] = []

    init(shape: [Int], strides: [Int], reducedDims: [Int]) {
        let rank = shape.count
        let reduced = Set(reducedDims)
        // The output keeps the non-reduced dims, contiguous, and has stride 0 elsewhere.
        var outputStrideOf = [Int](repeating: 0, count: rank)
        var running = 1
        for dim in stride(from: rank - 1, through: 0, by: -1) where !reduced.contains(dim) {
            outputStrideOf[dim] = running
            running *= shape[dim]
        }
        // `reorder_dimensions`: start from the last dim and insertion-sort with
        // `should_swap`, which puts reduced dims first, then smaller strides.
        var order = Array((0..<rank).reversed())
        func comparison(_ dim0: Int, _ dim1: Int) -> Int {
            let out0 = outputStrideOf[dim0], out1 = outputStrideOf[dim1]
            if (out0 == 0) != (out1 == 0) { return out1 == 0 ? 1 : -1 }
            for (stride0, stride1) in [(out0, out1), (strides[dim0], strides[dim1])] {
                if stride0 == 0 || stride1 == 0 { continue }
                if stride0 < stride1 { return -1 }
                if stride0 > stride1 { return 1 }
                if shape[dim0] > shape[dim1] { return 1 }
            }
            return 0
        }
        if rank > 1 {
            for index in 1..<rank {
                var moving = index
                for earlier in stride(from: index - 1, through: 0, by: -1) {
                    let result = comparison(order[earlier], order[moving])
                    if result > 0 {
                        order.swapAt(earlier, moving)
                        moving = earlier
                    } else if result < 0 {
                        break
                    }
                }
            }
        }
        dimOrder = order
        sizes = order.map { shape[$0] }
        inputStrides = order.map { strides[$0] }
        outputStrides = order.map { outputStrideOf[$0] }
        coalesce()
    }

    /// `coalesce_dimensions`: merges neighbours that step through memory as one dim.
    private mutating func coalesce() {
        guard sizes.count > 1 else { return }
        var previous = 0
        for dim in 1..<sizes.count {
            let mergeable = sizes[previous] == 1 || sizes[dim] == 1
                || (sizes[previous] &* inputStrides[previous] == inputStrides[dim]
                    && sizes[previous] &* outputStrides[previous] == outputStrides[dim])
            if mergeable {
                if sizes[previous] == 1 {
                    inputStrides[previous] = inputStrides[dim]
                    outputStrides[previous] = outputStrides[dim]
                }
                // Wrapping: only an empty tensor's sizes can overflow, and it runs no loop.
                sizes[previous] &*= sizes[dim]
            } else {
                previous += 1
                if previous != dim {
                    inputStrides[previous] = inputStrides[dim]
                    outputStrides[previous] = outputStrides[dim]
                    sizes[previous] = sizes[dim]
                }
            }
        }
        sizes.removeSubrange((previous + 1)...)
        inputStrides.removeSubrange((previous + 1)...)
        outputStrides.removeSubrange((previous + 1)...)
    }

    /// Calls `body` for each 2-D block, the outer dims counting fastest-first.
    func forEachBlock(_ body: (ReductionBlock) -> Void) {
        if sizes.contains(0) { return }
        func at(_ values: [Int], _ dim: Int, _ fallback: Int) -> Int { dim < values.count ? values[dim] : fallback }
        var block = ReductionBlock(
            size0: at(sizes, 0, 1), size1: at(sizes, 1, 1),
            inputStride0: at(inputStrides, 0, 0), inputStride1: at(inputStrides, 1, 0),
            outputStride0: at(outputStrides, 0, 0), outputStride1: at(outputStrides, 1, 0))
        let outerDims = Swift.max(sizes.count - 2, 0)
        var counter = [Int](repeating: 0, count: outerDims)
        while true {
            var inputOffset = 0, outputOffset = 0
            for index in 0..<outerDims {
                inputOffset += counter[index] * inputStrides[index + 2]
                outputOffset += counter[index] * outputStrides[index + 2]
            }
            block.inputOffset = inputOffset
            block.outputOffset = outputOffset
            body(block)
            if OperationStop.isRequested { return }
            var index = 0
            while index < outerDims {
                counter[index] += 1
                if counter[index] < sizes[index + 2] { break }
                counter[index] = 0
                index += 1
            }
            if index == outerDims { return }
        }
    }
}

/// `cascade_sum`'s loop body: adds each block's sums into the output.
private func cascadeSumBlock<T: CascadeElement, Read: CascadeRead>(
    _ input: UnsafePointer<T>, _ output: UnsafeMutablePointer<T>, _ block: ReductionBlock, _ read: Read.Type
) {
    var (size0, size1) = (block.size0, block.size1)
    var (in0, in1) = (block.inputStride0, block.inputStride1)
    var (out0, out1) = (block.outputStride0, block.outputStride1)
    // Move the reduction to be the first dim.
    if out0 != 0 && out1 == 0 {
        swap(&size0, &size1)
        swap(&in0, &in1)
        swap(&out0, &out1)
    }
    if out0 != 0 && out1 != 0 {
        // Not a real reduction (reduced dims of size 1): out += in.
        for j in 0..<size1 {
            for i in 0..<size0 {
                let index = i * out0 + j * out1
                output[index] = Read.scalar(output[index]) + Read.scalar(input[i * in0 + j * in1])
            }
        }
        return
    }
    if in0 == 1 && size0 >= T.vectorWidth {
        vectorizedInnerSum(input, output, rowStride: in1, outputStride: out1, size0: size0, size1: size1, Read.self)
    } else if in1 == 1 && size1 >= T.vectorWidth {
        vectorizedOuterSum(input, output, columnStride: in0, outputStride: out1, size0: size0, size1: size1, Read.self)
    } else if in0 < in1 {
        for j in 0..<size1 {
            if rowsCheckStop(j) { return }
            output[j * out1] += rowSum(count: size0) { Read.scalar(input[j * in1 + $0 * in0]) }
        }
    } else {
        // scalar_outer_sum: four outputs at once, each a cascade over size0 elements.
        var j = 0
        while j + 3 < size1 {
            if rowsCheckStop(j) { return }
            let base = input + j * in1
            let sums = multiRowSum(count: size0) { i in
                Quad(Read.scalar(base[i * in0]), Read.scalar(base[i * in0 + in1]),
                     Read.scalar(base[i * in0 + 2 * in1]), Read.scalar(base[i * in0 + 3 * in1]))
            }
            output[j * out1] += sums.a
            output[(j + 1) * out1] += sums.b
            output[(j + 2) * out1] += sums.c
            output[(j + 3) * out1] += sums.d
            j += 4
        }
        while j < size1 {
            let base = input + j * in1
            output[j * out1] += rowSum(count: size0) { Read.scalar(base[$0 * in0]) }
            j += 1
        }
    }
}

/// Contiguous rows: a cascade of vectors, then the leftover elements, then the vector's
/// lanes added one by one.
private func vectorizedInnerSum<T: CascadeElement, Read: CascadeRead>(
    _ input: UnsafePointer<T>, _ output: UnsafeMutablePointer<T>,
    rowStride: Int, outputStride: Int, size0: Int, size1: Int, _ read: Read.Type
) {
    let width = T.vectorWidth
    let vectorCount = size0 / width
    for j in 0..<size1 {
        if rowsCheckStop(j) { return }
        let row = input + j * rowStride
        let lanes = rowSum(count: vectorCount) { Read.vector(T.loadVector(row + $0 &* width), T.self) }
        var total: T = 0
        for k in (vectorCount * width)..<size0 { total += Read.scalar(row[k]) }
        for lane in 0..<width { total += T.lane(lanes, lane) }
        output[j * outputStride] += total
    }
}

/// Reducing across rows whose outputs are contiguous: four vectors of columns at a time,
/// then one vector, then one column, each column a cascade down the rows.
private func vectorizedOuterSum<T: CascadeElement, Read: CascadeRead>(
    _ input: UnsafePointer<T>, _ output: UnsafeMutablePointer<T>,
    columnStride: Int, outputStride: Int, size0: Int, size1: Int, _ read: Read.Type
) {
    let width = T.vectorWidth
    func store(_ sums: T.Vector, at column: Int) {
        for lane in 0..<width { output[(column + lane) * outputStride] += T.lane(sums, lane) }
    }
    func load(_ pointer: UnsafePointer<T>) -> T.Vector { Read.vector(T.loadVector(pointer), T.self) }
    var j = 0
    while j + 4 * width <= size1 {
        if rowsCheckStop(j) { return }
        let base = input + j
        let sums = multiRowSum(count: size0) { i in
            let row = base + i &* columnStride
            return Quad(load(row), load(row + width), load(row + 2 * width), load(row + 3 * width))
        }
        store(sums.a, at: j)
        store(sums.b, at: j + width)
        store(sums.c, at: j + 2 * width)
        store(sums.d, at: j + 3 * width)
        j += 4 * width
    }
    while j + width <= size1 {
        let base = input + j
        store(rowSum(count: size0) { load(base + $0 &* columnStride) }, at: j)
        j += width
    }
    while j < size1 {
        let base = input + j
        output[j * outputStride] += rowSum(count: size0) { Read.scalar(base[$0 * columnStride]) }
        j += 1
    }
}

/// What the cascade adds: a float or double, or a vector of them lane by lane.
protocol CascadeSummable {
    static var zero: Self { get }
    static func + (left: Self, right: Self) -> Self
}

extension Float: CascadeSummable {}
extension Double: CascadeSummable {}
extension SIMD8: CascadeSummable where Scalar == Float {}
extension SIMD4: CascadeSummable where Scalar == Double {}

/// Four accumulators summed side by side.
struct Quad<Value: CascadeSummable> {
    var a, b, c, d: Value

    init(_ a: Value, _ b: Value, _ c: Value, _ d: Value) {
        (self.a, self.b, self.c, self.d) = (a, b, c, d)
    }

    static var zero: Quad { Quad(.zero, .zero, .zero, .zero) }

    @inline(__always)
    static func + (left: Quad, right: Quad) -> Quad {
        Quad(left.a + right.a, left.b + right.b, left.c + right.c, left.d + right.d)
    }
}

/// Index arithmetic in the cascade uses wrapping operators: the indices are bounded by
/// the tensor's element count, and overflow checks in these loops cost a quarter of the time.

/// `multi_row_sum`: four running sums over `count` steps, in a four-level cascade so that
/// only partial sums of similar size are added (each level holds 2^levelPower steps).
@inline(__always)
func multiRowSum<Value: CascadeSummable>(count: Int, _ load: (Int) -> Quad<Value>) -> Quad<Value> {
    let levelPower = Swift.max(4, ceilLog2(count) / 4)
    let levelStep = 1 << levelPower
    let levelMask = levelStep - 1
    var level0 = Quad<Value>.zero, level1 = Quad<Value>.zero, level2 = Quad<Value>.zero, level3 = Quad<Value>.zero
    var i = 0
    while i + levelStep <= count {
        for _ in 0..<levelStep {
            level0 = level0 + load(i)
            i &+= 1
        }
        level1 = level1 + level0
        level0 = .zero
        // One sum can cover billions of elements (an expanded tensor): poll for a stop
        // every 65536 of them; the caller throws, so the partial sum is never used.
        if i & 0xFFFF == 0 && OperationStop.isRequested { return .zero }
        if i & (levelMask << levelPower) == 0 {
            level2 = level2 + level1
            level1 = .zero
            if i & (levelMask << (2 * levelPower)) == 0 {
                level3 = level3 + level2
                level2 = .zero
            }
        }
    }
    while i < count {
        level0 = level0 + load(i)
        i &+= 1
    }
    return level0 + level1 + level2 + level3
}

/// `row_sum`: the row read as (-1, 4), four cascades side by side, then the leftover
/// elements into the first, then the four added in order.
@inline(__always)
func rowSum<Value: CascadeSummable>(count: Int, _ load: (Int) -> Value) -> Value {
    let groups = count / 4
    var partial = multiRowSum(count: groups) { i in
        Quad(load(i &* 4), load(i &* 4 &+ 1), load(i &* 4 &+ 2), load(i &* 4 &+ 3))
    }
    for i in (groups * 4)..<count { partial.a = partial.a + load(i) }
    return partial.a + partial.b + partial.c + partial.d
}

/// Whether a stop was requested, polled every 4096 rows of a block (an expanded tensor
/// can give one block billions of short rows). The caller throws, dropping partial sums.
@inline(__always)
private func rowsCheckStop(_ row: Int) -> Bool {
    row & 0xFFF == 0 && OperationStop.isRequested
}

/// `c10::utils::CeilLog2`: 1 for 0, 1 and 2.
@inline(__always)
func ceilLog2(_ value: Int) -> Int {
    value <= 2 ? 1 : Int.bitWidth - (value - 1).leadingZeroBitCount
}
