import Foundation
import Interpreter

/// Two ways a lesson can show something untrue while every block runs: an exercise's
/// setup rebinds a name that later code still reads (so the later output is computed
/// from the exercise's data, not the lesson's), and a number in the prose that no
/// output shows.
struct SetupOverwriteTracker {
    /// Names an exercise's setup gave a new value, with the exercise's number.
    private(set) var overwritten: [String: Int] = [:]
    private var before: [String: Value] = [:]

    /// Call before the setup runs: remembers the values it may rebind.
    mutating func noteBefore(_ exercise: Exercise, variables: [String: Value]) {
        before = [:]
        for name in CodeNames.assignedNames(exercise.setup?.text ?? "") {
            if let value = variables[name] { before[name] = value }
        }
    }

    /// Call after the setup ran: a name whose value changed is now the exercise's.
    mutating func noteAfter(_ exercise: Exercise, variables: [String: Value]) {
        for (name, old) in before {
            guard let new = variables[name] else { continue }
            if ValueComparison.compare(new, old) != nil { overwritten[name] = exercise.number }
        }
        before = [:]
    }

    /// Names of `code` that read an overwritten value before the code rebinds them.
    /// A name the code rebinds first is the lesson's again from then on.
    mutating func reliedOn(by code: String) -> [(name: String, exercise: Int, lineOffset: Int)] {
        var found: [(String, Int, Int)] = []
        for (offset, line) in code.components(separatedBy: "\n").enumerated() {
            let reads = CodeNames.readNames(line)
            let assigns = CodeNames.assignedNames(line).union(CodeNames.localNames(line))
            for name in overwritten.keys.sorted() {
                if reads.contains(name), !assigns.contains(name), let exercise = overwritten[name] {
                    found.append((name, exercise, offset))
                    overwritten[name] = nil
                } else if assigns.contains(name) {
                    overwritten[name] = nil
                }
            }
        }
        return found
    }
}

enum ProseNumbers {
    /// Decimals with three or more digits after the point (`0.4337`, `-1.6094`): values
    /// a reader takes from an output, so some output of the lesson must show them.
    static func decimals(in text: String) -> [String] {
        var found: [String] = []
        let characters = Array(CodeNames.strippedProse(text))
        var index = 0
        while index < characters.count {
            guard characters[index].isNumber, index == 0 || !(characters[index - 1].isNumber || characters[index - 1] == ".") else {
                index += 1
                continue
            }
            var end = index
            while end < characters.count, characters[end].isNumber { end += 1 }
            if end + 1 < characters.count, characters[end] == ".", characters[end + 1].isNumber {
                var fraction = end + 1
                while fraction < characters.count, characters[fraction].isNumber { fraction += 1 }
                if fraction - end - 1 >= 3 { found.append(String(characters[index..<fraction])) }
                end = fraction
            }
            index = max(end, index + 1)
        }
        return found
    }
}

extension CodeNames {
    /// Prose without its `code spans`: a number inside backticks is code, not a claim.
    static func strippedProse(_ text: String) -> String {
        var result = ""
        var inCode = false
        for character in text {
            if character == "`" { inCode.toggle(); result.append(" "); continue }
            result.append(inCode ? " " : character)
        }
        return result
    }
}

extension LessonChecker {
    /// Plays the lesson again with every exercise's setup run on a copy of the session,
    /// keeping only the names it adds, and compares what each block shows with what it
    /// showed in play: any difference is computed from an exercise's data.
    func differencesFromOwnState(_ lesson: Lesson, played: [Int: [LessonOutput]]) -> [(line: Int, difference: String)] {
        let workspace = LessonWorkspace(file: lesson.path)
        var differences: [(Int, String)] = []
        for block in lesson.blocks {
            switch block {
            case let .code(code):
                let own = workspace.show(code).outputs
                guard let shown = played[code.code.line], shown != own else { continue }
                let pair = zip(shown, own).first { $0 != $1 }
                differences.append((code.code.line, pair.map { "in play `\(Self.text(of: $0.0))`, in the lesson's own state `\(Self.text(of: $0.1))`" } ?? "a different number of outputs"))
            case let .exercise(exercise):
                workspace.runSetupKeepingLessonState(exercise)
            default:
                break
            }
        }
        return differences
    }
}

extension LessonWorkspace {
    /// The exercise's setup, run on a copy of the session (tensors cloned, so in-place
    /// changes stay in the copy); only the names it adds come back.
    func runSetupKeepingLessonState(_ exercise: Exercise) {
        CodeExecution.seed(Grader.defaultSeeds[0])
        guard let setup = exercise.setup else { return }
        let existing = variables
        let copies = existing.mapValues { value -> Value in
            if case let .tensor(tensor) = value, let copy = try? tensor.clone() { return .tensor(copy) }
            return value
        }
        let sandbox = CodeExecution.freshRunner(context: copies)
        CodeExecution.runQuietly(setup, file: file, in: sandbox)
        for (name, value) in CodeExecution.variables(of: sandbox) where existing[name] == nil {
            runner.interpreter.setVariable(name, value)
        }
    }
}
