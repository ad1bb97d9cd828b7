import Interpreter

/// Tab completion at a lesson's prompt: commands after `:`, tensor methods and
/// attributes after a dot, and otherwise the session's names. Nothing is evaluated.
extension LessonSession {
    static let commandNames = ["hint", "skip", "back", "restart", "quit", "try", "explain", "more", "help"]

    /// The fragment being completed (a suffix of `textBeforeCursor`) and its candidates.
    public func complete(_ textBeforeCursor: String) -> (fragment: String, candidates: [String]) {
        let trimmed = textBeforeCursor.trimmingCharacters(in: .whitespaces)
        if pendingLines.isEmpty, trimmed.hasPrefix(":"), !trimmed.contains(" ") {
            let fragment = String(trimmed.dropFirst())
            return (fragment, Self.commandNames.filter { $0.hasPrefix(fragment) })
        }
        let fragment = String(textBeforeCursor.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
        let beforeFragment = textBeforeCursor.dropLast(fragment.count)
        let names: [String]
        if beforeFragment.hasSuffix(".") {
            let receiver = String(beforeFragment.dropLast().reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
            names = members(of: receiver)
        } else {
            names = workspace.runner.interpreter.variableNames.filter { !$0.hasPrefix("__") } + workspace.runner.interpreter.builtinFunctionNames
        }
        return (fragment, Array(Set(names.filter { $0.hasPrefix(fragment) })).sorted())
    }

    func members(of receiver: String) -> [String] {
        switch workspace.runner.interpreter.variable(receiver) {
        case .tensor?:
            return Interpreter.tensorMethodNames + Interpreter.tensorAttributeNames
        case let .module(namespace)?:
            return Array(namespace.members.keys)
        default:
            return []
        }
    }
}
