/// What one program may use, beyond the tensor memory budget (`MemoryBudget.limit`).
/// Programs come from strangers: each limit turns what would be a crash or a dead
/// machine (`'a' * 10**12`, `list(range(10**12))`) into a Python error.
public struct ResourceLimits: Sendable {
    /// Items in one list, tuple, set or dict built by the program, including ranges
    /// materialized by `list(range(n))`. Each item costs at least 8 bytes and usually a
    /// heap box, so ten million is a few hundred MB at most.
    public var maxContainerItems = 10_000_000
    /// UTF-8 bytes in one string (`'a' * n`, `str.center(n)`, format widths).
    public var maxStringBytes = 100_000_000

    public init() {}

    /// The MemoryError Python raises when an allocation cannot be satisfied, with the size.
    func tooManyItems(_ count: some BinaryInteger, what: String) -> PythonError {
        PythonError("MemoryError",
                    "\(what) would hold \(count) items, above the limit of \(maxContainerItems)")
    }

    func checkItems(_ count: some BinaryInteger, what: String = "this list") throws {
        if count > maxContainerItems { throw tooManyItems(count, what: what) }
    }

    func checkStringBytes(_ count: some BinaryInteger) throws {
        if count > maxStringBytes {
            throw PythonError("MemoryError", "this string would be \(count) bytes long, above the limit of \(maxStringBytes)")
        }
    }

    /// `items * count` for sequence repetition, refusing products above the limit
    /// before any memory is touched.
    func checkRepetition(itemCount: Int, times count: Int64, what: String) throws {
        guard count > 0, itemCount > 0 else { return }
        let (total, overflow) = Int64(itemCount).multipliedReportingOverflow(by: count)
        if overflow {
            throw PythonError("MemoryError", "\(what) would hold more than 2**63 items, above the limit of \(maxContainerItems)")
        }
        try checkItems(total, what: what)
    }
}

extension ResourceLimits {
    /// Refuses a string of `length` repeated `count` times above the string limit.
    func checkStringRepetition(length: Int, times count: Int64) throws {
        guard count > 0, length > 0 else { return }
        let (total, overflow) = Int64(length).multipliedReportingOverflow(by: count)
        if overflow || total > Int64(maxStringBytes) {
            throw PythonError("MemoryError",
                              "this string would be \(overflow ? "more than 2**63" : String(total)) bytes long, above the limit of \(maxStringBytes)")
        }
    }
}
