import Glibc
import TensorEngine

/// Autograd's per-thread state, as in PyTorch (grad mode and sequence numbers are
/// thread-local there): programs running on different threads, such as tests run in
/// parallel, never see each other's `no_grad`.
final class AutogradThreadState {
    var gradEnabled = true
    var nextSequenceNumber = 0
    /// `NodeReaper`'s queue of objects to free, and whether a drain is under way.
    var pending: [AnyObject] = []
    var draining = false
    /// The roots of recent backward passes, held weakly, distinct, at most eight.
    var backwardRoots: [WeakTensor] = []

    func recordBackwardRoots(_ roots: [Tensor]) {
        for root in roots {
            backwardRoots.removeAll { $0.tensor == nil || $0.tensor === root }
            backwardRoots.append(WeakTensor(root))
        }
        if backwardRoots.count > 8 { backwardRoots.removeFirst(backwardRoots.count - 8) }
    }

    static var current: AutogradThreadState {
        if let raw = pthread_getspecific(stateKey) {
            return Unmanaged<AutogradThreadState>.fromOpaque(raw).takeUnretainedValue()
        }
        let state = AutogradThreadState()
        pthread_setspecific(stateKey, Unmanaged.passRetained(state).toOpaque())
        return state
    }
}

private let stateKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { raw in
        guard let raw else { return }
        Unmanaged<AutogradThreadState>.fromOpaque(raw).release()
    }
    return key
}()

/// Autograd's per-thread state handed to a thread that runs only while its creator
/// waits, as a Python generator's body does: in Python the body runs on the consumer's
/// thread, so it must see the same grad mode (`with torch.no_grad(): next(gen)`).
public enum AutogradThreadHandoff {
    /// This thread's state, to pass to `adopt` on the other thread.
    public static func currentState() -> AnyObject { AutogradThreadState.current }

    /// Makes `state` this thread's state. Call it first thing on a new thread.
    public static func adopt(_ state: AnyObject) {
        guard let state = state as? AutogradThreadState else { return }
        if let previous = pthread_getspecific(stateKey) {
            Unmanaged<AutogradThreadState>.fromOpaque(previous).release()
        }
        pthread_setspecific(stateKey, Unmanaged.passRetained(state).toOpaque())
    }
}
