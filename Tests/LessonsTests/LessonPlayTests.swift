import Foundation
import Testing
@testable import Lessons

/// Every real lesson played to the end as a learner would, piped: at each exercise the
/// shown answer typed back as a literal, then the first known mistake, then the
/// reference answer. Only the reference answer may pass, and a known mistake must be
/// recognised by its message.
struct LessonPlayTests {
    struct Tally {
        var literalsRejected = 0
        var mistakesRecognised = 0
        var solved = 0
    }

    @Test func everyLessonRejectsCopiedValuesAndKnownMistakesAndAcceptsItsAnswers() throws {
        var total = Tally()
        for path in LessonLibrary(directory: LessonCheckerTests.lessonsDirectory).lessonPaths {
            total = try play(path, tally: total)
        }
        // The lessons hold over a hundred graded exercises to write or fix (the rest are
        // predictions), most with declared inputs.
        #expect(total.literalsRejected >= 75)
        #expect(total.mistakesRecognised >= 180)
        #expect(total.solved >= 120)
    }

    func play(_ path: String, tally: Tally) throws -> Tally {
        var tally = tally
        let lesson = try LessonParser.parseFile(atPath: path)
        let session = LessonSession(lesson: lesson, settings: .init(pausesBetweenScreens: false), progress: nil)
        _ = session.start()
        var predictions = 0
        while let exercise = session.currentExercise, !session.isFinished {
            let name = "\(lesson.id) exercise \(exercise.number)"
            if exercise.check != .predict, exercise.randomInputs != nil, let literal = shownValueLiteral(session, exercise) {
                let outputs = session.feed(literal)
                #expect(!(outputs.contains { if case .correct = $0 { true } else { false } }), "\(name): the value copied from the screen passed: \(literal)")
                tally.literalsRejected += 1
            }
            if let mistake = exercise.wrongAnswers.first, !mistake.code.text.contains("\n") {
                let feedback = session.feed(mistake.code.text).compactMap { output -> String? in
                    if case let .incorrect(text) = output { text } else { nil }
                }.joined()
                let opening = String(mistake.message.prefix(30))
                #expect(feedback.contains(opening), "\(name): `\(mistake.code.text)` got \(feedback)")
                tally.mistakesRecognised += 1
            }
            if exercise.check == .predict {
                // A prediction's answer is code that would give it away; skipping shows it.
                predictions += 1
                _ = session.feed(":skip")
                continue
            }
            var outputs: [LessonOutput] = []
            for line in answerLines(exercise.answer.text) { outputs += session.feed(line) }
            #expect(outputs.contains { if case .correct = $0 { true } else { false } }, "\(name): the reference answer failed: \(outputs)")
            tally.solved += 1
        }
        #expect(session.isFinished, "\(lesson.id)")
        #expect(session.results.values.filter { $0.outcome == .correct }.count == lesson.exercises.count - predictions, "\(lesson.id)")
        return tally
    }

    /// The reference answer's value on the shown data, as Python would print it, when that
    /// text is something a learner could type back (a tensor without autograd history, a
    /// number, a tuple, a bool).
    func shownValueLiteral(_ session: LessonSession, _ exercise: Exercise) -> String? {
        guard let (value, interpreter) = session.grader.referenceValue(for: exercise, context: session.workspace.variables),
              let text = try? interpreter.repr(value), !text.contains("grad_fn"), !text.contains("\n...") else { return nil }
        let flat = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        return flat.hasPrefix("tensor(") || flat.first?.isNumber == true || flat.hasPrefix("(") || flat == "True" || flat == "False" ? flat : nil
    }

    /// A one-line answer as it is; statements joined by `;` when none opens a block, else
    /// the lines and an empty line to close the block, as at Python's prompt.
    func answerLines(_ answer: String) -> [String] {
        let lines = answer.split(separator: "\n").map(String.init)
        if lines.count == 1 { return lines }
        if lines.contains(where: { $0.hasPrefix(" ") || $0.hasSuffix(":") }) { return lines + [""] }
        return [lines.joined(separator: "; ")]
    }
}
