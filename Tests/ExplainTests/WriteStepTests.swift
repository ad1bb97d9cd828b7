import Diagnostics
@testable import Explain
import Foundation
import Testing

/// The step of the statement on `line` whose operation is a write.
private func writeStep(_ explanation: Explanation, line: Int) -> Step? {
    explanation.steps.first { $0.line == line && ($0.operation.contains("write") || $0.operation.hasPrefix("in-place")) }
}

/// (row of query − row of key + 1) · scale for each key of a 2×3 window.
private func rowOffsets(_ query: Int, scale: Int) -> [String?] {
    (0..<6).map { (key: Int) -> String? in
        let offset: Int = query / 3 - key / 3 + 1
        return String(offset * scale)
    }
}

private func gridCells(_ step: Step) -> [[String?]]? {
    for picture in step.pictures { if case let .grid(_, cells) = picture { return cells } }
    return nil
}

/// Steps for statements that write into a tensor: subscript and augmented assignments and
/// in-place methods, each with the region written, counted, and drawn.
@Suite("writes into tensors: the region, its counts, and a picture")
struct WriteStepTests {
    static let swinMask = """
        window_size, shift_size = 4, 2
        H, W = 8, 8
        img_mask = torch.zeros((1, H, W, 1))
        h_slices = (slice(0, -window_size), slice(-window_size, -shift_size), slice(-shift_size, None))
        w_slices = (slice(0, -window_size), slice(-window_size, -shift_size), slice(-shift_size, None))
        cnt = 0
        for h in h_slices:
            for w in w_slices:
                img_mask[:, h, w, :] = cnt
                cnt += 1
        """

    /// Swin's pairwise (dy, dx) offsets for a 2×3 window, before the shifts.
    static let relativeCoords = """
        Wh, Ww = 2, 3
        coords = torch.stack(torch.meshgrid([torch.arange(Wh), torch.arange(Ww)], indexing="ij"))
        coords_flatten = torch.flatten(coords, 1)
        relative_coords = (coords_flatten[:, :, None] - coords_flatten[:, None, :]).permute(1, 2, 0).contiguous()

        """

    @Test("Swin's mask loop is one step: each run's region resolved, and the final labels drawn")
    func swinMaskLoop() throws {
        let explanation = explain(Self.swinMask)
        let writes = explanation.steps.filter { $0.line == 9 && !$0.isTrivial }
        #expect(writes.count == 1)
        let step = try #require(writes.first)
        #expect(step.text == "in 9 runs, writes 9 regions of `img_mask` float32[1, 8, 8, 1]: together all 64 elements")
        // The three slices on a dim of 8 with window 4 and shift 2 are 0:4, 4:6 and 6:8.
        let bounds = ["0:4", "4:6", "6:8"], sizes = [4, 2, 2]
        var expectedRuns: [String] = []
        for (row, rowBounds) in bounds.enumerated() {
            for (column, columnBounds) in bounds.enumerated() {
                let label = row * 3 + column
                expectedRuns.append("run \(label + 1): [:, \(rowBounds), \(columnBounds), :] ← \(label) (\(sizes[row] * sizes[column]) elements)")
            }
        }
        #expect(Array(step.notes.prefix(9)) == expectedRuns)
        let region = { (index: Int) in index < 4 ? 0 : (index < 6 ? 1 : 2) }
        let expectedCells = (0..<8).map { row in (0..<8).map { column -> String? in String(region(row) * 3 + region(column)) } }
        #expect(gridCells(step) == expectedCells)
        let rendered = TextRenderer().render(explanation)
        for line in rendered.split(separator: "\n") where !line.contains(" | ") {
            #expect(line.count <= 100, "too wide: \(line)")
        }
    }

    @Test("augmented assignments into a slice: the region, the operand's value and the new values")
    func augmentedSlice() throws {
        let code = Self.relativeCoords + """
            relative_coords[:, :, 0] += Wh - 1
            relative_coords[:, :, 0] *= 2 * Ww - 1
            """
        let explanation = explain(code)
        let add = try #require(writeStep(explanation, line: 5))
        #expect(add.text == "adds `Wh - 1` (= 1) to `relative_coords[:, :, 0]`: a region of shape [6, 6], 36 of the 72 elements")
        #expect(add.operation == "in-place +=")
        // After `+= 1`, entry (i, j) holds the row offset of query i from key j, plus 1.
        let shifted: [[String?]] = (0..<6).map { query in rowOffsets(query, scale: 1) }
        #expect(gridCells(add) == shifted)
        let multiply = try #require(writeStep(explanation, line: 6))
        #expect(multiply.text == "multiplies `relative_coords[:, :, 0]` by `2 * Ww - 1` (= 5): a region of shape [6, 6], 36 of the 72 elements")
        let scaled: [[String?]] = (0..<6).map { query in rowOffsets(query, scale: 5) }
        #expect(gridCells(multiply) == scaled)
    }

    @Test("a subscript write of a tensor: the index resolved, the shapes, and which columns were written")
    func tensorIntoSlice() throws {
        let code = "known = 3\nnew = torch.zeros(4, 5)\nold = torch.rand(4, 3)\nnew[:, :known] = old"
        let step = try #require(writeStep(explain(code), line: 4))
        #expect(step.text == "writes `old` float32[4, 3] into `new[:, :known]` = `new[:, 0:3]`: a region of shape [4, 3], 12 of the 20 elements")
        #expect(step.shapeLine == "float32[4, 3] → float32[4, 5]")
        let written = try #require(gridCells(step)).map { row in row.map { $0 != nil } }
        #expect(written == Array(repeating: [true, true, true, false, false], count: 4))
    }

    @Test("a masked write counts the mask's True positions; a broadcast row is named")
    func maskedWrite() throws {
        let code = "logits = torch.tensor([[0.5, -1.0, 2.0, 0.1, -0.3]])\nlogits[logits < 0.2] = -float('Inf')\nx = torch.zeros(3, 4)\nx[1:] = torch.arange(4.0)"
        let explanation = explain(code)
        let masked = try #require(writeStep(explanation, line: 2))
        // 0.1, -1.0 and -0.3 are below 0.2.
        #expect(masked.text == "writes `-float('Inf')` (= -inf) into `logits` where `logits < 0.2` is True: 3 of the 5 elements (a boolean mask [1, 5]); the one value goes to all 3 positions")
        #expect(gridCells(masked) == [[nil, "-inf", nil, "-inf", "-inf"]])
        let broadcast = try #require(writeStep(explanation, line: 4))
        #expect(broadcast.text.hasSuffix("; the value [4] is broadcast to [2, 4]: repeated along dim 0"))
    }

    @Test("in-place methods say which elements they wrote")
    func inPlaceMethods() throws {
        let code = """
            d = torch.full((3, 5), 0.1)
            target = torch.tensor([2, 1, 0])
            d.scatter_(1, target.unsqueeze(1), 0.6)
            d.index_fill_(0, torch.tensor([2]), 0.0)
            m = torch.tensor([[True, False, False, False, True]])
            d.masked_fill_(m, -1.0)
            x = torch.tensor([-3.0, -0.5, 0.2, 4.0])
            x.clamp_(min=-1.0, max=1.0)
            """
        let explanation = explain(code)
        let scatter = try #require(step(explanation, "d.scatter_(1, target.unsqueeze(1), 0.6)"))
        #expect(scatter.text.contains("out[i][index[i][j]] = 0.6"))
        #expect(scatter.text.contains("3 of the 15 elements of `d` are written"))
        #expect(gridCells(scatter) == [[nil, nil, "0.6", nil, nil], [nil, "0.6", nil, nil, nil], ["0.6", nil, nil, nil, nil]])
        let indexFill = try #require(step(explanation, "d.index_fill_(0, torch.tensor([2]), 0.0)"))
        #expect(indexFill.text.contains("a region of shape [1, 5], 5 of the 15 elements"))
        let maskFill = try #require(step(explanation, "d.masked_fill_(m, -1.0)"))
        // The [1, 5] mask is broadcast over the 3 rows: 2 True columns, 6 elements.
        #expect(maskFill.text.contains("6 of the 15 elements (the mask [1, 5] is broadcast to [3, 5])"))
        let clamp = try #require(step(explanation, "x.clamp_(min=-1.0, max=1.0)"))
        #expect(clamp.text == "limits every element of `x` to [-1.0, 1.0]: 2 of 4 now sit at a bound, in place: `x` itself changes")
    }

    @Test("nanoGPT's chart: the top-k mask's zeros are the write's, not the temperature's")
    func topKChart() throws {
        let code = """
            raw = torch.tensor([[0.2950, -0.5704, 0.5885, 0.4046, -0.0394, -0.0942]])
            temperature = 0.8
            logits = raw / temperature
            v, _ = torch.topk(logits, 3)
            logits[logits < v[:, [-1]]] = -float('Inf')
            probs = F.softmax(logits, dim=-1)
            """
        let explanation = explain(code)
        let softmax = try #require(step(explanation, "F.softmax(logits, dim=-1)"))
        guard case let .bars(_, _, series)? = softmax.pictures.first else { Issue.record("no bars"); return }
        #expect(series.map(\.name) == ["T=1", "T=0.8", "line 5"])
        let raw = [0.2950, -0.5704, 0.5885, 0.4046, -0.0394, -0.0942]
        let tempered = raw.map { exp($0 / 0.8) }
        let total = tempered.reduce(0, +)
        for (shown, expected) in zip(series[1].values, tempered.map { $0 / total }) { #expect(abs(shown - expected) < 1e-6) }
        // The three smallest logits (classes 1, 4, 5) were set to -inf by line 5.
        #expect(series[2].values.enumerated().filter { $0.element == 0 }.map(\.offset) == [1, 4, 5])
        #expect(series[1].values.allSatisfy { $0 > 0 })
        #expect(softmax.notes.contains { $0.contains("set classes [1, 4, 5] to -inf") && $0.contains("not because of the temperature") })
    }

    @Test("nn.KLDivLoss applied later: kl-div-reduction where it is applied, none for batchmean or size_average=False")
    func klDivModule() throws {
        let prelude = """
            import torch.nn as nn
            class Distiller:
                pass
            self = Distiller()
            self.kl = nn.KLDivLoss()
            self.kl_ok = nn.KLDivLoss(reduction='batchmean')
            self.kl_sum = nn.KLDivLoss(size_average=False)
            s = torch.randn(8, 10)
            t = torch.randn(8, 10)
            """
        let code = """
            a = self.kl(F.log_softmax(s, dim=1), F.softmax(t, dim=1))
            b = self.kl_ok(F.log_softmax(s, dim=1), F.softmax(t, dim=1))
            c = self.kl_sum(F.log_softmax(s, dim=1), F.softmax(t, dim=1))
            d = nn.KLDivLoss()(F.log_softmax(s, dim=1), F.softmax(t, dim=1))
            """
        let explanation = explain(code, prelude: prelude)
        #expect(explanation.findings.filter { $0.code == "kl-div-reduction" }.map(\.line) == [1, 4])
        let finding = try #require(explanation.findings.first { $0.code == "kl-div-reduction" })
        #expect(finding.notes.first?.contains("80 = 8 × 10, not by the batch size 8") == true)
        let legacy = try #require(step(explanation, "self.kl_sum(F.log_softmax(s, dim=1), F.softmax(t, dim=1))"))
        #expect(legacy.text.hasPrefix("applies `self.kl_sum`, an nn.KLDivLoss with reduction='sum'"))
    }

    @Test("a relative position index is decoded: (dy, dx) shifted and flattened, with entries read from the tensor")
    func relativePositionIndex() throws {
        let code = Self.relativeCoords + """
            relative_coords[:, :, 0] += Wh - 1
            relative_coords[:, :, 1] += Ww - 1
            relative_coords[:, :, 0] *= 2 * Ww - 1
            index = relative_coords.sum(-1)
            """
        let sum = try #require(step(explain(code), "relative_coords.sum(-1)"))
        #expect(sum.notes.first?.hasPrefix("this is a relative position index for a 2×3 window") == true)
        #expect(sum.notes.contains { $0.contains("(2·2 − 1)·(2·3 − 1) = 15 rows of the bias table") })
        // Query 0 sits at (0, 0) and key 5 at (1, 2): dy = -1, dx = -2, so (0)·5 + 0 = 0.
        #expect(sum.notes.last?.contains("(i=0, j=5): query at (0, 0), key at (1, 2), dy = -1, dx = -2 → (-1 + 1)·5 + (-2 + 2) = 0") == true)
        #expect(sum.notes.last?.contains("(i=5, j=0): query at (1, 2), key at (0, 0), dy = 1, dx = 2 → (1 + 1)·5 + (2 + 2) = 14") == true)
        // A tensor that only looks alike is not called one.
        let other = try #require(step(explain("m = torch.arange(36).view(6, 6)\nn = m + 0"), "m + 0"))
        #expect(!other.notes.contains { $0.contains("relative position index") })
    }

    @Test("a long loop lists its first runs, counts the rest, and other values' stores get no step")
    func longLoopAndPlainValues() throws {
        let code = """
            x = torch.zeros(70, 2)
            for i in range(70):
                x[i] = i
            d = {}
            d["a"] = 1
            items = [0, 0]
            items[1] += 2
            y = torch.zeros(3)
            y[[0, 2]] = torch.tensor([1.0, 2.0, 3.0])
            """
        let explanation = explain(code)
        let loop = try #require(writeStep(explanation, line: 3))
        #expect(loop.text == "in its first 64 of 70 runs, writes 64 regions of `x` float32[70, 2]: together 128 of the 140 elements")
        #expect(loop.evaluations == 1)
        #expect(explanation.steps.filter { !$0.isTrivial && [5, 7].contains($0.line) }.isEmpty)
        // The failed write raises PyTorch's error and gets no step of its own.
        #expect(explanation.error?.type == "RuntimeError")
        #expect(writeStep(explanation, line: 9) == nil)
    }

    @Test("SupCon's self-mask: scatter into a copy names the diagonal it wrote; index_add_ names its slices")
    func diagonalAndSlices() throws {
        let code = """
            n = 6
            ones = torch.ones(n, n)
            logits_mask = torch.scatter(ones, 1, torch.arange(n).view(-1, 1), 0)
            x = torch.zeros(3, 4)
            x.index_add_(0, torch.tensor([0, 2]), torch.ones(2, 4))
            """
        let explanation = explain(code)
        let scatter = try #require(step(explanation, "torch.scatter(ones, 1, torch.arange(n).view(-1, 1), 0)"))
        #expect(scatter.text.hasSuffix("6 of the 36 elements of `ones` are written; the written positions are exactly the diagonal (i, i)"))
        // The op is named for itself, not for the variable its result is assigned to.
        #expect(scatter.operation == "scatter")
        #expect(scatter.text.hasPrefix("like the in-place `scatter_`, but into a copy"))
        let diagonal: [[String?]] = (0..<6).map { row in (0..<6).map { $0 == row ? "0" : nil } }
        #expect(gridCells(scatter) == diagonal)
        let add = try #require(step(explanation, "x.index_add_(0, torch.tensor([0, 2]), torch.ones(2, 4))"))
        #expect(add.text == "adds `torch.ones(2, 4)` float32[2, 4] into the slices of `x` along dim 0 listed in `torch.tensor([0, 2])` = [0, 2]: a region of shape [2, 4], 8 of the 12 elements; in place")
    }
}
