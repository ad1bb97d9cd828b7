/// One piece of what a lesson shows. A session produces these; a renderer turns them
/// into terminal text, a plain transcript, or Markdown.
public enum LessonOutput: Equatable, Sendable {
    case title(String)
    case heading(String, level: Int)
    case prose(String)
    /// A fenced block shown as written (not run).
    case listing(String)
    /// Source lines of a ```tensor block, prompts included (`>>> `, `... `).
    case code(String)
    /// A value or printed text from running code.
    case result(String)
    /// An exception or syntax error, rendered with its source line.
    case error(String)
    case warning(String)
    /// An explainer step, or a finding.
    case explanation(String)
    /// `Exercise 2 of 5` and its prompt.
    case exercise(number: Int, total: Int, prompt: String)
    /// The exercise's setup code, shown so the learner knows the names.
    case setup(String)
    /// What the learner typed, and the prompt it was typed at.
    case input(prompt: String, text: String)
    case correct(String)
    case incorrect(String)
    case hint(String)
    /// The reference answer, after `:skip`.
    case reference(String)
    /// Where the learner is: step `step` of `total`, drawn as a bar.
    case progress(step: Int, total: Int)
    /// Progress, resume and command messages.
    case notice(String)
    case recap(String)
}
