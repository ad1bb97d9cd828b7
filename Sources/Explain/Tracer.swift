import Diagnostics
import Interpreter
import PySyntax
import TensorEngine

/// The observer on the interpreter's hook. Each reported node is explained the first
/// time it runs (loops would otherwise repeat every step), and checked for pitfalls
/// every time it runs.
final class Tracer: EvaluationObserver {
    let index: SyntaxIndex
    let facts = TensorFacts()
    private(set) var steps: [Step] = []
    private(set) var findings: [Finding] = []
    /// The latest value of every node, so a parent can read its children's values.
    private var latestValues: [ObjectIdentifier: Value] = [:]
    private var stepIndexByNode: [ObjectIdentifier: Int] = [:]
    private var reportedFindings: Set<String> = []
    private var operationCount = 0
    private let registry: ExplainerRegistry
    private let detectors: [PitfallDetector]

    init(index: SyntaxIndex, registry: ExplainerRegistry = ExplainerRegistry(), detectors: [PitfallDetector] = makeDetectors()) {
        self.index = index
        self.registry = registry
        self.detectors = detectors
    }

    func value(of expr: Expr) -> Value? { latestValues[ObjectIdentifier(expr)] }

    func evaluation(of expr: Expr, value: Value) -> Evaluation {
        Evaluation(expr: expr, value: value, index: index, facts: facts, values: { [unowned self] child in self.value(of: child) },
                   findings: { [unowned self] in self.findings })
    }

    func didEvaluate(_ expr: Expr, value: Value) {
        let id = ObjectIdentifier(expr)
        latestValues[id] = value
        guard index.contains(expr) else { return }
        let evaluation = evaluation(of: expr, value: value)
        FactRecorder.record(evaluation)
        if let position = stepIndexByNode[id] {
            steps[position].evaluations += 1
        } else {
            var step = StepBuilder.step(for: evaluation, registry: registry)
            // Only operations are numbered: the numbers a reader sees have no gaps.
            if !step.isTrivial {
                operationCount += 1
                step.number = operationCount
            }
            stepIndexByNode[id] = steps.count
            steps.append(step)
        }
        for detector in detectors {
            for finding in detector.findings(evaluation) { add(finding, for: expr) }
        }
    }

    /// Adds a finding once per code and place, attached to the step of `expr` if any.
    func add(_ finding: Finding, for expr: Expr?) {
        let key = "\(finding.code)@\(finding.span.start)"
        guard reportedFindings.insert(key).inserted else { return }
        var attached = finding
        // A tensor made by code that has a definite fix: suggestions quoting its variable say so.
        if let expr, finding.fix != nil, Evaluation.definiteFixCodes.contains(finding.code), case let .tensor(tensor)? = value(of: expr) {
            facts.update(tensor) { $0.fixedBy = (finding.line, finding.code) }
        }
        if let expr, let position = stepIndexByNode[ObjectIdentifier(expr)], !steps[position].isTrivial {
            attached.stepNumber = steps[position].number
        }
        findings.append(attached)
    }

    func hasFinding(_ code: String, at span: Span) -> Bool { reportedFindings.contains("\(code)@\(span.start)") }
    func hasFinding(_ code: String, onLine line: Int) -> Bool { findings.contains { $0.code == code && $0.line == line } }
}
