import Diagnostics
@testable import Explain
import Interpreter
import Testing

/// Runs `code` after `prelude` in a fresh session and explains it.
func explain(_ code: String, prelude: String? = nil) -> Explanation {
    let runner = ProgramRunner()
    if let prelude { runner.run(SourceFile(name: "prelude.py", text: prelude)) }
    return Explainer(interpreter: runner.interpreter).explain(SourceFile(name: "program.py", text: code))
}

/// Warnings and errors as `code@line`, in report order.
func alarms(_ explanation: Explanation) -> [String] {
    explanation.findings.filter { $0.severity != .info }.map { "\($0.code)@\($0.line)" }
}

@Suite("the findings catalogue, on programs with known pitfalls and on clean ones")
struct PitfallCatalogueTests {
    @Test("each program gets exactly its codes at its lines", arguments: Fixtures.programs)
    func expectedFindings(_ program: PitfallProgram) {
        let explanation = explain(program.code, prelude: program.prelude)
        #expect(alarms(explanation).sorted() == program.expected.sorted(), "\(program.name)")
    }

    @Test("the distillation code: both empty slices get the [:, 0:k] fix")
    func emptySliceFixes() {
        let explanation = explain(Fixtures.distillation, prelude: Fixtures.distillationPrelude)
        let fixes = explanation.findings.filter { $0.code == "empty-slice" }.compactMap { $0.fix?.replacement }
        #expect(fixes == ["outputs_old[:, 0:self.strat_num]", "outputs[:, 0:self.strat_num]"])
    }

    @Test("the distillation code: BCE's fix is the KL form with T on both sides and T²")
    func bceFix() throws {
        let explanation = explain(Fixtures.distillation, prelude: Fixtures.distillationPrelude)
        let bce = try #require(explanation.findings.first { $0.code == "bce-on-softmax" })
        // The student's empty slice is corrected inside the suggestion, so it is code that works.
        #expect(bce.fix?.replacement == "F.kl_div(F.log_softmax(outputs[:, 0:self.strat_num] / 2.0, dim=1), F.softmax(t_one_hot / 2.0, dim=1), reduction='batchmean') * 2.0 * 2.0")
        #expect(bce.notes.contains("the suggestion includes the empty-slice fix from line 17: `outputs[:, 0:self.strat_num]`"))
        #expect(bce.notes.contains("`t_one_hot` still needs the empty-slice fix on line 16 for this to run as meant"))
        let temperature = try #require(explanation.findings.first { $0.code == "temperature-mismatch" })
        #expect(temperature.message == "the temperature T = 2.0 is applied to the student only")
        #expect(temperature.fix?.replacement == "F.softmax(t_one_hot / 2.0, dim=1)")
    }

    @Test("the seed's empty t_one_hot is judged from what it was cut from: the teacher's logits")
    func oneHotMessage() throws {
        let explanation = explain(Fixtures.distillation, prelude: Fixtures.distillationPrelude)
        let finding = try #require(explanation.findings.first { $0.code == "one-hot-misnomer" })
        #expect(finding.line == 16)
        #expect(finding.message.hasPrefix("`t_one_hot` is not one-hot: it holds no values (it is empty), and it is cut from `outputs_old`, which holds real-valued scores"))
    }

    @Test("one-hot-misnomer never names an assignment target that is not a variable, nor sigmoid soft targets")
    func oneHotRoles() {
        let iCaRL = """
        old_onehots = torch.sigmoid(torch.randn(4, 3))
        new_onehots = F.one_hot(torch.tensor([3, 4, 3, 4]), 5).float()
        new_onehots[:, :3] = old_onehots
        """
        #expect(!explain(iCaRL).findings.contains { $0.code == "one-hot-misnomer" })
        #expect(explain("t_onehot = torch.randn(4, 3) * 5").findings.contains { $0.code == "one-hot-misnomer" })
    }

    @Test("target-out-of-range suggests shifting by the slice start")
    func targetShift() throws {
        let program = try #require(Fixtures.programs.first { $0.name.hasPrefix("targets not shifted") })
        let finding = try #require(explain(program.code).findings.first { $0.code == "target-out-of-range" })
        #expect(finding.fix?.replacement == "labels - 5")
        #expect(finding.severity == .error)
    }

    @Test("shape-mismatch draws both shapes right-aligned and marks the clash")
    func shapeDrawing() throws {
        let finding = try #require(explain("a = torch.randn(2, 3)\nb = torch.randn(4)\nc = a + b").findings.first)
        let drawing = finding.notes[0]
        #expect(drawing.contains("`a`  [2  3]"))
        #expect(drawing.contains("`b`  [   4]"))
        #expect(drawing.contains("^ sizes clash here"))
        #expect(finding.notes.contains("`b` would fit with shape [3] (or size 1 at that dim)"))
    }

    @Test("view-noncontiguous offers reshape and names the dims")
    func viewFix() throws {
        let finding = try #require(explain("x = torch.randn(3, 4).t()\ny = x.view(12)").findings.first)
        #expect(finding.fix?.replacement == "x.reshape(12)")
        #expect(finding.notes.contains { $0.hasPrefix("dims 0 and 1 are not contiguous: dim 0 steps 1 elements, but would need to step 12 (= stride 4 × size 3 of dim 1)") })
    }

    @Test("index and dim errors spell out the valid range")
    func ranges() throws {
        let index = try #require(explain("x = torch.randn(3, 4)\ny = x[:, 4]").findings.first)
        #expect(index.notes == ["valid indices for dim 1 are 0…3, or -4…-1 counted from the end"])
        let dim = try #require(explain("x = torch.randn(3, 4)\ny = x.sum(dim=2)").findings.first)
        #expect(dim.message == "dim 2 is out of range for a 2-D tensor: float32[3, 4]")
    }

    @Test("the Swin block reports -100 as a mask value, as an info only")
    func maskInfo() {
        let explanation = explain(Fixtures.attentionBias, prelude: Fixtures.attentionPrelude)
        #expect(explanation.findings.map(\.code) == ["mask-value"])
        #expect(explanation.findings.allSatisfy { $0.severity == .info })
    }
}
