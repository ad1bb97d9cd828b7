import Diagnostics
import Foundation
@testable import Explain
import Testing

@Suite("renderers and pictures")
struct RenderingTests {
    @Test("the text form shows the caret span, the shapes and the findings after their step")
    func textForm() {
        let text = TextRenderer().render(explain("x = torch.randn(4, 10)\ny = x[:0:3]"))
        #expect(text.contains(" 2 | y = x[:0:3]\n   |     ^^^^^^^ float32[4, 10] → float32[0, 10]"))
        #expect(text.contains("warning[empty-slice]: this slice selects no rows"))
        #expect(text.contains("help: to take the first 3 columns of every row, write `x[:, 0:3]`"))
    }

    @Test("long finding headers and help lines wrap at 100 columns, continuing under their text")
    func longLinesWrap() {
        let text = TextRenderer().render(explain("""
            import torch.nn.functional as F
            x = torch.randn(4, 5)
            y = torch.randn(4, 5)
            loss = F.binary_cross_entropy(F.softmax(x, dim=1), F.softmax(y, dim=1))
            n = 10
            z = torch.zeros(n // 3, 2)
            """))
        #expect(text.contains("""
            warning[bce-on-softmax]: binary_cross_entropy is given probability distributions: both its input and
                                     its target are softmax outputs
            """))
        #expect(text.contains("""
            help: check that the numerator is a multiple of the divisor (e.g. `assert B_ % nW == 0`), or compute
                  the size from the tensor's shape
            """))
        // The source line and its carets are never wrapped.
        #expect(text.contains(" 6 | z = torch.zeros(n // 3, 2)\n   | " + String(repeating: " ", count: 16) + "^^^^^^"))
        for line in text.split(separator: "\n") where line.hasPrefix("help: ") || line.hasPrefix("warning[") || line.hasPrefix("error[") {
            #expect(line.count <= 100 || line.hasPrefix("help: write `"), "\(line)")
        }
    }

    @Test("wrapping keeps quoted code whole")
    func codeStaysWhole() {
        #expect(wrapAtSpaces("one two `three four five` six", width: 21, keepingCode: true) == "one two\n`three four five` six")
        #expect(wrapAtSpaces("one two `three four five` six", width: 21) == "one two `three four\nfive` six")
        let longCode = "write `a b c d e f g h i j k l m n o p q r s t u v`"
        #expect(wrapAtSpaces(longCode, width: 21, keepingCode: true) == longCode)
    }

    @Test("brief lists one line per operation and per finding")
    func brief() {
        let lines = BriefRenderer().render(explain("x = torch.randn(4, 10)\ny = x[:0:3]")).split(separator: "\n")
        #expect(lines.count == 4) // randn, slice, the finding, the summary
        #expect(lines[2] == "line 2: warning[empty-slice] this slice selects no rows — fix: `x[:, 0:3]`")
    }

    @Test("JSON records carry the documented fields")
    func json() throws {
        let explanation = explain("x = torch.randn(4, 10)\ny = x[:0:3]")
        let step = try #require(explanation.steps.first { $0.operation == "slice" })
        let record = try #require(try JSONSerialization.jsonObject(with: Data(JSONRecords.step(step).utf8)) as? [String: Any])
        #expect(record["kind"] as? String == "step")
        #expect(record["line"] as? Int == 2)
        #expect(record["col"] as? Int == 5)
        #expect(record["end_col"] as? Int == 12)
        #expect(record["source"] as? String == "x[:0:3]")
        #expect(record["shape"] as? [Int] == [0, 10])
        #expect(record["view"] as? Bool == true)
        let inputs = try #require(record["inputs"] as? [[String: Any]])
        #expect(inputs.first?["dtype"] as? String == "float32")
        let finding = try #require(try JSONSerialization.jsonObject(with: Data(JSONRecords.finding(explanation.findings[0]).utf8)) as? [String: Any])
        #expect(finding["code"] as? String == "empty-slice")
        #expect(finding["severity"] as? String == "warning")
        #expect(finding["fix"] as? String == "x[:, 0:3]")
    }

    @Test("markdown has a heading, numbered steps and the problems")
    func markdown() {
        let text = MarkdownRenderer().render(explain("x = torch.randn(4, 10)\ny = x[:0:3]"))
        #expect(text.hasPrefix("## What `program.py` does, step by step"))
        #expect(text.contains("2. `x[:0:3]` — one slice on dim 0"))
        #expect(text.contains("- **warning[empty-slice]** (line 2): this slice selects no rows"))
    }

    @Test("heatmaps shade on terminals and print numbers otherwise")
    func heatmap() {
        let picture = Picture.heatmap(title: "mask:", matrix: [[0, -100], [-100, 0]])
        #expect(picture.render(.terminal) == "mask:\n  0 │██  │\n  1 │  ██│\n  blank = -100 (lowest) … █ = 0 (highest)")
        #expect(picture.render(.plain) == "mask:\n  0 │    0 -100\n  1 │ -100    0")
    }

    @Test("bars are proportional, in eighths on terminals")
    func bars() {
        #expect(BarChart.bar(0.5, .terminal) == String(repeating: "█", count: 12) + String(repeating: " ", count: 12))
        #expect(BarChart.bar(0.25, .plain) == String(repeating: "#", count: 6) + String(repeating: " ", count: 18))
    }

    @Test("large tensors get a one-line summary")
    func summary() throws {
        let tensor = try #require(explain("x = torch.zeros(5, 10)").steps.first { $0.output?.shape == [5, 10] })
        #expect(tensor.preview == "float32[5, 10] n=50 x∈[0, 0] μ=0 σ=0 all zeros")
    }
}
