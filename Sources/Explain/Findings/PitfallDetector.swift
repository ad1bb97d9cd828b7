import Diagnostics
import PySyntax

/// One pitfall check, run on every evaluated node. A detector may keep state across
/// nodes (e.g. a variable bound by `a // b` and used later in a shape), so each tracer
/// gets fresh detectors.
protocol PitfallDetector: AnyObject {
    func findings(_ evaluation: Evaluation) -> [Finding]
}

/// The full catalogue, in the order findings on one node are reported.
func makeDetectors() -> [PitfallDetector] {
    [
        EmptySliceDetector(), AllMaskedRowDetector(), NaNProducedDetector(), NaNPropagatedDetector(),
        ImplicitSoftmaxDimDetector(), SoftmaxSizeOneDetector(), BCEOnSoftmaxDetector(), TemperatureMismatchDetector(),
        OneHotMisnomerDetector(), BroadcastOuterDetector(), FloorDivisionDetector(), MaskValueDetector(),
        SoftmaxBeforeCrossEntropyDetector(), KLDivReductionDetector(),
    ]
}

extension Finding {
    /// A finding located at `expr` in the explained file.
    init(_ code: String, _ severity: Severity, _ message: String, at expr: Expr, in index: SyntaxIndex,
         label: String? = nil, notes: [String] = [], help: String? = nil, fix: Fix? = nil) {
        self.init(span: expr.span, code, severity, message, in: index.source, label: label, notes: notes, help: help, fix: fix)
    }

    init(span: Span, _ code: String, _ severity: Severity, _ message: String, in source: SourceFile,
         label: String? = nil, notes: [String] = [], help: String? = nil, fix: Fix? = nil) {
        self.code = code
        self.severity = severity
        self.message = message
        self.span = span
        self.line = source.line(of: span.start)
        self.column = source.column(of: span.start)
        self.label = label
        self.notes = notes
        self.help = help
        self.fix = fix
        self.stepNumber = nil
    }
}
