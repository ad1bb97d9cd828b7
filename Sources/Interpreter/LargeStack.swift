import Foundation
import TensorEngine

/// Runs `body` on a thread with a 512 MiB stack and waits for it: deeply nested code
/// recurses deeply in the evaluator. The REPL and every command use this one runner.
public func withLargeStack(_ body: @escaping () -> Void) {
    HeapTuning.apply()
    let done = DispatchSemaphore(value: 0)
    // The caller waits for the thread, so `body` never runs concurrently with it.
    let work = UncheckedSendable(body)
    let thread = Thread {
        work.value()
        done.signal()
    }
    thread.stackSize = 1 << 29
    thread.start()
    done.wait()
}

/// A value handed to another thread while its owner waits, so it is never shared.
public struct UncheckedSendable<Value>: @unchecked Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}
