import Diagnostics
import Interpreter
import TensorEngine

/// The result of grading one attempt.
public enum Verdict {
    case correct
    case incorrect(Feedback)
    /// The exercise itself is broken: its setup or reference answer raised.
    case lessonError(String)

    public var isCorrect: Bool { if case .correct = self { true } else { false } }
}

public struct Feedback: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// The learner's value matched a `wrong:` answer.
        case knownWrong
        /// Shape, dtype or values differ, or the `expr:` check said False.
        case mismatch
        /// Right for the data shown, wrong once the setup's inputs are re-drawn or on an edge case.
        case dependsOnShownData
        /// The answer is one of the setup's variables, unchanged.
        case setupVariable
        /// The answer reads none of the exercise's variables: typed from the screen.
        case literal
        /// A `check: predict` answer that is code rather than a value typed in.
        case notAPrediction
        case raised
        case noValue
    }

    public let kind: Kind
    public let text: String
}

/// Grades an answer by value, in several cases: the data the learner sees (the setup
/// under the first seed), the setup re-drawn under the other seeds with the exercise's
/// random `inputs:` (other shapes and sizes), and each named `edge:` case. Each case
/// runs in a fresh interpreter holding the lesson session's variables, so in-place
/// changes made by one run never leak into another.
public struct Grader {
    public static let defaultSeeds: [Int64] = [0, 1, 2, 3]
    public var seeds: [Int64]
    public let file: String

    public init(file: String, seeds: [Int64] = Grader.defaultSeeds) {
        self.file = file
        self.seeds = seeds.isEmpty ? Grader.defaultSeeds : seeds
    }

    /// Every case an answer must pass, the shown one first.
    func cases(for exercise: Exercise) -> [GradingCase] {
        var cases = [GradingCase(seed: seeds[0], extra: nil, kind: .shown)]
        // A prediction is about the data on screen.
        if exercise.check == .predict { return cases }
        cases += seeds.dropFirst().map { GradingCase(seed: $0, extra: exercise.randomInputs, kind: .redrawn) }
        cases += exercise.edgeCases.map { GradingCase(seed: seeds[0], extra: $0.code, kind: .edge($0.name)) }
        return cases
    }

    /// Runs the setup (and the case's extra code) in a fresh interpreter, and the error
    /// if either raised.
    func preparedRunner(_ exercise: Exercise, case gradingCase: GradingCase, context: [String: Value]) -> (ProgramRunner, RunError?) {
        let runner = CodeExecution.freshRunner(context: context)
        CodeExecution.seed(gradingCase.seed)
        var failure: RunError?
        if let setup = exercise.setup { failure = CodeExecution.runQuietly(setup, file: file, in: runner) }
        if failure == nil, let extra = gradingCase.extra { failure = CodeExecution.runQuietly(extra, file: file, in: runner) }
        return (runner, failure)
    }

    /// The outcome of `code` in every case, with the runner it ran in. Empty, with the
    /// error, when the setup or a case's code raised.
    func outcomes(of code: CodeText, for exercise: Exercise, context: [String: Value]) -> (results: [(CodeOutcome, ProgramRunner)], setupError: RunError?) {
        var results: [(CodeOutcome, ProgramRunner)] = []
        for gradingCase in cases(for: exercise) {
            let (runner, setupError) = preparedRunner(exercise, case: gradingCase, context: context)
            if let setupError { return ([], setupError) }
            results.append((CodeExecution.evaluate(code, file: file, in: runner), runner))
        }
        return (results, nil)
    }

    /// The reference answer's value in the shown case, for showing after `:skip`.
    public func referenceValue(for exercise: Exercise, context: [String: Value]) -> (Value, Interpreter)? {
        let shown = GradingCase(seed: seeds[0], extra: nil, kind: .shown)
        let (runner, setupError) = preparedRunner(exercise, case: shown, context: context)
        guard setupError == nil, case let .value(value) = CodeExecution.evaluate(exercise.answer, file: file, in: runner) else { return nil }
        return (value, runner.interpreter)
    }

    /// With `asLearner` false (the checker grading the lesson's own answers), only the
    /// value counts: the rules about what a learner's code may look like are skipped.
    public func grade(_ input: CodeText, for exercise: Exercise, context: [String: Value], asLearner: Bool = true) -> Verdict {
        let (expected, setupError) = outcomes(of: exercise.answer, for: exercise, context: context)
        if let setupError { return .lessonError("the setup (or its inputs: or edge: code) raised: \(setupError.rendered())") }
        for (outcome, _) in expected {
            if let error = outcome.error { return .lessonError("the reference answer raised: \(error.rendered())") }
            if case .noValue = outcome { return .lessonError("the reference answer has no value: end it with an expression") }
        }
        let answerShape = AnswerShape(input: input.text, exercise: exercise)
        // An `expr:` check decides for itself which values pass, setup variables included.
        let comparesValues = exercise.check == .value || exercise.check == .shape
        if asLearner, exercise.check == .predict, let names = answerShape.codeNames {
            let list = names.map { "`\($0)`" }.joined(separator: ", ")
            return .incorrect(Feedback(kind: .notAPrediction, text: "Work it out first, then type the value itself (such as `(3, 2)` or `0.82`); your code reads \(list). "
                + "`:try CODE` runs code without grading, to check your prediction afterwards."))
        }
        if asLearner, comparesValues, let name = answerShape.bareSetupName {
            return .incorrect(Feedback(kind: .setupVariable, text: "That is `\(name)` from the setup, as it is: the answer must be computed from the setup's variables."))
        }
        let actual = outcomes(of: input, for: exercise, context: context).results
        let cases = cases(for: exercise)
        guard actual.count == cases.count else { return .lessonError("the setup raised") }
        let failure = cases.indices.lazy.compactMap { index in
            judge(actual[index], expected: expected[index].0, check: exercise.check, gradingCase: cases[index]).map { (index, $0) }
        }.first
        // A typed-in tensor can only copy the screen; a typed-in number or shape may be
        // a prediction, which is what some exercises ask for.
        if asLearner, exercise.check == .value, Self.isTensor(expected[0].0.value), Self.isTensor(actual[0].0.value),
           let literalNames = answerShape.unusedSetupNames {
            let names = literalNames.map { "`\($0)`" }.joined(separator: ", ")
            var text = "Your answer uses none of the exercise's variables (\(names)): a value typed from the screen fits only the data shown. Compute it from them."
            if let (index, feedback) = failure, feedback.kind != .raised {
                text += index == 0 ? "\n" + feedback.text : "\nOn other inputs" + describeInputs(in: actual[index].1, exercise: exercise) + ":\n" + feedback.text
            }
            return .incorrect(Feedback(kind: .literal, text: text))
        }
        guard let (failingIndex, feedback) = failure else { return .correct }
        if let message = matchingWrongAnswer(actual.map(\.0), input: input.text, exercise: exercise, context: context) {
            return .incorrect(Feedback(kind: .knownWrong, text: message))
        }
        if failingIndex > 0, feedback.kind == .mismatch {
            let inputs = describeInputs(in: actual[failingIndex].1, exercise: exercise)
            let text: String
            switch cases[failingIndex].kind {
            case let .edge(name):
                text = "This is right for the data shown, but not for one case the exercise also grades: \(name)\(inputs). "
            default:
                text = "This is right for the data shown, but not when the setup's inputs are re-drawn (seed \(cases[failingIndex].seed)\(inputs)). "
                    + "Compute it from the setup's variables, not from values copied or computed earlier. "
            }
            return .incorrect(Feedback(kind: .dependsOnShownData, text: text + "There:\n" + feedback.text))
        }
        return .incorrect(feedback)
    }

    /// `: x [5, 3], k = 2`: the setup's tensors by shape and its numbers by value.
    func describeInputs(in runner: ProgramRunner, exercise: Exercise) -> String {
        let parts: [String] = AnswerShape.setupNames(of: exercise).sorted().compactMap { name in
            switch runner.interpreter.variable(name) {
            case let .tensor(tensor)?: return "`\(name)` of shape [" + tensor.shape.map(String.init).joined(separator: ", ") + "]"
            case let .int(value)?: return "`\(name)` = \(value)"
            default: return nil
            }
        }
        return parts.isEmpty ? "" : ", with " + parts.joined(separator: ", ")
    }

    /// Nil when `actual` passes the check against `expected`.
    func judge(_ actual: (CodeOutcome, ProgramRunner), expected: CodeOutcome, check: Check, gradingCase: GradingCase) -> Feedback? {
        let (outcome, runner) = actual
        guard let expectedValue = expected.value else { return nil }
        let value: Value
        switch outcome {
        case let .error(error):
            return Feedback(kind: .raised, text: "Your code raised \(error.summary)" + gradingCase.phrase)
        case .noValue:
            return Feedback(kind: .noValue, text: "That has no value to check: end with an expression, such as the variable you assigned.")
        case let .value(result): value = result
        }
        switch check {
        case .value, .shape:
            // `check: shape` compares tensors by shape; anything else is compared whole.
            let shapeOnly = check == .shape && Self.isTensor(value) && Self.isTensor(expectedValue)
            guard let mismatch = ValueComparison.compare(value, expectedValue, shapeOnly: shapeOnly) else { return nil }
            return Feedback(kind: .mismatch, text: FeedbackText.describe(mismatch, actual: value, expected: expectedValue, interpreter: runner.interpreter))
        case let .expression(expression):
            return judgeExpression(expression, value: value, expected: expectedValue, runner: runner)
        case .predict:
            guard let mismatch = Prediction.mismatch(value, expectedValue) else { return nil }
            return Feedback(kind: .mismatch, text: mismatch)
        }
    }

    static func isTensor(_ value: Value?) -> Bool { if case .tensor? = value { true } else { false } }

    func judgeExpression(_ expression: CodeText, value: Value, expected: Value, runner: ProgramRunner) -> Feedback? {
        runner.interpreter.setVariable("answer", value)
        runner.interpreter.setVariable("expected", expected)
        let wrapped = CodeText("bool(" + expression.text + ")", line: expression.line)
        switch CodeExecution.evaluate(wrapped, file: file, in: runner) {
        case .value(.bool(true)):
            return nil
        case let .error(error):
            return Feedback(kind: .mismatch, text: "The check `\(expression.text)` raised \(error.summary) for your answer.")
        default:
            var text = "Not what this exercise asks: the check `\(expression.text)` is False for your answer."
            if let sideBySide = FeedbackText.sideBySide(value, expected, interpreter: runner.interpreter) {
                text += "\nOne answer that passes is on the right:\n" + sideBySide
            }
            return Feedback(kind: .mismatch, text: text)
        }
    }

    /// How alike the learner's code must be to a `wrong:` answer's for its message to
    /// apply: the same outcome from different code may be a different mistake.
    static let resemblanceNeeded = 0.5

    /// The message of the first `wrong:` answer whose outcome equals the learner's in
    /// every case (the same value, or the same exception) and whose code resembles theirs.
    func matchingWrongAnswer(_ actual: [CodeOutcome], input: String, exercise: Exercise, context: [String: Value]) -> String? {
        for wrong in exercise.wrongAnswers where CodeNames.resemblance(wrong.code.text, input) >= Self.resemblanceNeeded {
            let (outcomes, setupError) = outcomes(of: wrong.code, for: exercise, context: context)
            if setupError != nil { continue }
            if Self.sameOutcomes(actual, outcomes.map(\.0)) { return wrong.message }
        }
        return nil
    }

    /// The same value, or the same exception, in every case.
    static func sameOutcomes(_ first: [CodeOutcome], _ second: [CodeOutcome]) -> Bool {
        first.count == second.count && zip(first, second).allSatisfy { mine, theirs in
            switch (mine, theirs) {
            case let (.value(a), .value(b)): return ValueComparison.compare(a, b) == nil
            case let (.error(a), .error(b)): return a.type == b.type && a.message == b.message
            default: return false
            }
        }
    }
}
