/// One message about the source: an error, warning or note, with the span it is about.
/// The same value renders as rustc-style text and as JSON, so every front end reports alike.
public struct Diagnostic: Sendable {
    public enum Severity: String, Sendable {
        case error, warning, note
        /// Worth knowing, not a bug: the explainer's lowest finding level.
        case info
    }

    public var severity: Severity
    /// A stable code such as `empty-slice`, or the Python exception name for errors.
    public var code: String?
    public var message: String
    public var span: Span?
    /// A short label printed after the underline.
    public var label: String?
    public var notes: [String]
    public var help: String?

    public init(
        severity: Severity, code: String? = nil, message: String, span: Span? = nil,
        label: String? = nil, notes: [String] = [], help: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.span = span
        self.label = label
        self.notes = notes
        self.help = help
    }
}
