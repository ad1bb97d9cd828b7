import TensorEngine

/// The memory Python objects hold, charged to the same budget as tensors
/// (`MemoryBudget`, set by `--max-memory`), so that ten million small lists end in a
/// MemoryError instead of filling the machine.
///
/// Sizes are estimates of what this interpreter really spends (each item is an 8-byte
/// reference to a heap box of about 40 bytes; a list object, its array header and the
/// allocator's rounding add about 200 bytes), not CPython's. Containers (lists, sets,
/// dicts) and instances charge when they grow and give it back when freed. Strings and
/// tuples are values, not objects, so they are charged as items of the container that
/// holds them; alone, each one is bounded by `ResourceLimits`.
///
/// A container grows inside accessors that cannot throw, so the charge is taken without
/// a check, and `Interpreter.checkObjectMemory` raises the MemoryError at the next check
/// point (every loop iteration, call and operator).
enum ObjectMemory {
    static let containerBytes = 200
    static let itemBytes = 48
    static let entryBytes = 64
    static let instanceBytes = 320

    /// What one item adds to a container: its box, plus the bytes of a string too long
    /// to be stored inline and the items of a tuple.
    static func itemCost(_ value: Value) -> Int {
        switch value {
        case let .string(text):
            let length = text.utf8.count
            return length > 15 ? itemBytes + length : itemBytes
        case let .tuple(items): return itemBytes + items.count * itemBytes
        default: return itemBytes
        }
    }

    /// The cost of `items[range]`.
    static func cost(of items: [Value], in range: Range<Int>) -> Int {
        var total = 0
        for index in range { total &+= itemCost(items[index]) }
        return total
    }
}

/// The bytes one container has charged, kept in step with its item count.
struct ObjectCharge {
    private(set) var bytes = 0

    /// Charges for items `previousCount..<items.count` when the container grew, or gives
    /// back the average item's share for each removed item when it shrank.
    mutating func settle(_ items: [Value], previousCount: Int) {
        let count = items.count
        if count > previousCount {
            change(by: ObjectMemory.cost(of: items, in: previousCount..<count) + (previousCount == 0 ? ObjectMemory.containerBytes : 0))
        } else if count < previousCount {
            let share = count == 0 ? bytes : (bytes - ObjectMemory.containerBytes) / previousCount * (previousCount - count)
            change(by: -Swift.max(0, Swift.min(share, bytes)))
        }
    }

    mutating func change(by delta: Int) {
        guard delta != 0 else { return }
        bytes += delta
        if delta > 0 { MemoryBudget.charge(delta) } else { MemoryBudget.discharge(-delta) }
    }

    /// Gives everything back: the container is being freed.
    mutating func releaseAll() { change(by: -bytes) }
}

extension Interpreter {
    /// Raises MemoryError once Python objects and tensors together hold more than the
    /// memory limit. Once raised, it is not raised again until usage grows by another
    /// eighth of the limit: a session whose variables hold the memory can still `del` them.
    @inline(__always)
    func checkObjectMemory() throws {
        let live = MemoryBudget.liveBytes
        guard live > MemoryBudget.limit else {
            objectMemoryReportedAt = 0
            return
        }
        guard live > objectMemoryReportedAt else { return }
        objectMemoryReportedAt = live + MemoryBudget.limit / 8
        throw PythonError("MemoryError", "Python objects and tensors use \(formatMiB(live)) MiB, above the memory limit of \(formatMiB(MemoryBudget.limit)) MiB (--max-memory)")
    }

    private func formatMiB(_ bytes: Int) -> String { String(bytes >> 20) }
}
