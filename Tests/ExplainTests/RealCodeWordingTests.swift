@testable import Explain
import Testing

/// Wording that was wrong or missing when the explainer ran on excerpts of real code
/// (DKD's `keepdims=`, the annotated transformer's label smoothing, Swin's masks).
@Suite("words on real code stay true")
struct RealCodeWordingTests {
    @Test("numpy's keepdims= keeps the reduced dim, and the words say so")
    func keepdimsSpelling() throws {
        let explanation = explain("t = torch.randn(4, 10)\ns = t.sum(1, keepdims=True)")
        let sum = try #require(step(explanation, "t.sum(1, keepdims=True)"))
        #expect(sum.text == "sums over dim 1 (size 10): [4, 10] → [4, 1] (keepdim=True keeps the reduced dim as size 1)")
    }

    @Test("nonzero counts in the singular when there is one")
    func nonzeroSingular() throws {
        let explanation = explain("x = torch.arange(6.).view(2, 3)\nn = torch.nonzero(x > 4)")
        let nonzero = try #require(step(explanation, "torch.nonzero(x > 4)"))
        #expect(nonzero.text == "the coordinates of the 1 nonzero element, one row of 2 coordinates per element: [1, 2]")
    }

    @Test("a NaN from nn.KLDivLoss on log(0) names 0 · (−inf) as its cause")
    func klModuleNaNCause() throws {
        let code = """
            criterion = nn.KLDivLoss(reduction='sum')
            x = torch.tensor([[0.0, 0.5, 0.5]]).log()
            target = torch.tensor([[0.0, 0.5, 0.5]])
            loss = criterion(x, target)
            """
        let finding = try #require(explain(code).findings.first { $0.code == "nan-produced" })
        #expect(finding.notes.contains { $0.contains("where the target is 0 too, that is 0 · (−inf) = NaN") }, "\(finding.notes)")
    }

    @Test("an in-place chain names the tensor it writes, not the call before it")
    func inPlaceChainRoot() throws {
        let explanation = explain("x = torch.zeros(2, 3)\nx.add_(1).div_(2)")
        let divide = try #require(step(explanation, "x.add_(1).div_(2)"))
        #expect(divide.text == "divides every element of `x` by 2, in place: `x` itself changes")
        #expect(divide.aliasing == "returns `x` itself: no new tensor, no copy")
    }

    @Test("a -1 in a view reads as the size it inferred when dims are named")
    func inferredSizeInDimNames() throws {
        let explanation = explain("N = 3\nt = torch.randn(9, 2)\nb = t.view(N, N, -1)\nc = b.permute(2, 0, 1)")
        let permute = try #require(step(explanation, "b.permute(2, 0, 1)"))
        #expect(permute.text.hasSuffix(": [N, N, 2] → [2, N, N]"), "\(permute.text)")
    }

    @Test("ops inside a match statement's cases are explained, in the case that ran")
    func matchStatementCases() throws {
        let code = """
            x = torch.ones(2, 3)
            match x.shape:
                case (rows, cols) if rows < cols:
                    y = x.sum(dim=0)
                case _:
                    y = x.sum(dim=1)
            """
        let explanation = explain(code)
        let sum = try #require(step(explanation, "x.sum(dim=0)"))
        #expect(sum.text.hasPrefix("sums over dim 0 (size 2): [2, 3] → [3]"), "\(sum.text)")
        #expect(step(explanation, "x.sum(dim=1)") == nil)
    }

    @Test("a uniform heatmap is one line; a cropped one keeps the whole matrix's legend")
    func heatmapLegends() {
        let zeros = Picture.heatmap(title: "heatmap of m", matrix: Array(repeating: Array(repeating: 0.0, count: 40), count: 40))
        #expect(zeros.render(.plain) == "heatmap of m: every entry is 0")
        // The corner drawn holds only 0 and 1, the whole matrix goes up to 9.
        var matrix = (0..<40).map { row in (0..<40).map { column in Double((row + column) % 2) } }
        matrix[39][39] = 9
        matrix[0][1] = -.infinity
        let legend = Picture.heatmap(title: "heatmap of m", matrix: matrix).render(.plain).split(separator: "\n").last
        #expect(legend == "  blank = 0 (lowest) … # = 9 (highest); -inf is blank")
    }
}
