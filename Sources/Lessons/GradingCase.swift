import Foundation

/// One input an answer is graded on.
struct GradingCase {
    enum Kind: Equatable {
        /// The setup under the first seed: the data the learner sees.
        case shown
        /// The setup and the exercise's `inputs:` under another seed.
        case redrawn
        /// The setup and one `edge:` case's code.
        case edge(String)
    }

    let seed: Int64
    /// Code run after the setup: the random inputs, or one edge case.
    let extra: CodeText?
    let kind: Kind

    /// How a message names this case, after what happened in it.
    var phrase: String {
        switch kind {
        case .shown: ""
        case .redrawn: " (with the setup's inputs re-drawn under seed \(seed))"
        case let .edge(name): " (on the edge case: \(name))"
        }
    }
}

/// What the learner's code is, read without running it: one of the setup's names as
/// it is, or a literal that reads none of the exercise's variables.
struct AnswerShape {
    let input: String
    let exercise: Exercise

    /// Names the setup and the random inputs bind.
    static func setupNames(of exercise: Exercise) -> Set<String> {
        CodeNames.assignedNames(exercise.setup?.text ?? "").union(CodeNames.assignedNames(exercise.randomInputs?.text ?? ""))
    }

    /// The name, when the whole answer is a setup variable.
    var bareSetupName: String? {
        let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
        return Self.setupNames(of: exercise).contains(trimmed) ? trimmed : nil
    }

    /// The variables the learner's code reads, when it reads any: a prediction must not.
    var codeNames: [String]? {
        let reads = CodeNames.readNames(input).subtracting(CodeNames.dataFreeNames).subtracting(["torch"])
        return reads.isEmpty ? nil : reads.sorted()
    }

    /// The setup names the reference answer reads, when the learner's code reads no
    /// variable at all (only modules and builtins): it can only be typed-in data.
    var unusedSetupNames: [String]? {
        let referenceReads = CodeNames.readNames(exercise.answer.text).intersection(Self.setupNames(of: exercise))
        guard !referenceReads.isEmpty else { return nil }
        let reads = CodeNames.readNames(input)
        guard reads.isSubset(of: CodeNames.dataFreeNames) else { return nil }
        return referenceReads.sorted()
    }
}
