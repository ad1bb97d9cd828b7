/// A lesson as the learner moves through it: screens of prose and code, and exercises.
/// `:back` and saved progress count in steps.
public enum LessonStep: Sendable {
    case screen([LessonBlock])
    case exercise(Exercise)

    /// Splits blocks into screens: a `#` or `##` heading starts a new screen, an
    /// exercise is a step of its own, and a screen ends once it holds about
    /// `screenLines` lines (code counts twice, for its output). A screen breaks only
    /// before prose, so code is never separated from the paragraph that introduces it.
    public static func steps(of blocks: [LessonBlock], screenLines: Int = 22) -> [LessonStep] {
        var steps: [LessonStep] = []
        var screen: [LessonBlock] = []
        var used = 0

        func flush() {
            if !screen.isEmpty { steps.append(.screen(screen)) }
            screen = []
            used = 0
        }

        for block in blocks {
            let height = estimatedHeight(block)
            switch block {
            case let .exercise(exercise):
                flush()
                steps.append(.exercise(exercise))
                continue
            case let .heading(level, _, _) where level <= 2:
                // A `#` title and the `##` right after it share a screen.
                let onlyHeadings = screen.allSatisfy { if case .heading = $0 { true } else { false } }
                if !onlyHeadings { flush() }
            case .code:
                // Code stays with the prose that introduces it, even past the budget.
                break
            default:
                let endsWithHeading = screen.last.map { if case .heading = $0 { true } else { false } } ?? false
                if used + height > screenLines, !screen.isEmpty, !endsWithHeading { flush() }
            }
            screen.append(block)
            used += height
        }
        flush()
        return steps
    }

    static func estimatedHeight(_ block: LessonBlock) -> Int {
        switch block {
        case .heading: 2
        case let .paragraph(text, _): text.split(separator: "\n").count + 1
        case let .listing(_, text, _): text.split(separator: "\n").count + 2
        case let .code(code) where code.mode == .hidden: 0
        // A value and a grid of about its size under each line.
        case let .code(code) where code.mode == .grid: code.code.text.split(separator: "\n").count * 5 + 1
        case let .code(code): code.code.text.split(separator: "\n").count * 2 + 1
        case .exercise: 0
        }
    }
}
