import Diagnostics
import PySyntax
import TensorEngine

/// The stores one assignment statement made into the same tensor, run after run: a loop
/// that fills a mask region by region is one step that lists each run's region and draws
/// the regions together.
struct WriteHistory {
    /// Runs past this many are counted, not listed or drawn.
    static let runLimit = 64
    /// Runs listed one per line in the step.
    static let listedRuns = 12

    let container: Tensor
    private(set) var runs: [StoreDescription]
    private(set) var written: Set<Int>
    /// Runs that wrote into another tensor (a new one each time round an outer loop).
    private(set) var otherRuns = 0
    /// Runs into the same tensor past the limit: counted only.
    private(set) var uncountedRuns = 0

    init(_ first: StoreDescription) {
        container = first.container
        runs = [first]
        written = Set(first.region?.positions ?? [])
    }

    /// Runs listed and drawn; fewer for a big tensor, whose picture and preview cost more.
    private var limit: Int { container.count > 65_536 ? Self.listedRuns : Self.runLimit }

    /// Whether a run into `tensor` is listed (else it is only counted).
    func accepts(_ tensor: Tensor?) -> Bool { tensor === container && runs.count < limit }

    mutating func countOtherRun(into tensor: Tensor? = nil) {
        if tensor === container { uncountedRuns += 1 } else { otherRuns += 1 }
    }

    /// The summary sentence for several runs into the one tensor.
    var summaryText: String {
        let union = WrittenRegion(shape: container.shape, selectionShape: container.shape, positions: Array(written))
        let runsText = uncountedRuns == 0 ? "in \(runs.count) runs" : "in its first \(runs.count) of \(runs.count + uncountedRuns) runs"
        return "\(runsText), writes \(runs.count) regions of `\(runs[0].containerText)` \(TensorSignature(container)): together \(union.countText)"
    }

    mutating func append(_ run: StoreDescription) {
        guard accepts(run.container) else { return countOtherRun() }
        runs.append(run)
        written.formUnion(run.region?.positions ?? [])
    }

    /// The step for the runs so far.
    func step(statementSpan span: Span, source: SourceFile, number: Int) -> Step {
        let first = runs[0]
        var text = first.sentence
        var notes = first.notes
        var pictures: [Picture] = []
        let name = first.containerText
        if runs.count == 1 {
            if let region = first.region, !region.isWhole, let picture = region.picture(of: container, name: name) { pictures.append(picture) }
        } else {
            let union = WrittenRegion(shape: container.shape, selectionShape: container.shape, positions: Array(written))
            text = summaryText
            notes = runs.prefix(Self.listedRuns).enumerated().map { "run \($0.offset + 1): \($0.element.runText)" }
            if runs.count > Self.listedRuns { notes.append("… and \(runs.count - Self.listedRuns) more runs") }
            notes.append("the first run: " + first.sentence)
            notes += first.notes
            if let picture = union.picture(of: container, name: name, caption: "after the \(runs.count) writes") { pictures.append(picture) }
        }
        let line = source.line(of: span.start)
        let lastLine = source.line(of: max(span.start, span.end - 1))
        let endColumn = lastLine == line ? source.column(of: span.end) : source.lineText(line).count + 1
        return Step(number: number, span: span, line: line, column: source.column(of: span.start), endColumn: endColumn,
                    source: source.text(of: span), operation: first.operation, text: text, notes: notes,
                    inputs: first.valueTensor.map { [TensorSignature($0)] } ?? [], output: TensorSignature(container),
                    scalarResult: nil, isView: false, returnsInput: false,
                    aliasing: "writes into `\(name)` itself: no new tensor",
                    preview: ValuePreview.preview(container), pictures: pictures, isTrivial: false,
                    evaluations: 1 + otherRuns)
    }
}
