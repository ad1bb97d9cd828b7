import Glibc
import Diagnostics
import PySyntax
import TensorEngine

/// What running a program produced, in order.
public enum RunEvent {
    /// A top-level expression statement's value (None included) and its line.
    case value(Value, line: Int)
    case printed(String)
    case warning(String, line: Int)
    case error(RunError)
}

/// An exception or syntax error that stopped a program, located in its source.
public struct RunError {
    public let type: String
    public let message: String
    public let span: Span?
    public let source: SourceFile

    public init(type: String, message: String, span: Span?, source: SourceFile) {
        self.type = type
        self.message = message
        self.span = span
        self.source = source
    }

    public var line: Int { span.map { source.line(of: $0.start) } ?? 1 }
    public var column: Int { span.map { source.column(of: $0.start) } ?? 1 }

    /// A rustc-style rendering: the message, then the source line with a caret span.
    public func rendered(useColor: Bool = false) -> String {
        let diagnostic = Diagnostic(severity: .error, code: type, message: message.isEmpty ? type : message, span: span)
        return DiagnosticRenderer(useColor: useColor).render(diagnostic, in: source)
    }
}

/// Parses and runs programs in one persistent interpreter, reporting events.
public final class ProgramRunner: OutputSink {
    public let interpreter = Interpreter()
    public var onEvent: (RunEvent) -> Void

    public init(onEvent: @escaping (RunEvent) -> Void = { _ in }) {
        self.onEvent = onEvent
        interpreter.output = self
    }

    /// Module globals form reference cycles that Swift's reference counting never frees
    /// (a function's globals hold the function; the torch module's bindings hold the
    /// interpreter), so without this every finished program kept its tensors charged
    /// against `--max-memory` for the rest of the process: each lesson block, each
    /// `:reset`, each test run. Once the runner is gone no code can reach the globals.
    deinit { interpreter.releaseGlobals() }

    /// Runs a program read as bytes (a file, standard input): invalid UTF-8, NUL bytes
    /// and oversized programs are a SyntaxError at their position, reported like any other.
    @discardableResult
    public func run(bytes: [UInt8], name: String, maximumByteCount: Int = SourceFile.defaultMaximumByteCount) -> Bool {
        let source: SourceFile
        do {
            source = try SourceFile.decoding(bytes, name: name, maximumByteCount: maximumByteCount)
        } catch {
            onEvent(.error(RunError(type: "SyntaxError", message: error.message, span: error.span, source: error.source)))
            return false
        }
        return run(source)
    }

    /// Runs `source` as a module. Returns false when it raised or failed to parse.
    @discardableResult
    public func run(_ source: SourceFile) -> Bool {
        let module: Module
        do {
            module = try PythonParser.parseModule(source)
        } catch {
            onEvent(.error(RunError(type: "SyntaxError", message: error.message, span: error.span, source: source)))
            return false
        }
        do {
            try interpreter.run(module) { value, line in onEvent(.value(value, line: line)) }
            return true
        } catch let error as PythonError {
            onEvent(.error(RunError(type: error.type, message: error.message, span: error.span, source: source)))
        } catch let error as TensorError {
            onEvent(.error(RunError(type: error.kind.rawValue, message: error.message, span: nil, source: source)))
        } catch {
            onEvent(.error(RunError(type: "RuntimeError", message: "\(error)", span: nil, source: source)))
        }
        return false
    }

    /// Receives standard-error text (`logging`); without one it goes to the process's standard error.
    public var onStandardError: ((String) -> Void)?

    public func write(_ text: String) { onEvent(.printed(text)) }
    public func writeError(_ text: String) {
        if let onStandardError { onStandardError(text) } else { writeToStandardError(text) }
    }
    public func warn(_ message: String, line: Int) { onEvent(.warning(message, line: line)) }
}

extension Interpreter {
    /// Drops every global binding, the program's and the Python library's, breaking the
    /// cycles through their namespaces: a library function's globals hold `torch`, whose
    /// `torch.optim.Optimizer` holds the function. Values that are still in use elsewhere
    /// (handed to another runner as context, or returned to the caller) stay alive
    /// through those references.
    func releaseGlobals() {
        scope = globals
        globals.variables.removeAll()
        for library in libraryScopes { library.variables.removeAll() }
        libraryScopes.removeAll()
    }
}
