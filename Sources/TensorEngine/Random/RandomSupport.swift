#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The two float dtypes' uniform primitive and `normal_fill_16` kernel, so each
/// distribution's loop is written once and specialized for both.
protocol RandomFloatElement: BinaryFloatingPoint, TensorElement {
    /// `at::uniform_real_distribution<T>(0, 1)`.
    static func uniform(_ engine: inout MersenneTwister) -> Self
    static func boxMuller16(_ data: UnsafeMutablePointer<Self>, mean: Self, std: Self)
    /// `x * y + z` as GCC compiles it for x86 with FMA: one rounding.
    static func fusedMultiplyAdd(_ x: Self, _ y: Self, _ z: Self) -> Self
}

extension Float: RandomFloatElement {
    @inline(__always)
    static func uniform(_ engine: inout MersenneTwister) -> Float { engine.nextFloat() }
    @inline(__always)
    static func boxMuller16(_ data: UnsafeMutablePointer<Float>, mean: Float, std: Float) {
        randomBoxMuller16SIMD(data, mean: mean, std: std)
    }
    @inline(__always)
    static func fusedMultiplyAdd(_ x: Float, _ y: Float, _ z: Float) -> Float { randomFMA(x, y, z) }
}

extension Double: RandomFloatElement {
    @inline(__always)
    static func uniform(_ engine: inout MersenneTwister) -> Double { engine.nextDouble() }
    @inline(__always)
    static func boxMuller16(_ data: UnsafeMutablePointer<Double>, mean: Double, std: Double) {
        randomBoxMuller16(data, mean: mean, std: std)
    }
    @inline(__always)
    static func fusedMultiplyAdd(_ x: Double, _ y: Double, _ z: Double) -> Double { z.addingProduct(x, y) }
}

/// The order in which PyTorch's `TensorIterator` visits elements: dims sorted so the
/// smallest stride is innermost (`reorder_dimensions`), judged by the first operand whose
/// strides decide, so a transposed output is filled in memory order, not row-major order.
/// Returns the permuted views, outermost dim first, ready for `View.forEachOffset`.
func randomIterationViews(_ views: [View]) -> [View] {
    guard let first = views.first, first.rank > 1 else { return views }
    let shape = first.shape
    let rank = shape.count
    // perm[0] is the innermost dim, as in TensorIterator; it starts as the reversed dims.
    var perm = Array((0..<rank).reversed())
    func shouldSwap(_ dim0: Int, _ dim1: Int) -> Int {
        for view in views {
            let stride0 = view.strides[dim0]
            let stride1 = view.strides[dim1]
            if stride0 == 0 || stride1 == 0 { continue }
            if stride0 < stride1 { return -1 }
            if stride0 > stride1 { return 1 }
            if shape[dim0] > shape[dim1] { return 1 }
        }
        return 0
    }
    for index in 1..<rank {
        var dim1 = index
        var dim0 = index - 1
        while dim0 >= 0 {
            let comparison = shouldSwap(perm[dim0], perm[dim1])
            if comparison > 0 {
                perm.swapAt(dim0, dim1)
                dim1 = dim0
            } else if comparison < 0 {
                break
            }
            dim0 -= 1
        }
    }
    let outerFirst = perm.reversed()
    return views.map { view in
        View(shape: outerFirst.map { view.shape[$0] }, strides: outerFirst.map { view.strides[$0] }, offset: view.offset)
    }
}

/// Elements drawn between two polls for a stop: well under a millisecond of work.
let randomPollingBlock = 1 << 16

/// Calls `body` with 0..<count in order, polling for a stop (`OperationStop`) between
/// blocks: a fill of 2**32 elements runs for many seconds, and Ctrl-C or the timeout must
/// reach it. After a stop the rest is skipped; the caller throws via `check()`.
@inline(__always)
func randomStoppableLoop(_ count: Int, _ body: (Int) -> Void) {
    var start = 0
    while start < count {
        if OperationStop.isRequested { return }
        let end = Swift.min(start + randomPollingBlock, count)
        for index in start..<end { body(index) }
        start = end
    }
}

/// Calls `body` with each storage offset of `tensor` in PyTorch's fill order, skipping
/// the rest once a stop is requested.
@inline(__always)
func randomForEachOffset(_ tensor: Tensor, _ body: (Int) -> Void) {
    if tensor.isContiguous {
        let start = tensor.storageOffset
        randomStoppableLoop(tensor.count) { body(start + $0) }
    } else {
        var visited = 0
        var stopped = false
        randomIterationViews([tensor.view])[0].forEachOffset { offset in
            if visited & (randomPollingBlock - 1) == 0 { stopped = stopped || OperationStop.isRequested }
            visited &+= 1
            if !stopped { body(offset) }
        }
    }
}

/// A double as C++'s `std::ostream << double` prints it inside PyTorch's messages (`%g`).
public func cppStreamDouble(_ value: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([value]) { arguments in
        buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, 64, "%g", arguments) }
    }
    return String(cString: buffer)
}


/// PyTorch's `AT_DISPATCH_*` failure: `"normal_kernel_cpu" not implemented for 'Long'`.
func randomNotImplemented(_ kernel: String, _ dtype: DType) -> TensorError {
    TensorError.kernelNotImplemented(kernel, dtype)
}
