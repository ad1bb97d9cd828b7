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
        /// Right for the data shown, wrong once the setup's random values are re-drawn.
        case dependsOnShownData
        case raised
        case noValue
    }

    public let kind: Kind
    public let text: String
}

/// Grades an answer by value. The setup is re-run under each seed in a fresh
/// interpreter (holding the lesson session's variables), then the reference and the
/// learner's code each run against it, so random data is re-drawn and in-place
/// changes made by one run never leak into another.
public struct Grader {
    public static let defaultSeeds: [Int64] = [0, 1, 2]
    public var seeds: [Int64]
    public let file: String

    public init(file: String, seeds: [Int64] = Grader.defaultSeeds) {
        self.file = file
        self.seeds = seeds
    }

    /// Runs the setup under `seed` in a fresh interpreter. Nil when the setup raised.
    func preparedRunner(_ exercise: Exercise, seed: Int64, context: [String: Value]) -> (ProgramRunner, RunError?) {
        let runner = CodeExecution.freshRunner(context: context)
        CodeExecution.seed(seed)
        var failure: RunError?
        if let setup = exercise.setup { failure = CodeExecution.runQuietly(setup, file: file, in: runner) }
        return (runner, failure)
    }

    /// The outcome of `code` after the setup, under each seed, with the runner it ran in.
    /// Nil with the setup's error when the setup raised.
    func outcomes(of code: CodeText, for exercise: Exercise, context: [String: Value]) -> (results: [(CodeOutcome, ProgramRunner)], setupError: RunError?) {
        var results: [(CodeOutcome, ProgramRunner)] = []
        for seed in seeds {
            let (runner, setupError) = preparedRunner(exercise, seed: seed, context: context)
            if let setupError { return ([], setupError) }
            results.append((CodeExecution.evaluate(code, file: file, in: runner), runner))
        }
        return (results, nil)
    }

    /// The reference answer's value under the first seed, for showing after `:skip`.
    public func referenceValue(for exercise: Exercise, context: [String: Value]) -> (Value, Interpreter)? {
        let (runner, setupError) = preparedRunner(exercise, seed: seeds[0], context: context)
        guard setupError == nil, case let .value(value) = CodeExecution.evaluate(exercise.answer, file: file, in: runner) else { return nil }
        return (value, runner.interpreter)
    }

    public func grade(_ input: CodeText, for exercise: Exercise, context: [String: Value]) -> Verdict {
        let (expected, setupError) = outcomes(of: exercise.answer, for: exercise, context: context)
        if let setupError { return .lessonError("the setup raised: \(setupError.rendered())") }
        for (outcome, _) in expected {
            if let error = outcome.error { return .lessonError("the reference answer raised: \(error.rendered())") }
            if case .noValue = outcome { return .lessonError("the reference answer has no value: end it with an expression") }
        }
        let actual = outcomes(of: input, for: exercise, context: context).results
        guard actual.count == seeds.count else { return .lessonError("the setup raised") }
        var firstFailure: (seedIndex: Int, feedback: Feedback)?
        for index in seeds.indices {
            if let feedback = judge(actual[index], expected: expected[index].0, check: exercise.check, seed: seeds[index]) {
                firstFailure = (index, feedback)
                break
            }
        }
        guard let (failingIndex, feedback) = firstFailure else { return .correct }
        if let message = matchingWrongAnswer(actual.map(\.0), exercise: exercise, context: context) {
            return .incorrect(Feedback(kind: .knownWrong, text: message))
        }
        if failingIndex > 0, feedback.kind == .mismatch {
            let text = "This is right for the data shown, but not when the setup's random values are re-drawn (seed \(seeds[failingIndex])). "
                + "Compute it from the setup's variables, not from values copied or computed earlier.\n" + feedback.text
            return .incorrect(Feedback(kind: .dependsOnShownData, text: text))
        }
        return .incorrect(feedback)
    }

    /// Nil when `actual` passes the check against `expected`.
    func judge(_ actual: (CodeOutcome, ProgramRunner), expected: CodeOutcome, check: Check, seed: Int64) -> Feedback? {
        let (outcome, runner) = actual
        guard let expectedValue = expected.value else { return nil }
        let value: Value
        switch outcome {
        case let .error(error):
            return Feedback(kind: .raised, text: "Your code raised \(error.summary)" + (seed == seeds[0] ? "" : " (with the setup re-drawn under seed \(seed))"))
        case .noValue:
            return Feedback(kind: .noValue, text: "That has no value to check: end with an expression, such as the variable you assigned.")
        case let .value(result): value = result
        }
        switch check {
        case .value, .shape:
            // `check: shape` compares tensors by shape; anything else is compared whole.
            let shapeOnly = check == .shape && isTensor(value) && isTensor(expectedValue)
            guard let mismatch = ValueComparison.compare(value, expectedValue, shapeOnly: shapeOnly) else { return nil }
            return Feedback(kind: .mismatch, text: FeedbackText.describe(mismatch, actual: value, expected: expectedValue, interpreter: runner.interpreter))
        case let .expression(expression):
            return judgeExpression(expression, value: value, expected: expectedValue, runner: runner)
        }
    }

    func isTensor(_ value: Value) -> Bool { if case .tensor = value { true } else { false } }

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

    /// The message of the first `wrong:` answer whose outcome equals the learner's under
    /// every seed: the same value, or the same exception.
    func matchingWrongAnswer(_ actual: [CodeOutcome], exercise: Exercise, context: [String: Value]) -> String? {
        for wrong in exercise.wrongAnswers {
            let (outcomes, setupError) = outcomes(of: wrong.code, for: exercise, context: context)
            if setupError != nil { continue }
            if Self.sameOutcomes(actual, outcomes.map(\.0)) { return wrong.message }
        }
        return nil
    }

    /// The same value, or the same exception, under every seed.
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
