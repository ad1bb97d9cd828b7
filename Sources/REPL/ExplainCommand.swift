import Diagnostics
import Explain
import Foundation
import Interpreter

/// `:explain EXPR` runs the code once, traced, and prints each step; `:explain on`
/// does that for every input until `:explain off`.
extension ReplSession {
    func explainCommand(_ argument: String) {
        switch argument.lowercased() {
        case "on":
            explainsEveryInput = true
            write("explaining every input: on (:explain off to stop)\n")
        case "off":
            explainsEveryInput = false
            write("explaining every input: off\n")
        case "":
            writeError("usage: :explain EXPR   or   :explain on|off   (explaining every input is \(explainsEveryInput ? "on" : "off"))\n")
        default:
            explainAndRun(argument)
        }
    }

    /// Runs `text` in the session under the explainer: values are echoed and prints
    /// shown as usual, then the explanation follows (its findings include any error).
    func explainAndRun(_ text: String) {
        let explainer = Explainer(interpreter: interpreter)
        var explanation: Explanation?
        Interpreter.interruptRequested = false
        withLargeStack {
            explanation = explainer.explain(code: text) { [weak self] event in
                if case .value = event { self?.report(event, interpreter: explainer.interpreter) }
            }
        }
        Interpreter.interruptRequested = false
        guard let explanation else { return }
        if explanation.error?.type == "KeyboardInterrupt" {
            writeError("KeyboardInterrupt\n")
            return
        }
        let options = RenderOptions(useColor: settings.useColor, pictures: settings.useColor ? .terminal : .plain)
        write(TextRenderer(options: options).render(explanation))
    }
}
