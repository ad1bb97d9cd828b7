import Diagnostics
import TensorEngine

/// A tensor's dtype and shape, written as the explainer prints them: `float32[4, 10]`.
public struct TensorSignature: Equatable, Sendable, CustomStringConvertible {
    public let dtype: DType
    public let shape: [Int]

    public init(dtype: DType, shape: [Int]) {
        self.dtype = dtype
        self.shape = shape
    }

    public init(_ tensor: Tensor) { self.init(dtype: tensor.dtype, shape: tensor.shape) }

    public var description: String { "\(dtype.rawValue)\(shapeText(shape))" }
}

func shapeText(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }

/// One evaluated sub-expression, explained.
public struct Step: Sendable {
    public var number: Int
    public let span: Span
    public let line: Int
    public let column: Int
    /// 1-based column just past the span, on the span's first line.
    public let endColumn: Int
    public let source: String
    /// A short name of the operation: `slice`, `softmax`, `permute`, `divide`.
    public let operation: String
    /// The operation in words, specific to its arguments (a loop's later runs may update it).
    public var text: String
    /// Further true facts: broadcasting, -1 inference, copy or view and why.
    public let notes: [String]
    public let inputs: [TensorSignature]
    public let output: TensorSignature?
    /// The result when it is not a tensor, e.g. `2` for `B_ // nW`.
    public let scalarResult: String?
    public let isView: Bool
    /// The result is one of the inputs itself (`contiguous()` on a contiguous tensor).
    public let returnsInput: Bool
    /// "a view of `x`: shares its storage", when the result aliases an input.
    public let aliasing: String?
    /// `tensor.repr` for small tensors, a one-line summary for large ones.
    public let preview: String?
    public let pictures: [Picture]
    /// Names, literals and attribute lookups: recorded, but shown only on request.
    public let isTrivial: Bool
    /// How many times the node ran (loops); only the first run is explained.
    public var evaluations: Int

    /// `float32[4, 10] → float32[0, 10]`, with dtype changes kept visible.
    public var shapeLine: String? {
        guard let output else { return nil }
        let left = inputs.map(\.description).joined(separator: ", ")
        return left.isEmpty ? output.description : "\(left) → \(output)"
    }
}

/// A lint-style diagnostic about one step: a pitfall found in real values.
public struct Finding: Sendable {
    public enum Severity: String, Sendable, Comparable {
        case error, warning, info

        var rank: Int { self == .error ? 0 : (self == .warning ? 1 : 2) }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// Replacement source text for a span.
    public struct Fix: Sendable {
        public let span: Span
        public let replacement: String
    }

    public let code: String
    public let severity: Severity
    public let message: String
    public let span: Span
    public let line: Int
    public let column: Int
    /// Printed after the caret underline, e.g. the shapes.
    public var label: String?
    public var notes: [String]
    public var help: String?
    public var fix: Fix?
    /// The step this finding is attached to, when there is one.
    public var stepNumber: Int?

    public var diagnostic: Diagnostic {
        let level: Diagnostic.Severity = severity == .error ? .error : (severity == .warning ? .warning : .info)
        var helpText = help
        if let fix, helpText == nil { helpText = "write `\(fix.replacement)`" }
        return Diagnostic(severity: level, code: code, message: message, span: span, label: label, notes: notes, help: helpText)
    }
}

/// What explaining a program produced.
public struct Explanation: Sendable {
    public let source: SourceFile
    public var steps: [Step]
    public var findings: [Finding]
    /// The exception that stopped the program, if any.
    public var error: (type: String, message: String, span: Span?)?

    public var warnings: [Finding] { findings.filter { $0.severity == .warning } }
}
