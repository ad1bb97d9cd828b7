import Diagnostics
import PySyntax
import Testing
@testable import Lessons

struct CodeLayoutTests {
    /// The code a learner would type for shown lines: prompts dropped, `\` lines joined.
    func typedCode(_ lines: [String]) -> String {
        lines.map { line in
            [">>> ", "... "].first { line.hasPrefix($0) }.map { String(line.dropFirst($0.count)) } ?? line
        }.joined(separator: "\n").replacingOccurrences(of: " \\\n", with: " ")
    }

    func parses(_ code: String) -> Bool {
        (try? PythonParser.parseModule(SourceFile(name: "<shown>", text: code))) != nil
    }

    @Test("a long call breaks inside its brackets, on `...` lines, and still parses",
          arguments: [40, 52, 80])
    func longCallBreaksInsideBrackets(width: Int) {
        let line = ">>> scores = torch.tensor([[2.0, 1.0, 0.1, -1.5], [0.5, 2.5, -0.3, 1.25], [3.0, -2.0, 0.0, 0.75]])"
        let lines = CodeLayout.fitLine(line, width: width)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= width }, "\(lines)")
        #expect(lines[0].hasPrefix(">>> scores = torch.tensor("))
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("...     ") }, "\(lines)")
        #expect(!lines.contains { $0.hasSuffix("\\") }, "inside brackets no backslash is needed: \(lines)")
        let code = typedCode(lines)
        #expect(parses(code), "\(code)")
        #expect(code.filter { !$0.isWhitespace } == String(line.dropFirst(4)).filter { !$0.isWhitespace })
    }

    @Test("outside brackets a break ends its line with a backslash")
    func breakOutsideBracketsUsesBackslash() {
        let line = ">>> total = first_long_name + second_long_name * third_long_name - fourth_long_name"
        let lines = CodeLayout.fitLine(line, width: 48)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= 48 }, "\(lines)")
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix(" \\") }, "\(lines)")
        #expect(parses(typedCode(lines)), "\(lines)")
    }

    @Test("a line that fits is left as written; a word too long for any line is never cut")
    func linesWithoutABreakStayWhole() {
        #expect(CodeLayout.fitLine(">>> x = torch.arange(12).view(3, 4)", width: 80) == [">>> x = torch.arange(12).view(3, 4)"])
        let word = "'" + String(repeating: "a", count: 90) + "'"
        let string = CodeLayout.fitLine(">>> message = " + word, width: 60)
        #expect(string == [">>> message = \\", "...     " + word])
        #expect(parses(typedCode(string)), "\(string)")
        let comment = ">>> y = x[:, 0]  # " + Array(repeating: "word", count: 20).joined(separator: " ")
        let fitted = CodeLayout.fitLine(comment, width: 60)
        #expect(fitted.joined(separator: " ").contains("# word word"), "a comment is never split: \(fitted)")
        #expect(parses(typedCode(fitted)), "\(fitted)")
    }

    @Test("an indented line's continuation goes deeper than its own indentation")
    func indentedLinesKeepTheirBlock() {
        let lines = CodeLayout.fit(">>> for i in range(3):\n...     print(i, torch.arange(i + 100).sum(), torch.arange(i + 200).mean(dtype=torch.float64))\n... ",
                                   width: 60).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.allSatisfy { $0.count <= 60 }, "\(lines)")
        #expect(lines[2].hasPrefix("...         "), "\(lines)")
        #expect(parses(typedCode(lines)), "\(lines)")
    }

    @Test("a long f-string is split at a space outside its braces, as literals side by side")
    func longStringsSplitIntoAdjacentLiterals() {
        let line = ">>> print(f\"T={T:<5} max p={p.max().item():.3f}  entropy={entropy(p).item():.3f} at step {step}\")"
        let lines = CodeLayout.fitLine(line, width: 50)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= 50 }, "\(lines)")
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("...     f\"") }, "\(lines)")
        #expect(parses(typedCode(lines)), "\(lines)")
        // No break falls inside a replacement field.
        #expect(!lines.contains { $0.filter { $0 == "{" }.count != $0.filter { $0 == "}" }.count }, "\(lines)")
    }

    @Test("the renderer fits shown code, setups and reference answers to its width")
    func rendererFitsCode() {
        let code = "logits = torch.tensor([[2.0, 1.0, 0.1, -1.5, 0.25], [0.5, 2.5, -0.3, 1.25, 0.0]]) / temperature"
        let renderer = LessonTextRenderer(width: 50)
        for output in [LessonOutput.code(">>> " + code), .setup(code), .reference(code)] {
            let text = renderer.render(output) ?? ""
            #expect(text.split(separator: "\n").allSatisfy { $0.count <= 50 }, "\(text)")
        }
    }
}
