import TensorEngine
import XCTest
@testable import Lessons

final class TerminalTextTests: XCTestCase {
    func testParagraphsReflowToTheWidth() {
        let text = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen\nfifteen."
        let lines = TerminalText.reflow(text, width: 30, useColor: false).split(separator: "\n")
        XCTAssertTrue(lines.allSatisfy { $0.count <= 30 }, "\(lines)")
        let rejoined: String = lines.joined(separator: " ")
        XCTAssertEqual(rejoined, text.replacingOccurrences(of: "\n", with: " "))
    }

    func testListItemsHangAndCodeSpansStayWhole() {
        let text = "- first item that is long enough to wrap `a + b` here\n- second\n1. numbered `x[:, 0:k]` item"
        let wrapped = TerminalText.reflow(text, width: 24, useColor: false)
        XCTAssertEqual(wrapped, "- first item that is\n  long enough to wrap\n  `a + b` here\n- second\n1. numbered `x[:, 0:k]`\n   item")
    }

    func testEmphasisIsDrawnOrDropped() {
        XCTAssertEqual(TerminalText.reflow("a **bold** and *soft* `code` 2 * 3", width: 80, useColor: false), "a bold and soft `code` 2 * 3")
        let styled = TerminalText.reflow("a **bold** `code`", width: 80, useColor: true)
        XCTAssertEqual(styled, "a \u{1B}[0m\u{1B}[1mbold\u{1B}[0m \u{1B}[0m\u{1B}[36mcode\u{1B}[0m")
    }

    func testTablesAndIndentedCodeKeepTheirLines() {
        let text = "Intro words here.\n    loss = F.kl_div(a, b, reduction='batchmean') * T * T\n| a | b |"
        let lines = TerminalText.reflow(text, width: 20, useColor: false).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines, ["Intro words here.", "    loss = F.kl_div(a, b, reduction='batchmean') * T * T", "| a | b |"])
    }

    func testGridShapesOfMatricesAndImages() throws {
        let image = try Tensor.zeros(shape: [1, 4, 5, 1], dtype: .float32)
        XCTAssertEqual(GridPictures.gridShape(image).map { [$0.rows, $0.columns] }, [4, 5])
        XCTAssertEqual(GridPictures.gridShape(try Tensor.zeros(shape: [3, 1], dtype: .float32)).map { [$0.rows, $0.columns] }, [3, 1])
        XCTAssertNil(GridPictures.gridShape(try Tensor.zeros(shape: [2, 3, 4], dtype: .float32)))
    }
}
