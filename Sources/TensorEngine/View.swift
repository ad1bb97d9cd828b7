/// Shape, strides (in elements) and storage offset: how a tensor reads its storage.
/// Movement ops build new views and never touch data.
public struct View: Equatable, Sendable {
    public let shape: [Int]
    public let strides: [Int]
    public let offset: Int

    public init(shape: [Int], strides: [Int], offset: Int) {
        self.shape = shape
        self.strides = strides
        self.offset = offset
    }

    /// A fresh row-major view of `shape`.
    public init(contiguous shape: [Int]) {
        self.init(shape: shape, strides: View.contiguousStrides(for: shape), offset: 0)
    }

    public static func contiguousStrides(for shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for index in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[index] = running
            running = running &* max(shape[index], 1)
        }
        return strides
    }

    public var rank: Int { shape.count }

    /// Number of elements; shapes are validated on creation so this cannot overflow.
    public var count: Int { shape.reduce(1, &*) }

    /// PyTorch's `is_contiguous()`: dims of size 1 may have any stride.
    public var isContiguous: Bool {
        var expected = 1
        for index in stride(from: shape.count - 1, through: 0, by: -1) {
            let size = shape[index]
            if size == 0 { return true }
            if size != 1 {
                if strides[index] != expected { return false }
                expected &*= size
            }
        }
        return true
    }

    /// Merges adjacent dims that are contiguous with each other and drops size-1 dims,
    /// so loops over the result run long unit-stride inner loops (TensorIterator's trick).
    public func collapsed() -> (shape: [Int], strides: [Int]) {
        var shapeOut: [Int] = []
        var stridesOut: [Int] = []
        for (size, stride) in zip(shape, strides) where size != 1 {
            if let lastSize = shapeOut.last, let lastStride = stridesOut.last, lastStride == stride &* size {
                shapeOut[shapeOut.count - 1] = lastSize &* size
                stridesOut[stridesOut.count - 1] = stride
            } else {
                shapeOut.append(size)
                stridesOut.append(stride)
            }
        }
        if shapeOut.isEmpty { return ([1], [1]) }
        return (shapeOut, stridesOut)
    }

    /// Calls `body` with the storage offset of every element in row-major order.
    @inline(__always)
    public func forEachOffset(_ body: (Int) -> Void) {
        if shape.contains(0) { return }
        let (sizes, steps) = collapsed()
        let rank = sizes.count
        let innerSize = sizes[rank - 1]
        let innerStride = steps[rank - 1]
        if rank == 1 {
            var position = offset
            for _ in 0..<innerSize {
                body(position)
                position &+= innerStride
            }
            return
        }
        var counter = [Int](repeating: 0, count: rank - 1)
        var base = offset
        while true {
            var position = base
            for _ in 0..<innerSize {
                body(position)
                position &+= innerStride
            }
            var dim = rank - 2
            while dim >= 0 {
                counter[dim] += 1
                base &+= steps[dim]
                if counter[dim] < sizes[dim] { break }
                base &-= steps[dim] &* sizes[dim]
                counter[dim] = 0
                dim -= 1
            }
            if dim < 0 { return }
        }
    }

    /// Storage offsets of all elements in row-major order.
    public func offsets() -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(count)
        forEachOffset { result.append($0) }
        return result
    }
}
