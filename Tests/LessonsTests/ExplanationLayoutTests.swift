import Foundation
import Testing
@testable import Lessons

struct ExplanationLayoutTests {
    /// The column where the first caret of `caretLine` sits, and the text of `sourceLine` there.
    func markedText(source sourceLine: String, caret caretLine: String) -> String {
        let caretColumns = Array(caretLine)
        let start = caretColumns.firstIndex(of: "^")!
        var end = start
        while end < caretColumns.count, caretColumns[end] == "^" { end += 1 }
        return String(Array(sourceLine)[start..<end])
    }

    let longSnippet = """
        warning[empty-slice]: this slice selects no rows
         14 |         loss_distill = F.binary_cross_entropy(F.softmax(outputs[:0:self.strat_num] / 2.0, dim=1), F.softmax(t_one_hot, dim=1))
            |                                                         ^^^^^^^^^^^^^^^^^^^^^^^^^^ float32[8, 10] -> float32[0, 10]
            = note: `[:0:self.strat_num]` is one slice on dim 0: start 0 (default), stop 0, step 5 → selects rows [] (none); dim 1 kept whole
        help: to take the first 5 columns of every row, write `outputs[:, 0:self.strat_num]`
        """

    @Test func aLongSourceLineIsCutAroundItsSpanWithTheCaretsStillUnderIt() {
        for width in [80, 60, 40] {
            let fitted = ExplanationLayout.fit(longSnippet, width: width).components(separatedBy: "\n")
            for line in fitted { #expect(line.count <= width, "width \(width): \(line)") }
            let sourceIndex = fitted.firstIndex { $0.hasPrefix(" 14 | ") }!
            #expect(markedText(source: fitted[sourceIndex], caret: fitted[sourceIndex + 1]) == "outputs[:0:self.strat_num]", "width \(width)")
            #expect(fitted[sourceIndex].contains("…"), "\(fitted[sourceIndex])")
            // The label and the note are all there, only wrapped.
            let joined = fitted.joined(separator: " ").split(separator: " ").joined(separator: " ")
            #expect(joined.contains("float32[8, 10] -> float32[0, 10]") || width < 60, "\(joined)")
            #expect(joined.contains("step 5 → selects rows [] (none); dim 1 kept whole"), "\(joined)")
        }
    }

    @Test func linesThatFitAreLeftAsTheyAre() {
        let short = """
            error: name 'y' is not defined
             1 | y + 1
               | ^ here
               = note: short
            """
        #expect(ExplanationLayout.fit(short, width: 80) == short)
    }

    @Test func aSpanNearTheStartKeepsTheLineStartAndCutsTheEnd() {
        let text = " 3 | x[:0:k] + " + String(repeating: "y + ", count: 40) + "1\n   | ^^^^^^^ float32[0, 10]"
        let fitted = ExplanationLayout.fit(text, width: 50).components(separatedBy: "\n")
        #expect(fitted[0].count == 50)
        #expect(fitted[0].hasPrefix(" 3 | x[:0:k] + y"), "\(fitted[0])")
        #expect(fitted[0].hasSuffix("…"), "\(fitted[0])")
        #expect(fitted[1] == "   | ^^^^^^^ float32[0, 10]")
    }

    @Test func aSpanWiderThanTheWindowStartsAtItsFirstColumn() {
        let text = " 1 | a = " + String(repeating: "b", count: 120) + "\n   |     " + String(repeating: "^", count: 120)
        let fitted = ExplanationLayout.fit(text, width: 40).components(separatedBy: "\n")
        #expect(fitted.count == 2)
        #expect(fitted.allSatisfy { $0.count <= 40 }, "\(fitted)")
        #expect(markedText(source: fitted[0], caret: fitted[1]).filter { $0 == "b" }.count == 33)
    }

    @Test func stepTextWrapsUnderItsMarker() {
        let text = "   = copies the 80 elements into new storage: later in-place writes to one do not affect the other at all"
        let fitted = ExplanationLayout.fit(text, width: 40).components(separatedBy: "\n")
        #expect(fitted.count > 2)
        #expect(fitted.allSatisfy { $0.count <= 40 }, "\(fitted)")
        #expect(fitted.dropFirst().allSatisfy { $0.hasPrefix("     ") && !$0.hasPrefix("      ") }, "\(fitted)")
        #expect(fitted.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") == text.trimmingCharacters(in: .whitespaces))
    }

    @Test func colourEscapesTakeNoColumnsAndAreClosedAtACut() {
        let red = "\u{1B}[31;1m", reset = "\u{1B}[0m"
        let code = String(repeating: "a + ", count: 30) + "x[:0:k]"
        let text = " 2 | \(code)\n   | \(red)\(String(repeating: " ", count: 120))^^^^^^^ empty\(reset)"
        let fitted = ExplanationLayout.fit(text, width: 60).components(separatedBy: "\n")
        let visible = fitted.map { $0.replacingOccurrences(of: red, with: "").replacingOccurrences(of: reset, with: "") }
        #expect(visible.allSatisfy { $0.count <= 60 }, "\(visible)")
        #expect(markedText(source: visible[0], caret: visible[1]) == "x[:0:k]")
        #expect(fitted[1].contains(red) && fitted[1].hasSuffix(reset), "\(fitted[1])")
    }

    @Test func theRendererFitsExplanationsAndErrorsToItsWidth() {
        let renderer = LessonTextRenderer(width: 60)
        for output in [LessonOutput.explanation(longSnippet), .error(longSnippet)] {
            let lines = renderer.render(output)!.components(separatedBy: "\n")
            #expect(lines.allSatisfy { $0.count <= 60 }, "\(lines)")
        }
    }
}
