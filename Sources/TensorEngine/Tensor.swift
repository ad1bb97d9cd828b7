/// A strided view of typed storage. A class, so that one tensor has one identity: an
/// in-place metadata change such as `unsqueeze_` is seen through every reference.
public final class Tensor: @unchecked Sendable {
    /// Variables only for `x.data = y` (`setData`), which gives a tensor other elements
    /// while it keeps its identity.
    public private(set) var storage: Storage
    public private(set) var dtype: DType
    public var view: View
    /// Autograd's record for this tensor (requires_grad, .grad, grad_fn). The engine only
    /// carries it; the Autograd module defines and reads it.
    public var autograd: (any AutogradMetadata)?

    public init(storage: Storage, dtype: DType, view: View) {
        self.storage = storage
        self.dtype = dtype
        self.view = view
    }

    /// `x.data = source`, PyTorch's `set_data`: this tensor takes `source`'s storage, dtype
    /// and view, so it reads and writes `source`'s elements from then on, while it keeps
    /// its identity and autograd record (a Parameter stays registered, requires_grad stays).
    public func setData(_ source: Tensor) {
        storage = source.storage
        dtype = source.dtype
        view = source.view
    }

    public var shape: [Int] { view.shape }
    public var strides: [Int] { view.strides }
    public var storageOffset: Int { view.offset }
    public var rank: Int { view.rank }
    public var count: Int { view.count }
    public var isContiguous: Bool { view.isContiguous }

    /// A new zero-filled contiguous tensor.
    public static func zeros(shape: [Int], dtype: DType) throws -> Tensor {
        try allocate(shape: shape, dtype: dtype, zeroed: true)
    }

    /// A new contiguous tensor whose contents are garbage: only for kernels that write
    /// every element before anyone reads it.
    static func uninitialized(shape: [Int], dtype: DType) throws -> Tensor {
        try allocate(shape: shape, dtype: dtype, zeroed: false)
    }

    private static func allocate(shape: [Int], dtype: DType, zeroed: Bool) throws -> Tensor {
        let count = try checkedElementCount(shape, itemSize: dtype.itemSize)
        let (bytes, overflow) = count.multipliedReportingOverflow(by: dtype.itemSize)
        if overflow { throw TensorError.runtime("this would allocate more memory than exists (\(shape))") }
        return Tensor(storage: try Storage(byteCount: bytes, zeroed: zeroed), dtype: dtype, view: View(contiguous: shape))
    }

    /// A new contiguous tensor holding `values` in row-major order.
    public convenience init<T: TensorElement>(values: [T], shape: [Int]) throws {
        let count = try checkedElementCount(shape)
        precondition(count == values.count, "values do not fill the shape")
        let storage = try Storage(byteCount: count * MemoryLayout<T>.stride)
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress {
                storage.typed(T.self).update(from: base, count: count)
            }
        }
        self.init(storage: storage, dtype: T.dtype, view: View(contiguous: shape))
    }

    /// A 0-dim tensor.
    public convenience init<T: TensorElement>(scalar: T) {
        // A single element is far below any memory limit.
        try! self.init(values: [scalar], shape: [])
    }

    /// A new tensor sharing this one's storage through another view.
    public func viewing(_ view: View) -> Tensor {
        Tensor(storage: storage, dtype: dtype, view: view)
    }

    /// Typed pointer to element 0 of the storage (not of this view).
    @inline(__always)
    public func pointer<T: TensorElement>(_ type: T.Type) -> UnsafeMutablePointer<T> {
        storage.typed(T.self)
    }

    /// The elements in row-major order, converted to `T`.
    public func elements<T: TensorElement>(as type: T.Type) -> [T] {
        switch dtype {
        case .bool: converted(from: Bool.self)
        case .uint8: converted(from: UInt8.self)
        case .int8: converted(from: Int8.self)
        case .int16: converted(from: Int16.self)
        case .int32: converted(from: Int32.self)
        case .int64: converted(from: Int64.self)
        case .float16: converted(from: Float16.self)
        case .bfloat16: converted(from: BFloat16.self)
        case .float32: converted(from: Float.self)
        case .float64: converted(from: Double.self)
        }
    }

    private func converted<S: TensorElement, T: TensorElement>(from source: S.Type) -> [T] {
        S.self == T.self
            ? readElements(view, as: S.self) { unsafeBitCast($0, to: T.self) }
            : readElements(view, as: S.self) { T(converting: $0) }
    }

    public func doubles() -> [Double] { elements(as: Double.self) }
    public func int64s() -> [Int64] { elements(as: Int64.self) }
    public func bools() -> [Bool] { elements(as: Bool.self) }

    /// Element at a storage offset, as a Python number of the dtype's kind.
    public func scalar(atStorageOffset position: Int) -> Scalar {
        switch dtype {
        case .bool: .bool(storage.typed(Bool.self)[position])
        case .uint8: .int(Int64(storage.typed(UInt8.self)[position]))
        case .int8: .int(Int64(storage.typed(Int8.self)[position]))
        case .int16: .int(Int64(storage.typed(Int16.self)[position]))
        case .int32: .int(Int64(storage.typed(Int32.self)[position]))
        case .int64: .int(storage.typed(Int64.self)[position])
        case .float16: .float(storage.typed(Float16.self)[position].doubleValue)
        case .bfloat16: .float(storage.typed(BFloat16.self)[position].doubleValue)
        case .float32: .float(Double(storage.typed(Float.self)[position]))
        case .float64: .float(storage.typed(Double.self)[position])
        }
    }

    /// All elements as Python numbers, row-major.
    public func scalars() -> [Scalar] {
        var result: [Scalar] = []
        result.reserveCapacity(count)
        view.forEachOffset { result.append(scalar(atStorageOffset: $0)) }
        return result
    }

    /// Writes a Python number at a storage offset, converting to the dtype.
    public func setScalar(_ value: Scalar, atStorageOffset position: Int) {
        switch dtype {
        case .bool: storage.typed(Bool.self)[position] = value.converted(to: Bool.self)
        case .uint8: storage.typed(UInt8.self)[position] = value.converted(to: UInt8.self)
        case .int8: storage.typed(Int8.self)[position] = value.converted(to: Int8.self)
        case .int16: storage.typed(Int16.self)[position] = value.converted(to: Int16.self)
        case .int32: storage.typed(Int32.self)[position] = value.converted(to: Int32.self)
        case .int64: storage.typed(Int64.self)[position] = value.converted(to: Int64.self)
        case .float16: storage.typed(Float16.self)[position] = value.converted(to: Float16.self)
        case .bfloat16: storage.typed(BFloat16.self)[position] = value.converted(to: BFloat16.self)
        case .float32: storage.typed(Float.self)[position] = value.converted(to: Float.self)
        case .float64: storage.typed(Double.self)[position] = value.converted(to: Double.self)
        }
    }

    /// `item()`: the single element as a Python number.
    public func item() throws -> Scalar {
        guard count == 1 else {
            throw TensorError.runtime("a Tensor with \(count) elements cannot be converted to Scalar")
        }
        return scalar(atStorageOffset: view.offset)
    }

    /// Does this tensor share storage with `other`?
    public func sharesStorage(with other: Tensor) -> Bool { storage.holdsSameBytes(as: other.storage) }
}

/// The product of `shape`, refusing negative sizes and sizes too large to index.
/// With `itemSize`, the byte count must also fit in Int, as PyTorch's storage check asks.
public func checkedElementCount(_ shape: [Int], itemSize: Int = 1) throws -> Int {
    var sizes: String { "[\(shape.map(String.init).joined(separator: ", "))]" }
    for size in shape where size < 0 {
        throw TensorError.runtime("Trying to create tensor with negative dimension \(size): \(sizes)")
    }
    // PyTorch's two checks when it creates a tensor: the running product of the sizes
    // (its storage size) must fit in 64 unsigned bits, even when a later size is 0...
    var product: UInt64 = 1
    var productOverflowed = false
    for size in shape {
        let (next, overflow) = product.multipliedReportingOverflow(by: UInt64(size))
        productOverflowed = productOverflowed || overflow
        product = next
    }
    let (bytes, bytesOverflowed) = product.multipliedReportingOverflow(by: UInt64(itemSize))
    productOverflowed = productOverflowed || bytesOverflowed || bytes > UInt64(Int.max)
    if productOverflowed { throw TensorError.runtime("Storage size calculation overflowed with sizes=\(sizes)") }
    // ...and every contiguous stride, a product of later sizes counting 0 as 1, must fit
    // in Int: `zeros(0, 2**62, 2)` has no elements but a first stride of 2**63.
    var stride = 1
    for size in shape.dropFirst().reversed() {
        let (next, overflow) = stride.multipliedReportingOverflow(by: Swift.max(size, 1))
        if overflow { throw TensorError.runtime("Stride calculation overflowed") }
        stride = next
    }
    if product > 1 << 48 {
        throw TensorError.runtime("this would allocate more memory than exists: shape \(sizes) is too large")
    }
    return Int(product)
}

/// What the Autograd module attaches to a tensor. The engine knows nothing of graphs;
/// this protocol only gives the slot a type.
public protocol AutogradMetadata: AnyObject {}
