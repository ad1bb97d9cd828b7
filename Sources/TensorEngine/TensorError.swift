/// An error with the Python exception type PyTorch raises and its message, so the
/// interpreter can report exactly what PyTorch would.
public struct TensorError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case runtimeError = "RuntimeError"
        case indexError = "IndexError"
        case valueError = "ValueError"
        case typeError = "TypeError"
        case notImplementedError = "NotImplementedError"
        case overflowError = "OverflowError"
        case zeroDivisionError = "ZeroDivisionError"
        /// `torch.linalg.LinAlgError`, a RuntimeError whose class is named `_LinAlgError`.
        case linAlgError = "_LinAlgError"
        /// An op stopped early by `OperationStop` (Ctrl-C or a timeout).
        case interrupted = "KeyboardInterrupt"
    }

    public let kind: Kind
    public let message: String
    /// What went wrong, as data, for the errors a tool explains (TensorError+Reason.swift).
    public let reason: Reason?

    public init(_ kind: Kind, _ message: String) {
        self.init(kind, message, reason: nil)
    }

    init(_ kind: Kind, _ message: String, reason: Reason?) {
        self.kind = kind
        self.message = message
        self.reason = reason
    }

    public static func runtime(_ message: String) -> TensorError { TensorError(.runtimeError, message) }
    public static func index(_ message: String) -> TensorError { TensorError(.indexError, message) }
    public static func value(_ message: String) -> TensorError { TensorError(.valueError, message) }
    public static func type(_ message: String) -> TensorError { TensorError(.typeError, message) }
    public static func notImplemented(_ message: String) -> TensorError { TensorError(.notImplementedError, message) }

    public var description: String { "\(kind.rawValue): \(message)" }

    /// Errors are equal when Python would see the same exception: the reason only explains it.
    public static func == (left: TensorError, right: TensorError) -> Bool {
        left.kind == right.kind && left.message == right.message
    }
}
