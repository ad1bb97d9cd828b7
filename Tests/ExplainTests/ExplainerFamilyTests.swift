@testable import Explain
import Testing

/// The first visible step whose source is exactly `source`.
func step(_ explanation: Explanation, _ source: String) -> Step? {
    explanation.steps.first { $0.source == source && !$0.isTrivial }
}

@Suite("one explainer per operation family")
struct ExplainerFamilyTests {
    @Test("indexing: a lone slice, with defaults and the rows it selects")
    func loneSlice() throws {
        let result = try #require(step(explain("outputs = torch.randn(4, 10)\ny = outputs[:0:5]"), "outputs[:0:5]"))
        #expect(result.text == "one slice on dim 0: start 0 (default), stop 0, step 5 → selects rows [] (none); dim 1 kept whole")
        #expect(result.shapeLine == "float32[4, 10] → float32[0, 10]")
        #expect(result.isView)
    }

    @Test("indexing: a column slice selects its columns")
    func columnSlice() throws {
        let result = try #require(step(explain("x = torch.randn(8, 10)\ny = x[:, 5:10]"), "x[:, 5:10]"))
        #expect(result.text == "dim 0 kept whole; slice on dim 1: start 5, stop 10, step 1 (default) → selects columns [5, 6, 7, 8, 9] (5 of 10)")
    }

    @Test("indexing: advanced indexing by a tensor shows where the first outputs came from")
    func gather() throws {
        let code = "table = torch.arange(12.0).view(6, 2)\nindex = torch.tensor([[5, 0], [2, 2]])\nrows = table[index.view(-1)]"
        let result = try #require(step(explain(code), "table[index.view(-1)]"))
        #expect(result.operation == "advanced index")
        #expect(result.notes.first == "the first outputs come from `table`: [0] ← row 5 (10, 11), [1] ← row 0 (0, 1), [2] ← row 2 (4, 5), [3] ← row 2 (4, 5); the result is a new tensor (advanced indexing copies)")
        #expect(!result.isView)
    }

    @Test("arithmetic: a temperature before a softmax")
    func temperature() throws {
        let result = try #require(step(explain("logits = torch.randn(2, 4)\np = F.softmax(logits / 2.0, dim=1)"), "logits / 2.0"))
        #expect(result.text == "divides every logit by the temperature T = 2.0: the distribution the softmax makes of it gets flatter")
    }

    @Test("arithmetic: broadcasting names the repeated dims")
    func broadcast() throws {
        let code = "attn = torch.randn(4, 2, 3, 3)\nB, H = 2, 2\nmask = torch.zeros(2, 3, 3)\nout = attn.view(B, 2, H, 3, 3) + mask.unsqueeze(1).unsqueeze(0)"
        let result = try #require(step(explain(code), "attn.view(B, 2, H, 3, 3) + mask.unsqueeze(1).unsqueeze(0)"))
        #expect(result.notes.first?.contains("is repeated along dim 0 (B = 2) and dim 2 (H = 2)") == true)
    }

    @Test("arithmetic: integer division states its remainder")
    func floorDivision() throws {
        let result = try #require(explain("a = 4\nb = 2\nx = torch.zeros(a // b)").steps.first { $0.source == "a // b" })
        #expect(result.text == "integer division 4 // 2 = 2 (remainder 0, exact)")
        #expect(!result.isTrivial)
    }

    @Test("softmax: rows, the classes dim, and bars before and after T")
    func softmax() throws {
        let result = try #require(step(explain("logits = torch.randn(3, 4)\np = F.softmax(logits / 2.0, dim=1)"), "F.softmax(logits / 2.0, dim=1)"))
        #expect(result.text == "each row becomes probabilities summing to 1, over the 4 classes of dim 1; there are 3 of them")
        #expect(result.notes == ["the logits were divided by the temperature T = 2.0 first"])
        guard case let .bars(_, labels, series)? = result.pictures.first else { Issue.record("no bars"); return }
        #expect(labels.count == 4)
        #expect(series.map(\.name) == ["T=1", "T=2.0"])
        #expect(abs(series[1].values.reduce(0, +) - 1) < 1e-5)
    }

    @Test("softmax as an nn module names the module")
    func softmaxModule() throws {
        let result = try #require(step(explain("sm = nn.Softmax(dim=-1)\nattn = torch.randn(2, 3, 3)\nw = sm(attn)"), "sm(attn)"))
        #expect(result.text.hasPrefix("each attention row becomes weights summing to 1, over the 3 keys of dim 2"))
        #expect(result.notes.first == "`sm` is the module Softmax(dim=-1), applied to `attn`")
    }

    @Test("shape: permute with the dims named by a comment")
    func permute() throws {
        let code = "table = torch.randn(36, 2)\nb = table.view(6, 6, -1)  # N,N,nH\nc = b.permute(2, 0, 1)"
        let result = try #require(step(explain(code), "b.permute(2, 0, 1)"))
        #expect(result.text == "moves dim 2 (nH) to the front: [N, N, nH] → [nH, N, N]")
    }

    @Test("copies: contiguous is a copy after permute and a no-op otherwise")
    func contiguous() throws {
        let explanation = explain("x = torch.randn(2, 3)\na = x.permute(1, 0).contiguous()\nb = x.contiguous()")
        let copy = try #require(step(explanation, "x.permute(1, 0).contiguous()"))
        #expect(copy.text.hasPrefix("copies into a fresh row-major buffer: the input's strides (1, 3) are not row-major for [3, 2]"))
        let noop = try #require(step(explanation, "x.contiguous()"))
        #expect(noop.text.hasPrefix("no-op: the input is already contiguous"))
        #expect(noop.aliasing == "returns `x` itself: no new tensor, no copy")
    }

    @Test("reductions name the dim and its size")
    func reduction() throws {
        let result = try #require(step(explain("x = torch.randn(6, 6, 2)\ny = x.sum(-1)"), "x.sum(-1)"))
        #expect(result.text == "sums over dim -1 (size 2): [6, 6, 2] → [6, 6] (the reduced dim disappears)")
    }

    @Test("losses: cross-entropy over the classes, averaged over rows")
    func crossEntropy() throws {
        let result = try #require(step(explain("logits = torch.randn(8, 5)\ny = torch.tensor([0, 1, 2, 3, 4, 0, 1, 2])\nl = F.cross_entropy(logits, y)"), "F.cross_entropy(logits, y)"))
        #expect(result.text.hasPrefix("cross-entropy: log_softmax of `logits` over its 5 classes (dim 1)"))
        #expect(result.text.hasSuffix("averaged over the 8 rows (reduction='mean')"))
    }

    @Test("modules: a Linear layer")
    func linear() throws {
        let result = try #require(step(explain("net = nn.Linear(16, 10)\nx = torch.randn(8, 16)\ny = net(x)"), "net(x)"))
        #expect(result.text == "applies `net` = Linear(in_features=16, out_features=10, bias=True): x @ weight.T + bias, [8, 16] → [8, 10]")
    }

    @Test("trivial steps are recorded but not numbered")
    func trivial() {
        // `y = x` alone would be an alias step; a name inside a list is plumbing.
        let explanation = explain("x = torch.randn(2, 3)\ny = [x]")
        #expect(explanation.steps.filter { !$0.isTrivial }.map(\.number) == [1])
        #expect(explanation.steps.contains { $0.isTrivial && $0.source == "x" })
    }
}
