import Glibc

/// How close the current thread is to the end of its native stack.
///
/// Depth counters bound the recursion we know about (calls, parser nesting), but a
/// value nested a million deep at run time (`x = [x]` in a loop) recurses in repr,
/// `==` and `torch.tensor` without any Python call. Checking the stack pointer itself
/// catches every such path: past the margin, it is a RecursionError, as in CPython.
enum NativeStack {
    private static let lowBoundKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// glibc's `pthread_getattr_np`, which the Glibc module does not import (it needs
    /// _GNU_SOURCE); without it, the check is off rather than wrong.
    private typealias ThreadAttributes = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32
    private static let threadAttributesFunction: ThreadAttributes? = {
        guard let symbol = dlsym(nil, "pthread_getattr_np") else { return nil }
        return unsafeBitCast(symbol, to: ThreadAttributes.self)
    }()

    /// The lowest address this thread's stack may reach before we refuse to go deeper:
    /// the stack's low end plus a margin for the frames of the op being run.
    private static func lowBound() -> UInt {
        if let stored = pthread_getspecific(lowBoundKey) { return UInt(bitPattern: stored) }
        var attributes = pthread_attr_t()
        var base: UnsafeMutableRawPointer?
        var size = 0
        guard let getAttributes = threadAttributesFunction,
              getAttributes(pthread_self(), &attributes) == 0 else { return 0 }
        pthread_attr_getstack(&attributes, &base, &size)
        pthread_attr_destroy(&attributes)
        let margin = max(size / 8, 1 << 20)
        let bound = UInt(bitPattern: base) &+ UInt(min(margin, size / 2))
        pthread_setspecific(lowBoundKey, UnsafeRawPointer(bitPattern: bound))
        return bound
    }

    /// True when the stack is nearly exhausted (stacks grow down on every platform we run on).
    @inline(never)
    static func isNearlyFull() -> Bool {
        var marker: UInt8 = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        return here < lowBound()
    }

    static func check() throws {
        if isNearlyFull() { throw PythonError("RecursionError", "maximum recursion depth exceeded") }
    }

    /// Set when a recursion that cannot throw (`pythonEquals`) gave up at the margin;
    /// the interpreter turns it into a RecursionError afterwards.
    private static let overflowKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    static func noteOverflow() { pthread_setspecific(overflowKey, UnsafeRawPointer(bitPattern: 1)) }

    /// Whether an overflow was noted since the last call; clears the note.
    static func takeOverflow() -> Bool {
        guard pthread_getspecific(overflowKey) != nil else { return false }
        pthread_setspecific(overflowKey, nil)
        return true
    }
}
