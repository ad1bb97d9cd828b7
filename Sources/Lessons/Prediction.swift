import Interpreter
import TensorEngine

/// Grading of `check: predict`: a shape or a number typed in by the learner. Shapes
/// and whole numbers must be exact; other numbers count when they agree to 2 decimals
/// (a 0-dim tensor and a Python number compare as numbers), and NaN predicts NaN.
enum Prediction {
    static let tolerance = 0.006

    /// Nil when the prediction is right; else what to tell the learner.
    static func mismatch(_ predicted: Value, _ expected: Value) -> String? {
        if let guess = number(predicted), let truth = number(expected) {
            if guess.isNaN || truth.isNaN {
                return guess.isNaN == truth.isNaN ? nil : "Not quite: the value is \(format(truth)), not \(format(guess))."
            }
            if guess == truth || (!isWhole(truth) && Swift.abs(guess - truth) <= tolerance) { return nil }
            return "Not quite: your prediction \(format(guess)) is not the value. Work through it again (`:hint` helps)."
        }
        guard let mismatch = ValueComparison.compare(predicted, expected) else { return nil }
        return "Not quite. " + FeedbackText.sentence(mismatch)
    }

    static func number(_ value: Value) -> Double? {
        switch value {
        case let .int(number): return Double(number)
        case let .float(number): return number
        case let .tensor(tensor) where tensor.count == 1 && tensor.rank == 0: return tensor.doubles().first
        default: return nil
        }
    }

    static func isWhole(_ value: Double) -> Bool { value.rounded() == value && Swift.abs(value) < 1e15 }

    static func format(_ value: Double) -> String {
        value.isNaN ? "nan" : isWhole(value) ? String(Int64(value)) : String(value)
    }
}
