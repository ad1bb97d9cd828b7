import Diagnostics
import Explain
import Interpreter

/// ```tensor explain blocks and the `:explain` command: the code runs in the lesson's
/// session with the explainer attached, so its steps describe the lesson's real values.
extension LessonWorkspace {
    func explain(_ code: CodeText) -> (outputs: [LessonOutput], error: CodeFailure?) {
        let outputs: [LessonOutput] = [.code(prompted(code.text.components(separatedBy: "\n")))]
        // The explainer numbers the snippet's own lines, as the learner sees them; a
        // failure is moved back to the lesson file's line for `--check`.
        let source = SourceFile(name: file, text: code.text)
        let offset = code.line - 1
        if let syntaxError = CodeExecution.syntaxError(in: source) {
            return (outputs + [.error(syntaxError.rendered(useColor: useColor))], CodeFailure(syntaxError).shifted(by: offset))
        }
        let (explained, failure) = explanation(of: source, fallbackLine: 1)
        return (outputs + explained, failure?.shifted(by: offset))
    }

    /// `:explain CODE` typed by the learner.
    func explainInput(_ text: String) -> [LessonOutput] {
        explanation(of: SourceFile(name: "<input>", text: text)).outputs
    }

    /// The code's values and prints, then the explainer's steps; the exception that
    /// stopped the code, if any (the explainer shows it as an error finding).
    func explanation(of source: SourceFile, fallbackLine: Int = 1) -> (outputs: [LessonOutput], failure: CodeFailure?) {
        var outputs: [LessonOutput] = []
        let interpreter = runner.interpreter
        runner.onEvent = { event in
            switch event {
            case let .value(value, _) where !value.isNone:
                outputs.append(.result((try? interpreter.repr(value)) ?? value.typeName))
            case let .printed(text):
                outputs.append(.result(text.hasSuffix("\n") ? String(text.dropLast()) : text))
            case let .warning(message, _):
                outputs.append(.warning("UserWarning: \(message)"))
            default:
                break
            }
        }
        defer { runner.onEvent = { _ in } }
        let explanation = LessonTimeLimit.run(runner) {
            Explainer(interpreter: interpreter).explain(source) { runner.onEvent($0) }
        }
        let failure = explanation.error.map { error in
            CodeFailure(type: error.type, message: error.message, span: error.span, source: source, fallbackLine: fallbackLine)
        }
        let options = RenderOptions(useColor: useColor, pictures: unicodePictures ? .terminal : .plain)
        var text = TextRenderer(options: options).render(explanation)
        // The first line names the source ("explaining FILE: ..."); the learner just saw it.
        if let newline = text.firstIndex(of: "\n") { text = String(text[text.index(after: newline)...]) }
        outputs.append(.explanation(text.trimmingCharacters(in: .newlines)))
        return (outputs, failure)
    }
}
