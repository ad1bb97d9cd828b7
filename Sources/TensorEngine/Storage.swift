import Glibc
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The bytes behind one or more tensors. Views share a `Storage`, which is what makes
/// writes through a view visible in its base, as in PyTorch.
public final class Storage: @unchecked Sendable {
    public let bytes: UnsafeMutableRawPointer
    public let byteCount: Int
    /// PyTorch's version counter: every in-place op bumps it once, so autograd can tell
    /// that a tensor it saved for the backward pass was changed afterwards. As in PyTorch,
    /// the op layer bumps it (`Tensor.markWrittenInPlace`), not the kernels: the writes
    /// that fill a new tensor leave it at version 0.
    public private(set) var version = 0
    /// Every write the engine makes, in place or filling a new tensor, whatever the op
    /// layer counts: the explainer asks whether a tensor's values changed at all.
    public private(set) var writeCount = 0
    /// For an alias (`tensor.data`): the storage that owns the bytes and frees them.
    private let owner: Storage?
    /// Set by `share_memory_()`: PyTorch then moves the bytes to shared memory, which
    /// `is_shared()` reports; here the bytes stay put and only the answer changes.
    public var isShared = false

    /// Records one in-place op (through any view of this storage).
    @inline(__always)
    public func bumpVersion() { version &+= 1 }

    /// Records one write of the engine's kernels.
    @inline(__always)
    public func noteWrite() { writeCount &+= 1 }

    /// Allocates storage, refusing sizes above `MemoryBudget.limit`. Zeroed unless the
    /// caller is a kernel about to overwrite every byte (zeroing is a full extra pass).
    public init(byteCount: Int, zeroed: Bool = true) throws {
        HeapTuning.apply()
        try MemoryBudget.reserve(byteCount)
        // posix_memalign reports failure; Swift's allocate would trap instead.
        var address: UnsafeMutableRawPointer?
        guard posix_memalign(&address, 64, max(byteCount, 1)) == 0, let address else {
            MemoryBudget.release(byteCount)
            throw TensorError.runtime("DefaultCPUAllocator: not enough memory: you tried to allocate \(byteCount) bytes.")
        }
        self.byteCount = byteCount
        self.bytes = address
        owner = nil
        if zeroed { try zeroStoppably() }
    }

    /// The same bytes under a version counter of their own, as PyTorch gives `tensor.data`:
    /// writes through it are invisible to autograd's in-place checks.
    public init(aliasing storage: Storage) {
        let root = storage.owner ?? storage
        bytes = root.bytes
        byteCount = root.byteCount
        owner = root
    }

    /// Zeroes the bytes in blocks, polling for a stop between them: zeroing 8 GiB takes
    /// seconds. A stopped allocation throws, and `deinit` frees the bytes.
    private func zeroStoppably() throws {
        let block = 1 << 26
        var start = 0
        repeat {
            if start > 0 { try OperationStop.check() }
            let length = Swift.min(block, Swift.max(byteCount, 1) - start)
            (bytes + start).initializeMemory(as: UInt8.self, repeating: 0, count: length)
            start += length
        } while start < byteCount
    }

    deinit {
        guard owner == nil else { return }
        free(bytes)
        MemoryBudget.release(byteCount)
    }

    /// Whether both are the same bytes, through an alias or not.
    @inline(__always)
    public func holdsSameBytes(as other: Storage) -> Bool { bytes == other.bytes }

    @inline(__always)
    public func typed<T>(_ type: T.Type) -> UnsafeMutablePointer<T> {
        bytes.assumingMemoryBound(to: T.self)
    }
}

/// Tensors of a training step are allocated and freed on every op. By default glibc
/// serves blocks above 128 KiB (its threshold grows only slowly) with fresh mappings
/// and trims the heap's top on free, so each new 1 MiB activation or gradient
/// page-faulted its way in: about 6% of a Linear(512) training step. Blocks up to
/// glibc's 32 MiB ceiling now come from the heap and freed memory stays for reuse.
/// Code runs on a worker thread (for its large stack), and glibc gives each thread its
/// own arena, whose extra heaps are unmapped as soon as they empty, whatever the trim
/// threshold: `x.clamp(-0.5, 0.5)` on 1000×1000 mapped and unmapped a 64 MiB heap per
/// call and spent 85% of its time in page faults. One arena keeps every thread on the
/// main heap, which the thresholds govern; the engine computes on one thread anyway.
/// A thread keeps the arena it first allocated from, so `apply()` must run before the
/// worker thread starts; the call in `Storage.init` covers code that makes no threads.
/// (`mallopt` is looked up at run time: the Glibc module does not import malloc.h.)
public enum HeapTuning {
    public static func apply() { _ = applied }
}

private let applied: Bool = {
    #if canImport(Glibc)
    typealias MallocOption = @convention(c) (Int32, Int32) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
    let mallopt = unsafeBitCast(symbol, to: MallocOption.self)
    let mmapThreshold: Int32 = -3, trimThreshold: Int32 = -1, arenaMax: Int32 = -8
    // M_MMAP_THRESHOLD, M_TRIM_THRESHOLD, M_ARENA_MAX
    _ = mallopt(arenaMax, 1)
    _ = mallopt(mmapThreshold, 32 << 20)
    _ = mallopt(trimThreshold, 256 << 20)
    #endif
    return true
}()

/// A cap on the bytes all live tensors may hold, so a typo such as
/// `torch.zeros(100000, 100000)` is an error message rather than a dead machine.
public enum MemoryBudget {
    nonisolated(unsafe) public static var limit: Int = 2 << 30
    /// Atomic because tests, and a REPL interrupted mid-op, allocate from several threads.
    private static let live = Atomic<Int>(0)

    public static var liveBytes: Int { live.load(ordering: .relaxed) }

    static func reserve(_ byteCount: Int) throws {
        var current = live.load(ordering: .relaxed)
        while true {
            let (total, overflow) = current.addingReportingOverflow(byteCount)
            // A few bytes (a 0-dim result) are never refused: `Tensor(scalar:)` cannot
            // fail, even when a program has filled the budget to the last byte.
            if overflow || (total > limit && byteCount > 64) {
                throw TensorError.runtime(
                    "this would allocate \(formatSize(byteCount)), above the tensor memory limit of \(formatSize(limit))"
                        + (current > 0 ? " (\(formatSize(current)) already in use)" : ""))
            }
            let (exchanged, original) = live.compareExchange(expected: current, desired: total, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    static func release(_ byteCount: Int) {
        live.subtract(byteCount, ordering: .relaxed)
    }

    /// Charges memory that is already allocated (a Python list that grew), with no check:
    /// the caller cannot throw where it grows, so the interpreter compares `liveBytes`
    /// with `limit` at its next check point and raises MemoryError there.
    public static func charge(_ byteCount: Int) {
        live.add(byteCount, ordering: .relaxed)
    }

    /// Returns what `charge` took, when the object is freed.
    public static func discharge(_ byteCount: Int) {
        live.subtract(byteCount, ordering: .relaxed)
    }

    /// GiB for large sizes; MiB or KiB for the small ones, which would all read "0.0 GiB".
    private static func formatSize(_ bytes: Int) -> String {
        if bytes >= 1 << 30 { return formatGiB(bytes) + " GiB" }
        if bytes >= 1 << 20 { return String((Double(bytes) / Double(1 << 20) * 10).rounded() / 10) + " MiB" }
        return String((Double(bytes) / 1024 * 10).rounded() / 10) + " KiB"
    }

    private static func formatGiB(_ bytes: Int) -> String {
        let gib = Double(bytes) / Double(1 << 30)
        if gib >= 100 { return String(Int(gib.rounded())) }
        let scaled = (gib * 100).rounded() / 100
        return String(scaled)
    }
}
