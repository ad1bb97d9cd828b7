import Diagnostics
import TensorEngine

/// A Python exception in flight: its type name, message, and the span of the
/// sub-expression that raised it (filled in as the error passes up the tree).
public struct PythonError: Error, CustomStringConvertible {
    public let type: String
    public let message: String
    public var span: Span?
    /// The exception object raised by user code (`raise ValueError("x")`).
    public var payload: Value?
    /// The engine's account of what went wrong, when the engine raised it.
    public var reason: TensorError.Reason?

    public init(_ type: String, _ message: String, span: Span? = nil) {
        self.type = type
        self.message = message
        self.span = span
    }

    public init(_ error: TensorError, span: Span? = nil) {
        self.init(error.kind.rawValue, error.message, span: span)
        reason = error.reason
    }

    public static func typeError(_ message: String) -> PythonError { PythonError("TypeError", message) }
    public static func valueError(_ message: String) -> PythonError { PythonError("ValueError", message) }
    public static func indexError(_ message: String) -> PythonError { PythonError("IndexError", message) }
    public static func attributeError(_ message: String) -> PythonError { PythonError("AttributeError", message) }
    public static func nameError(_ name: String) -> PythonError { PythonError("NameError", "name '\(name)' is not defined") }
    public static func runtimeError(_ message: String) -> PythonError { PythonError("RuntimeError", message) }
    public static func notImplemented(_ message: String) -> PythonError { PythonError("NotImplementedError", message) }
    public static func overflow(_ message: String) -> PythonError { PythonError("OverflowError", message) }
    public static func zeroDivision(_ message: String) -> PythonError { PythonError("ZeroDivisionError", message) }

    public var description: String { message.isEmpty ? type : "\(type): \(message)" }
}

/// Python exception classes the language knows, child → parent, for `except` matching.
let exceptionHierarchy: [String: String] = [
    "Exception": "BaseException",
    "KeyboardInterrupt": "BaseException",
    "GeneratorExit": "BaseException",
    "ArithmeticError": "Exception",
    "ZeroDivisionError": "ArithmeticError",
    "OverflowError": "ArithmeticError",
    "LookupError": "Exception",
    "IndexError": "LookupError",
    "KeyError": "LookupError",
    "ValueError": "Exception",
    "TypeError": "Exception",
    "NameError": "Exception",
    "UnboundLocalError": "NameError",
    "AttributeError": "Exception",
    "RuntimeError": "Exception",
    "NotImplementedError": "RuntimeError",
    "_LinAlgError": "RuntimeError",
    "EinopsError": "RuntimeError",
    "RecursionError": "RuntimeError",
    "AssertionError": "Exception",
    "StopIteration": "Exception",
    "ImportError": "Exception",
    "ModuleNotFoundError": "ImportError",
    "SyntaxError": "Exception",
    "MemoryError": "Exception",
    "PermissionError": "Exception",
    "TimeoutError": "Exception",
    "ArgumentError": "Exception",
    "ArgumentTypeError": "Exception",
    "SystemExit": "BaseException",
    "Warning": "Exception",
    "UserWarning": "Warning",
    "DeprecationWarning": "Warning",
    "PendingDeprecationWarning": "Warning",
    "FutureWarning": "Warning",
    "RuntimeWarning": "Warning",
    "SyntaxWarning": "Warning",
    "ImportWarning": "Warning",
    "ResourceWarning": "Warning",
]

/// A class's name and its ancestors' names, nearest first: how a user exception class
/// (`class MyError(ValueError)`, or a subclass of that) finds its builtin ancestor.
func classAncestry(_ classObject: ClassObject) -> [String] {
    var names: [String] = []
    for ancestor in classObject.mro where !names.contains(ancestor.name) { names.append(ancestor.name) }
    return names
}

func isExceptionClass(_ classObject: ClassObject) -> Bool {
    classAncestry(classObject).contains { exceptionHierarchy[$0] != nil || $0 == "BaseException" }
}

/// Whether `except handler` catches `error`, through the user classes it was raised as.
func exceptionMatches(_ error: PythonError, _ handler: String) -> Bool {
    if case let .native(object as ExceptionObject)? = error.payload {
        return object.ancestry.contains { exceptionMatches($0, handler) }
    }
    return exceptionMatches(error.type, handler)
}

func exceptionMatches(_ raised: String, _ handler: String) -> Bool {
    var current: String? = raised
    while let name = current {
        if name == handler { return true }
        current = exceptionHierarchy[name]
    }
    return false
}

extension Interpreter {
    /// Whether `error` is an instance of the exception class `type` (a class or a builtin).
    func raisedError(_ error: PythonError, matches type: Value) -> Bool {
        if case let .classObject(classObject) = type { return exceptionMatches(error, classObject.name) }
        if case let .builtin(builtin) = type { return exceptionMatches(error, builtin.name) }
        return false
    }
}
