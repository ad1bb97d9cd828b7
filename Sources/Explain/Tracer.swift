import Diagnostics
import Interpreter
import Ops
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
    /// The expression that produced each tensor of the explained code, to split a loss
    /// into the terms the program added up.
    private var producers: [ObjectIdentifier: (tensor: WeakTensorReference, expr: Expr)] = [:]
    /// Past this many entries, those of freed tensors are dropped (long loops).
    private var producerPruningCount = 4096
    private let backwardLog = BackwardLog()
    private let clones = UnneededCloneTracker()
    private let teachers = TeacherGradientTracker()
    /// Each optimizer's weights as they were when it was last named, before `step()`.
    private var snapshots: [ObjectIdentifier: ParameterSnapshot] = [:]
    /// Tensors in the graph, in the order they were made; the oldest are dropped past a
    /// bound so that long loops do not keep every iteration's tensors.
    private var gradTensors: [(tensor: WeakTensorReference, expr: Expr)] = []
    private static let gradTensorLimit = 4096
    /// The session's names for parameters and leaves (`self.net.weight`).
    var leafNames: () -> [ObjectIdentifier: String] = { [:] }
    /// A Python index as the engine's index list, as the interpreter converts it.
    var tensorIndices: (Value) -> [TensorIndex]? = { _ in nil }
    /// A native object's attribute, as the interpreter reads it.
    var nativeAttribute: (NativeObject, String) -> Value? = { _, _ in nil }
    /// The stores of each assignment target so far, keyed by the target node.
    private var writeHistories: [ObjectIdentifier: WriteHistory] = [:]
    private let numberedTensors = NumberedTensors()

    init(index: SyntaxIndex, registry: ExplainerRegistry? = nil, detectors: [PitfallDetector] = makeDetectors()) {
        self.index = index
        self.registry = registry ?? ExplainerRegistry(backwardLog: backwardLog)
        self.detectors = detectors
    }

    func value(of expr: Expr) -> Value? { latestValues[ObjectIdentifier(expr)] }

    func evaluation(of expr: Expr, value: Value) -> Evaluation {
        Evaluation(expr: expr, value: value, index: index, facts: facts, values: { [unowned self] child in self.value(of: child) },
                   findings: { [unowned self] in self.findings }, nativeAttribute: nativeAttribute)
    }

    func didEvaluate(_ expr: Expr, value: Value) {
        let id = ObjectIdentifier(expr)
        latestValues[id] = value
        guard index.contains(expr) else { return }
        let evaluation = evaluation(of: expr, value: value)
        FactRecorder.record(evaluation)
        if case let .tensor(tensor) = value, !StepBuilder.isTrivial(evaluation) {
            producers[ObjectIdentifier(tensor)] = (WeakTensorReference(tensor), expr)
            if producers.count > producerPruningCount {
                producers = producers.filter { $0.value.tensor.tensor != nil }
                producerPruningCount = Swift.max(4096, producers.count * 2)
            }
            if tensor.requiresGrad { recordGradTensor(tensor, expr) }
        }
        clones.record(evaluation)
        teachers.record(evaluation)
        if case let .native(optimizer as ParameterUpdating) = value {
            snapshots[ObjectIdentifier(optimizer)] = ParameterSnapshot(optimizer)
        }
        if let position = stepIndexByNode[id] {
            steps[position].evaluations += 1
        } else {
            var step = StepBuilder.step(for: evaluation, registry: registry, words: optimizerStepText(expr, value) ?? TrainingStatements.words(evaluation) ?? SkippedBranch.words(evaluation))
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
        if let record = backwardLog.pending, case .call = expr.kind, value.isNone {
            backwardLog.pending = nil
            reportBackward(record, call: expr)
        }
    }

    /// A subscript or augmented assignment stored into a tensor: one step per target,
    /// which a loop's later runs into the same tensor extend into a summary.
    func didStore(into target: Expr, value: Value) {
        guard index.contains(target), let statement = index.statement(of: target) else { return }
        let id = ObjectIdentifier(target)
        // Runs that the step will only count are not described: a long loop stays cheap.
        if let position = stepIndexByNode[id], var history = writeHistories[id], !history.accepts(writtenTensor(target, value)) {
            let tensor = writtenTensor(target, value)
            history.countOtherRun(into: tensor)
            writeHistories[id] = history
            if tensor === history.container { steps[position].text = history.summaryText } else { steps[position].evaluations += 1 }
            return
        }
        let evaluation = evaluation(of: target, value: value)
        guard let store = StoreDescription(target: target, stored: value, evaluation: evaluation, indices: tensorIndices,
                                           numbered: numberedTensors) else { return }
        if let region = store.region {
            facts.update(store.container) { $0.writes.append(.init(line: index.line(of: target), source: index.source.text(of: statement.span), region: region)) }
        }
        guard let position = stepIndexByNode[id], var history = writeHistories[id] else {
            operationCount += 1
            let history = WriteHistory(store)
            writeHistories[id] = history
            stepIndexByNode[id] = steps.count
            steps.append(history.step(statementSpan: statement.span, source: index.source, number: operationCount))
            return
        }
        history.append(store)
        writeHistories[id] = history
        steps[position] = history.step(statementSpan: statement.span, source: index.source, number: steps[position].number)
    }

    /// The tensor a store into `target` wrote: the subscript's container, or the name's value.
    private func writtenTensor(_ target: Expr, _ stored: Value) -> Tensor? {
        if case let .subscript(container, _) = target.kind, case let .tensor(tensor)? = value(of: container) { return tensor }
        if case let .tensor(tensor) = stored { return tensor }
        return nil
    }

    /// Judgements that need the whole run: clones that nothing needed.
    func finish() {
        for (finding, expr) in clones.findings(in: index) { add(finding, for: expr) }
    }

    func willRunBackward(from roots: [Tensor]) {
        let inPlace = InPlaceVersionExplainer(index: index, producer: { [unowned self] in self.producer(of: $0) })
        for (finding, expr) in inPlace.findings(roots: roots) { add(finding, for: expr) }
        let splitter = LossTermSplitter(producer: { [unowned self] in self.producer(of: $0) }, value: { [unowned self] in self.value(of: $0) })
        backwardLog.pending = BackwardRecord(roots: roots, leafNames: leafNames(), splitter: splitter, graph: recordedGraph,
                                             crossEntropyOperands: { [unowned self] in self.crossEntropyOperands($0) },
                                             distillationOperands: { [unowned self] in self.distillationOperands($0) })
    }

    /// For `opt.step()`: how far it moved each weight.
    private func optimizerStepText(_ expr: Expr, _ value: Value) -> OperationText? {
        guard value.isNone, case let .call(callee, _) = expr.kind, case let .attribute(object, name, _) = callee.kind, name == "step",
              case let .native(optimizer as ParameterUpdating)? = self.value(of: object),
              let snapshot = snapshots[ObjectIdentifier(optimizer)] else { return nil }
        return snapshot.text(names: leafNames())
    }

    private func recordGradTensor(_ tensor: Tensor, _ expr: Expr) {
        if gradTensors.count >= Self.gradTensorLimit { gradTensors.removeFirst(gradTensors.count / 2) }
        gradTensors.append((WeakTensorReference(tensor), expr))
    }

    private var recordedGraph: RecordedGraph {
        let produced = gradTensors.compactMap { entry in entry.tensor.tensor.map { (entry.expr, $0) } }
        let masked = produced.suffix(256).compactMap { expr, tensor -> (Int, Tensor)? in
            guard let call = evaluation(of: expr, value: .tensor(tensor)).call, let softmax = SoftmaxCall(call), !softmax.isLog,
                  softmax.input.tensor.count <= 1_000_000, softmax.input.tensor.doubles().contains(-.infinity) else { return nil }
            return (index.line(of: expr), softmax.input.tensor)
        }
        return RecordedGraph(produced: produced, maskedSoftmaxInputs: masked) { [unowned self] expr in
            childExpressions(of: expr).compactMap { child in
                if case let .tensor(tensor)? = self.value(of: child) { return tensor }
                return nil
            }
        }
    }

    private func producer(of tensor: Tensor) -> Expr? {
        guard let entry = producers[ObjectIdentifier(tensor)], entry.tensor.tensor === tensor else { return nil }
        return entry.expr
    }

    /// The operands of a term that is a plain cross-entropy: class-index targets, the mean,
    /// no class weights and no label smoothing, for which the closed-form gradient holds.
    private func crossEntropyOperands(_ term: LossTerm) -> CrossEntropyOperands? {
        let evaluation = evaluation(of: term.origin, value: .tensor(term.originTensor))
        guard let call = evaluation.call, call.kind == .classEntropy(appliesLogSoftmax: true), let input = call.input,
              let target = call.argument("target"), case let .tensor(targetTensor) = target.value, !targetTensor.dtype.isFloatingPoint,
              call.argument("weight").map({ $0.value.isNone }) ?? true, (call.double("label_smoothing") ?? 0) == 0,
              call.lossReduction == "mean" else { return nil }
        return CrossEntropyOperands(logits: input.tensor, target: targetTensor, logitsText: evaluation.text(of: input.expr),
                                    targetText: evaluation.text(of: target.expr))
    }

    /// The operands of `kl_div(log_softmax(s / T), softmax(t / T), reduction='batchmean')`
    /// with one temperature on both sides, for which the closed-form gradient holds.
    private func distillationOperands(_ term: LossTerm) -> DistillationOperands? {
        let evaluation = evaluation(of: term.origin, value: .tensor(term.originTensor))
        guard let call = evaluation.call, call.kind == .klDivergence, call.lossReduction == "batchmean", call.bool("log_target") == false,
              let input = call.input, let target = call.argument("target"), case let .tensor(targetTensor) = target.value else { return nil }
        let studentFact = facts[input.tensor], teacherFact = facts[targetTensor]
        guard case .logSoftmax(dim: 1)? = studentFact.producer, case .softmax(dim: 1)? = teacherFact.producer,
              let temperature = studentFact.temperature, let teacherTemperature = teacherFact.temperature,
              temperature.value == teacherTemperature.value, let logits = studentFact.logitsBeforeTemperature,
              let logitsText = studentFact.logitsText else { return nil }
        return DistillationOperands(studentLogits: logits, studentText: logitsText, teacherProbabilities: targetTensor,
                                    temperature: temperature.value, temperatureText: temperature.text)
    }

    private func reportBackward(_ record: BackwardRecord, call: Expr) {
        let judge = BackwardFindings(record: record, backwardCall: call, index: index, value: { [unowned self] in self.value(of: $0) })
        let teacherFindings = teachers.findings(record, names: leafNames(), index: index)
        for (finding, expr) in judge.deadTerms() + judge.nonFiniteGradients() + teacherFindings { add(finding, for: expr) }
        let note = judge.nanLossNote
        for position in findings.indices where findings[position].code == "nan-produced" && !findings[position].notes.contains(note) {
            findings[position].notes.append(note)
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
