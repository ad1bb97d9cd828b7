@testable import Explain
import Testing

/// Regression tests for sentences that used to be untrue: every sentence the explainer
/// prints must hold for the values the program really computed.
@Suite("the explanations say true things")
struct TruthfulTextTests {
    // MARK: - temperatures given as variables

    @Test("a temperature in a variable shows its value, and its name")
    func namedTemperature() throws {
        let explanation = explain("x = torch.randn(2, 4)\nT = 2\np = F.softmax(x / T, dim=1)")
        let divide = try #require(step(explanation, "x / T"))
        #expect(divide.text == "divides every logit by the temperature `T` = 2: the distribution the softmax makes of it gets flatter")
        let softmax = try #require(step(explanation, "F.softmax(x / T, dim=1)"))
        #expect(softmax.notes == ["the logits were divided by the temperature `T` = 2 first"])
        guard case let .bars(title, _, series)? = softmax.pictures.first else { Issue.record("no bars"); return }
        #expect(title == "probabilities of row 0, without and with the temperature `T` = 2:")
        #expect(series.map(\.name) == ["T=1", "T=2"])
    }

    @Test("temperature-mismatch names a variable temperature with its value")
    func namedTemperatureMismatch() throws {
        let code = "T = 4.0\ns = torch.randn(8, 10)\nt = torch.randn(8, 10)\nloss = F.kl_div(F.log_softmax(s / T, dim=1), F.softmax(t, dim=1), reduction='batchmean')"
        let finding = try #require(explain(code).findings.first { $0.code == "temperature-mismatch" })
        #expect(finding.message == "the temperature `T` = 4 is applied to the student only")
        #expect(finding.fix?.replacement == "F.softmax(t / T, dim=1)")
    }

    @Test("a scalar operand in a variable shows its value")
    func namedScalar() throws {
        let result = try #require(step(explain("x = torch.randn(3)\nalpha = 0.5\ny = x * alpha"), "x * alpha"))
        #expect(result.text == "multiplies every element of `x` by `alpha` (= 0.5)")
    }

    // MARK: - causes

    @Test("a NaN from KL names its cause: -inf (log 0) where the target is 0")
    func klNaNCause() throws {
        let code = "p = torch.tensor([[0.0, 0.5, 0.5]])\nq = torch.tensor([[0.0, 0.2, 0.8]])\nloss = F.kl_div(p.log(), q, reduction='batchmean')"
        let finding = try #require(explain(code).findings.first { $0.code == "nan-produced" })
        #expect(finding.notes.first?.hasPrefix("`p.log()` holds -inf (the log of a 0 probability)") == true)
    }

    @Test("a shape error that follows from an empty slice says so")
    func errorFollowsEmptySlice() throws {
        let code = "logits = torch.randn(4, 10)\nold = torch.randn(4, 10)\nk = 0\nloss = F.kl_div(F.log_softmax(logits[:, :k], dim=1), F.softmax(old, dim=1), reduction='batchmean')"
        let finding = try #require(explain(code).findings.first { $0.code == "shape-mismatch" })
        #expect(finding.notes.last == "this error follows from the empty slice on line 4: an input here is float32[4, 0], with no elements")
    }

    // MARK: - arguments found through the op table

    @Test("the legacy size_average=False means reduction='sum', and the text says so")
    func legacyReduction() throws {
        let code = "s = torch.randn(4, 10)\nt = torch.randn(4, 10)\nloss = F.kl_div(F.log_softmax(s, dim=1), F.softmax(t, dim=1), size_average=False)"
        let loss = try #require(step(explain(code), "F.kl_div(F.log_softmax(s, dim=1), F.softmax(t, dim=1), size_average=False)"))
        #expect(loss.text.hasSuffix("summed over the 40 elements (reduction='sum')"))
    }

    @Test("arguments are found by name whichever way the op is spelled")
    func argumentsByName() throws {
        for code in ["y = torch.tensor([[1., 2.], [3., 4.]]).sum(1, True)",
                     "y = torch.sum(torch.tensor([[1., 2.], [3., 4.]]), 1, True)",
                     "y = torch.tensor([[1., 2.], [3., 4.]]).sum(keepdim=True, dim=1)"] {
            let explanation = explain(code)
            let sum = try #require(explanation.steps.last)
            #expect(sum.text.contains("dim 1"), "\(code): \(sum.text)")
            #expect(sum.text.contains("keepdim"), "\(code): \(sum.text)")
        }
    }

    // MARK: - implicit softmax dim

    @Test("implicit dim on 3-D input: says what the legacy rule picked and suggests the last dim")
    func implicitDim3D() throws {
        let finding = try #require(explain("x = torch.randn(2, 5, 7)\np = F.softmax(x)").findings.first { $0.code == "implicit-softmax-dim" })
        #expect(finding.fix?.replacement == "F.softmax(x, dim=-1)")
        #expect(finding.help == "PyTorch's legacy rule picked dim 0 for this 3-D input; if this is [batch, tokens, classes] data, dim 0 is the batch and the classes are in the last dim (size 7), so write e.g. `F.softmax(x, dim=-1)`")
    }

    @Test("implicit dim on 1-D and 2-D input keeps the legacy dim, which is the last dim")
    func implicitDim2D() throws {
        let matrix = try #require(explain("x = torch.randn(2, 3)\np = F.softmax(x)").findings.first)
        #expect(matrix.fix?.replacement == "F.softmax(x, dim=1)")
        #expect(matrix.help == "say which dim holds the classes, e.g. `F.softmax(x, dim=1)`")
        let vector = try #require(explain("x = torch.randn(3)\np = F.softmax(x)").findings.first)
        #expect(vector.fix?.replacement == "F.softmax(x, dim=0)")
    }

    @Test("implicit dim on 3-D input follows a dim the code names as the classes")
    func implicitDimNamed() throws {
        let code = "B, C, L = 2, 5, 7\nx = torch.randn(70).view(B, C, L)\np = F.softmax(x)"
        let finding = try #require(explain(code).findings.first { $0.code == "implicit-softmax-dim" })
        #expect(finding.fix?.replacement == "F.softmax(x, dim=1)")
        #expect(finding.help?.contains("the code names dim 1 `C`") == true)
    }

    // MARK: - cross-entropy and nll

    @Test("cross-entropy skips ignore_index rows and divides by the rows that count")
    func ignoreIndexDefault() throws {
        let result = try #require(step(explain("logits = torch.randn(3, 4)\nl = F.cross_entropy(logits, torch.tensor([0, -100, 3]))"), "F.cross_entropy(logits, torch.tensor([0, -100, 3]))"))
        #expect(result.text.hasSuffix("; averaged over the 2 rows whose target is not ignore_index (-100) (reduction='mean')"))
        #expect(result.notes.contains("1 row of 3 has target -100, the default ignore_index: it is skipped, adding nothing to the loss and not counting in the mean"))
        #expect(result.notes.contains("each target must be a class index in 0…3; a target equal to ignore_index (-100) skips its row"))
        #expect(!result.notes.contains { $0.contains("must lie in") })
    }

    @Test("an explicit ignore_index, with reduction='none'")
    func ignoreIndexExplicit() throws {
        let code = "logits = torch.randn(3, 4)\nt = torch.tensor([0, 2, 3])\nl = F.nll_loss(F.log_softmax(logits, dim=1), t, ignore_index=2, reduction='none')"
        let result = try #require(step(explain(code), "F.nll_loss(F.log_softmax(logits, dim=1), t, ignore_index=2, reduction='none')"))
        #expect(result.text.hasSuffix("; one value per row (reduction='none')"))
        #expect(result.notes.first == "1 row of 3 has target 2, ignore_index: it is skipped, adding nothing to the loss (a loss of 0 there)")
    }

    @Test("a weighted mean divides by the sum of the target weights")
    func weights() throws {
        let code = "logits = torch.randn(3, 4)\nw = torch.tensor([1.0, 2.0, 0.5, 4.0])\nl = F.cross_entropy(logits, torch.tensor([0, 1, 3]), weight=w)"
        let result = try #require(step(explain(code), "F.cross_entropy(logits, torch.tensor([0, 1, 3]), weight=w)"))
        #expect(result.text.contains("each row's loss is multiplied by the weight of its target class, `w`[target]"))
        #expect(result.text.hasSuffix("a weighted mean (reduction='mean'): the weighted losses of the 3 rows are summed and divided by the sum of their target weights, 7, not by 3"))
    }

    @Test("label smoothing mixes the targets with the uniform distribution; reduction='sum'")
    func labelSmoothing() throws {
        let code = "logits = torch.randn(3, 4)\nl = F.cross_entropy(logits, torch.tensor([0, 1, 3]), label_smoothing=0.1, reduction='sum')"
        let result = try #require(step(explain(code), "F.cross_entropy(logits, torch.tensor([0, 1, 3]), label_smoothing=0.1, reduction='sum')"))
        #expect(result.text.contains("label_smoothing=0.1 mixes each one-hot target with the uniform distribution: (1 − 0.1)·one-hot + 0.1/4 on every class"))
        #expect(result.text.hasSuffix("; summed over the 3 rows (reduction='sum')"))
    }

    @Test("probability targets: no ignore_index, averaged over the rows")
    func probabilityTargets() throws {
        let code = "logits = torch.randn(3, 4)\nq = F.softmax(torch.randn(3, 4), dim=1)\nl = F.cross_entropy(logits, q)"
        let result = try #require(step(explain(code), "F.cross_entropy(logits, q)"))
        #expect(result.text == "cross-entropy with soft targets: log_softmax of `logits` over its 4 classes (dim 1), then −Σ_c target_c·log p_c per row, against the class probabilities in `q`; averaged over the 3 rows (reduction='mean')")
    }

    @Test("cross-entropy over [N, C, L] counts every position")
    func spatialCrossEntropy() throws {
        let code = "x = torch.randn(2, 4, 5)\ny = torch.randint(0, 4, (2, 5))\nl = F.cross_entropy(x, y)"
        let result = try #require(step(explain(code), "F.cross_entropy(x, y)"))
        #expect(result.text.hasSuffix("; averaged over the 10 positions (reduction='mean')"))
    }

    // MARK: - heatmaps after rebinding

    @Test("a heatmap of a rebound mask indexes the result, not the old tensor")
    func heatmapAfterRebinding() throws {
        let code = "nH, N = 2, 4\nmasked = torch.zeros(2, 4, 2, 4, 4)\nmasked = masked.view(-1, nH, N, N)\ny = masked + 1"
        let explanation = explain(code)
        let view = try #require(step(explanation, "masked.view(-1, nH, N, N)"))
        let titles = view.pictures.compactMap { picture -> String? in if case let .heatmap(title, _) = picture { return title } else { return nil } }
        #expect(titles == ["heatmap of masked[0, 0] (4×4):", "heatmap of masked[0, 1] (4×4):"])
        // Shown once: the later use of the same tensor does not repeat it.
        #expect(step(explanation, "masked + 1")?.pictures.isEmpty == true)
    }

    @Test("a heatmap of a mask operand that is not rebound still indexes the operand")
    func heatmapOfOperand() throws {
        let explanation = explain("mask = torch.zeros(2, 3, 3)\nm = mask.unsqueeze(1)")
        let titles = try #require(step(explanation, "mask.unsqueeze(1)")).pictures.compactMap { picture -> String? in
            if case let .heatmap(title, _) = picture { return title } else { return nil }
        }
        #expect(titles == ["heatmap of mask[0] (3×3):", "heatmap of mask[1] (3×3):"])
    }

    // MARK: - other families

    @Test("reductions over a dim tuple, keepdim, and (values, indices) results")
    func reductions() throws {
        let explanation = explain("x = torch.arange(24.0).view(2, 3, 4)\na = x.sum(dim=(0, 2))\nb = x.sum((1, 2), keepdim=True)\nc = x.max(dim=-1)\nf = x.argmax()")
        #expect(step(explanation, "x.sum(dim=(0, 2))")?.text == "sums over dim 0 (size 2) and dim 2 (size 4): [2, 3, 4] → [3] (the reduced dims disappear)")
        #expect(step(explanation, "x.sum((1, 2), keepdim=True)")?.text == "sums over dim 1 (size 3) and dim 2 (size 4): [2, 3, 4] → [2, 1, 1] (keepdim=True keeps the reduced dims as size 1)")
        #expect(step(explanation, "x.max(dim=-1)")?.text == "takes the maximum over dim -1 (size 4): [2, 3, 4] → [2, 3] (the reduced dim disappears); returns a (values, indices) pair, both [2, 3]: the results and their positions along the reduced dim")
        #expect(step(explanation, "x.argmax()")?.text == "finds the position of the maximum of all 24 elements → one value, shape []: an index into the flattened tensor")
    }

    @Test("masked_fill counts the elements a broadcast mask writes, and names a variable fill value")
    func maskedFill() throws {
        let explanation = explain("s = torch.randn(2, 3)\nmask = torch.tensor([True, False, True])\nneg = float('-inf')\na = s.masked_fill(mask, neg)\nb = s.masked_fill(mask.expand(2, 3), -100)")
        #expect(step(explanation, "s.masked_fill(mask, neg)")?.text == "writes `neg` (= -inf) wherever `mask` is True (2 of 3 mask positions; the mask [3] is broadcast to [2, 3], so 4 of 6 elements are written), and keeps the input elsewhere")
        #expect(step(explanation, "s.masked_fill(mask.expand(2, 3), -100)")?.text == "writes -100 wherever `mask.expand(2, 3)` is True (4 of 6 positions), and keeps the input elsewhere")
    }

    @Test("indexing: a column gather says columns, and paired index tensors are not a product")
    func gathers() throws {
        let explanation = explain("t = torch.arange(15.0).view(5, 3)\ncols = torch.tensor([2, 2, 0])\nc = t[:, cols]\nr = torch.tensor([0, 1])\nk = t[r, torch.tensor([2, 0])]")
        let column = try #require(step(explanation, "t[:, cols]"))
        #expect(column.text == "dim 0 kept whole; advanced (integer-tensor) indexing on dim 1: picks 3 columns of `t` (3 columns in all), the positions held in `cols` int64[3]")
        #expect(column.notes.first == "the first outputs come from `t`: [:, 0] ← column 2, [:, 1] ← column 2, [:, 2] ← column 0; the result is a new tensor (advanced indexing copies)")
        let paired = try #require(step(explanation, "t[r, torch.tensor([2, 0])]"))
        #expect(paired.text.hasPrefix("advanced indexing on dims 0–1: the 2 indices are broadcast together to shape [2] and paired elementwise"))
        #expect(paired.notes.first == "the first outputs: [0] ← t[0, 2], [1] ← t[1, 0]; the result is a new tensor (advanced indexing copies)")
    }

    @Test("torch.gather spells out which index picks what")
    func torchGather() throws {
        let result = try #require(step(explain("s = torch.randn(2, 3)\ni = torch.tensor([[0, 2], [1, 0]])\ng = torch.gather(s, 1, i)"), "torch.gather(s, 1, i)"))
        #expect(result.text == "picks along dim 1: out[i][j] = s[i][index[i][j]] with index = `i`; the output has the index's shape [2, 2]")
    }

    @Test("cat and stack name the input shapes and the dim")
    func joins() throws {
        let explanation = explain("a = torch.randn(2, 3)\nb = torch.randn(4, 3)\nc = torch.cat([a, b])\ne = torch.stack([a, a], dim=-1)")
        #expect(step(explanation, "torch.cat([a, b])")?.text == "joins [2, 3], [4, 3] end to end along the existing dim 0 → [6, 3]")
        #expect(step(explanation, "torch.stack([a, a], dim=-1)")?.text == "stacks [2, 3], [2, 3] along a new dim -1 (= 2) of size 2 → [2, 3, 2]")
    }

    @Test("matmul by rank: batched with broadcast batch dims, matrix-vector, dot")
    func matmul() throws {
        let explanation = explain("x = torch.randn(7, 1, 3, 4)\ny = torch.randn(2, 4, 5)\nz = x @ y\nm = torch.randn(3, 4)\nv = torch.randn(4)\nq = torch.matmul(m, v)\nd = v @ v")
        #expect(step(explanation, "x @ y")?.text == "batched matrix product [7, 1, 3, 4] @ [2, 4, 5] → [7, 2, 3, 5]: the last two dims multiply as matrices, [3, 4] @ [4, 5] → [3, 5], once for each of the 14 batch positions [7, 2]; the batch dims [7, 1] and [2] broadcast to [7, 2]; each output entry sums 4 products over the shared inner dim")
        #expect(step(explanation, "torch.matmul(m, v)")?.text == "matrix-vector product [3, 4] @ [4] → [3]: each output entry is the dot product of one row with the vector (4 products)")
        #expect(step(explanation, "v @ v")?.text == "dot product of two vectors of 4: [4] @ [4] → a single number, shape []")
    }

    @Test("in-place writes through a view say which tensor changes")
    func inPlaceOnView() throws {
        let result = try #require(step(explain("x = torch.zeros(3, 4)\nv = x[0]\nv.add_(1)"), "v.add_(1)"))
        #expect(result.text == "adds 1 to every element of `v`, in place: `v` itself changes")
        #expect(result.notes == ["`v` is a view of `x`: they share storage, so this write changes `x` too"])
    }

    @Test("integer division: floors toward −∞ on ints and tensors; dtype promotion is named")
    func integerDivision() throws {
        let explanation = explain("e = -7 // 2\nx = torch.zeros(e + 5)\na = torch.tensor([7, -7, 5])\nb = a // 2\nm = torch.tensor([1, 2], dtype=torch.int32) + a[:2]")
        #expect(explanation.steps.first { $0.source == "-7 // 2" }?.text == "integer division -7 // 2 = -4 (rounded down from -3.5; remainder 1)")
        #expect(step(explanation, "a // 2")?.text == "floor-divides every element of `a` by 2, rounding down (toward −∞, so -7 // 2 = -4)")
        #expect(step(explanation, "torch.tensor([1, 2], dtype=torch.int32) + a[:2]")?.notes.contains("dtype promotion: int32 + int64 gives int64") == true)
    }

    @Test("an if whose condition is false says which lines it skipped and which run instead")
    func skippedBranch() throws {
        let code = "temporal = False\nx = torch.ones(2)\nif temporal:\n    x = x * 2\n    x = x + 1\nelse:\n    x = x - 1\nif x.sum() > 0:\n    y = x"
        let explanation = explain(code)
        let branch = try #require(explanation.steps.first { $0.operation == "if (not taken)" })
        #expect(branch.line == 3)
        #expect(branch.text == "`temporal` is False, so the `if` body (lines 4–5) does not run; the `else` part (line 7) runs instead")
        #expect(explanation.steps.filter { $0.operation == "if (not taken)" }.count == 1)
    }
}
