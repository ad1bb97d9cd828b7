import TensorEngine
import Foundation
import Testing
@testable import Lessons

struct TerminalTextTests {
    @Test func paragraphsReflowToTheWidth() {
        let text = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen\nfifteen."
        let lines = TerminalText.reflow(text, width: 30, useColor: false).split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 30 }, "\(lines)")
        let rejoined: String = lines.joined(separator: " ")
        #expect(rejoined == text.replacingOccurrences(of: "\n", with: " "))
    }

    @Test func listItemsHangAndCodeSpansStayWhole() {
        let text = "- first item that is long enough to wrap `a + b` here\n- second\n1. numbered `x[:, 0:k]` item"
        let wrapped = TerminalText.reflow(text, width: 24, useColor: false)
        #expect(wrapped == "- first item that is\n  long enough to wrap\n  `a + b` here\n- second\n1. numbered `x[:, 0:k]`\n   item")
    }

    @Test func emphasisIsDrawnOrDropped() {
        #expect(TerminalText.reflow("a **bold** and *soft* `code` 2 * 3", width: 80, useColor: false) == "a bold and soft `code` 2 * 3")
        let styled = TerminalText.reflow("a **bold** `code`", width: 80, useColor: true)
        #expect(styled == "a \u{1B}[0m\u{1B}[1mbold\u{1B}[0m \u{1B}[0m\u{1B}[36mcode\u{1B}[0m")
    }

    @Test func tablesAndIndentedCodeKeepTheirLines() {
        let text = "Intro words here.\n    loss = F.kl_div(a, b, reduction='batchmean') * T * T\n| a | b |"
        let lines = TerminalText.reflow(text, width: 20, useColor: false).split(separator: "\n").map(String.init)
        #expect(lines == ["Intro words here.", "    loss = F.kl_div(a, b, reduction='batchmean') * T * T", "| a | b |"])
    }

    @Test func gridShapesOfMatricesAndImages() throws {
        let image = try Tensor.zeros(shape: [1, 4, 5, 1], dtype: .float32)
        #expect(GridPictures.gridShape(image).map { [$0.rows, $0.columns] } == [4, 5])
        #expect(GridPictures.gridShape(try Tensor.zeros(shape: [3, 1], dtype: .float32)).map { [$0.rows, $0.columns] } == [3, 1])
        #expect(GridPictures.gridShape(try Tensor.zeros(shape: [2, 3, 4], dtype: .float32)) == nil)
    }
}
