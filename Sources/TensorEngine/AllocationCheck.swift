/// Refusing a size before any Swift array is built for it.
///
/// Storage already refuses sizes above `MemoryBudget.limit`, but some ops first compute
/// their elements into a Swift array (`linspace`, index lists, einsum terms) and only then
/// copy them into a tensor. A Swift array that cannot be allocated is a crash, not an
/// error, so those ops ask here first, with the same message the storage would give.
public func ensureAllocatable(elements: Int, itemSize: Int = 8) throws {
    guard elements >= 0 else {
        throw TensorError.runtime("Trying to create tensor with negative dimension \(elements)")
    }
    let (bytes, overflow) = elements.multipliedReportingOverflow(by: itemSize)
    if overflow { throw TensorError.runtime("this would allocate more memory than exists (\(elements) elements)") }
    try MemoryBudget.reserve(bytes)
    MemoryBudget.release(bytes)
}

/// `ensureAllocatable` for a shape: the product is checked for overflow first.
public func ensureAllocatable(shape: [Int], itemSize: Int = 8) throws {
    try ensureAllocatable(elements: try checkedElementCount(shape, itemSize: itemSize), itemSize: itemSize)
}

/// Runs `body` with `elements × bytesPerElement` bytes of Swift-array scratch counted
/// in the memory budget (sort, topk and cumsum keep several arrays per element while
/// they work), so the process's memory stays within a small factor of the limit.
func withScratch<Result>(elements: Int, bytesPerElement: Int, _ body: () throws -> Result) throws -> Result {
    let (bytes, overflow) = elements.multipliedReportingOverflow(by: bytesPerElement)
    if overflow { throw TensorError.runtime("this would allocate more memory than exists (\(elements) elements)") }
    try MemoryBudget.reserve(bytes)
    defer { MemoryBudget.release(bytes) }
    return try body()
}
