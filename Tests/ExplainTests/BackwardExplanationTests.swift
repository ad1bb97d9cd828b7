@testable import Explain
import Testing

/// `explain` through `backward()` and `optimizer.step()`: what the gradients are, which
/// loss terms made them, and the pitfalls only the backward pass shows.
@Suite("explanations through the backward pass")
struct BackwardExplanationTests {
    static let cleanDistillation = """
    torch.manual_seed(0)
    student = nn.Linear(16, 10)
    teacher = nn.Linear(16, 10)
    opt = torch.optim.SGD(student.parameters(), lr=0.1, momentum=0.9)
    x = torch.randn(8, 16)
    y = torch.randint(0, 10, (8,))
    T = 4.0
    with torch.no_grad():
        t_logits = teacher(x)
    s_logits = student(x)
    ce = F.cross_entropy(s_logits, y)
    kd = F.kl_div(F.log_softmax(s_logits / T, dim=1), F.softmax(t_logits / T, dim=1), reduction='batchmean') * T * T
    loss = 0.5 * ce + 0.5 * kd
    opt.zero_grad()
    loss.backward()
    opt.step()
    """

    @Test("the seed's distillation term is dead, and its NaN does not reach the gradients")
    func deadDistillationTerm() throws {
        let explanation = explain(Fixtures.distillation + "\n    loss.backward()\n", prelude: Fixtures.distillationPrelude)
        let dead = try #require(explanation.findings.first { $0.code == "dead-loss-term" })
        #expect(dead.line == 17)
        #expect(dead.notes.first == "it is computed from `outputs[:0:self.strat_num]`, which has no elements, so there is nothing for a gradient to flow through")
        #expect(!explanation.findings.contains { $0.code == "nan-gradient" })
        let nanLoss = explanation.findings.filter { $0.code == "nan-produced" }
        #expect(!nanLoss.isEmpty)
        #expect(nanLoss.allSatisfy { $0.notes.last == "after `backward()` on line 19, every gradient is finite: this NaN does not reach any parameter" })
        let backward = try #require(explanation.steps.first { $0.operation == "backward" })
        #expect(backward.notes.contains("`self.net.weight`.grad: float32[10, 16], ‖g‖ = 1.295, all finite"))
        #expect(backward.notes.contains("term `10 * loss_distill` (line 17) sends no gradient to any leaf (see dead-loss-term)"))
    }

    @Test("a correct distillation step with SGD and momentum raises no warning, and explains its terms and update")
    func cleanStep() throws {
        let explanation = explain(Self.cleanDistillation)
        #expect(alarms(explanation).isEmpty)
        let backward = try #require(explanation.steps.first { $0.operation == "backward" })
        #expect(backward.text == "backpropagates from this loss through its graph of 15 ops to the 2 leaves that require grad, and stores each gradient in its `.grad`")
        #expect(backward.notes.contains { $0.hasPrefix("term `0.5 * kd` (line 12) reaches `student.bias` ‖g‖ 0.08223") })
        let closedForm = try #require(backward.notes.first { $0.hasPrefix("the cross-entropy's gradient") })
        #expect(closedForm.hasPrefix("the cross-entropy's gradient on its logits `s_logits` is (softmax(`s_logits`) − onehot(`y`)) / 8: for row 0 (target 3)"))
        let distillation = try #require(backward.notes.first { $0.hasPrefix("the KL term's gradient") })
        #expect(distillation.hasPrefix("the KL term's gradient on the student's logits `s_logits` is (p_s − p_t) / (T·N) = (p_s − p_t) / 32"))
        #expect(distillation.contains("the factor T² makes it T·(p_s − p_t)/N"))
        let update = try #require(explanation.steps.first { $0.operation == "optimizer step" })
        #expect(update.notes == ["`student.weight`: ‖Δw‖ = 0.07057 (3.852% of ‖w‖ = 1.832)", "`student.bias`: ‖Δw‖ = 0.01902 (4.57% of ‖w‖ = 0.4162)"])
    }

    @Test("a NaN gradient is reported at the op whose backward made it: sqrt under a where")
    func nanGradientAtSqrt() throws {
        let explanation = explain("""
        x = torch.tensor([0.0, 1.0, 4.0], requires_grad=True)
        y = torch.where(x > 0, torch.sqrt(x), torch.zeros(3))
        loss = y.sum()
        loss.backward()
        """)
        let finding = try #require(explanation.findings.first { $0.code == "nan-gradient" })
        #expect(finding.line == 2)
        #expect(finding.column == 24)
        #expect(finding.notes.first == "after `backward()` on line 4, the gradient of `x` holds NaN or ±inf")
    }

    @Test("a term computed under no_grad is dead, and says why")
    func noGradTerm() throws {
        let explanation = explain("""
        w = torch.ones(3, requires_grad=True)
        x = torch.tensor([1., 2., 3.])
        main = (w * x).sum()
        with torch.no_grad():
            extra = (w * x * 2).sum()
        loss = main + extra
        loss.backward()
        """)
        let dead = try #require(explanation.findings.first { $0.code == "dead-loss-term" })
        #expect(dead.line == 5)
        #expect(dead.notes.first?.hasPrefix("it does not require grad") == true)
    }

    @Test("the seed's statements: no_grad, the alias of the labels, and the clone nothing needs")
    func seedStatements() throws {
        let explanation = explain(Fixtures.distillation + "\n    loss.backward()\n", prelude: Fixtures.distillationPrelude)
        let alias = try #require(explanation.steps.first { $0.operation == "alias" })
        #expect(alias.text.hasPrefix("`target_curr` is `label`: another name for the same int64[8] tensor, not a copy"))
        let noGrad = try #require(explanation.steps.first { $0.operation == "no_grad" })
        #expect(noGrad.line == 14)
        #expect(noGrad.text.contains("no graph is recorded"))
        let loop = try #require(explanation.steps.first { $0.operation == "loop" })
        #expect(loop.text == "runs the loop body once per item of `self.train_loader` (1 item), binding `i` to the item's position (0, 1, …) "
                + "and `(x, label)` to the item itself. The first item is (float32[8, 16], int64[8]).")
        let clone = try #require(explanation.findings.first { $0.code == "unneeded-clone" })
        #expect(clone.line == 9)
        #expect(clone.severity == .info)
    }

    @Test("a clone whose copy is written in place is needed")
    func neededClone() {
        let explanation = explain("x = torch.randn(3)\ny = x.clone()\ny[0] = 1.0")
        #expect(!explanation.findings.contains { $0.code == "unneeded-clone" })
    }

    @Test("cross_entropy on a softmax output gets the logits as its fix")
    func softmaxBeforeCrossEntropy() throws {
        let explanation = explain("z = torch.randn(4, 5)\ny = torch.tensor([1, 0, 3, 2])\np = F.softmax(z, dim=1)\nloss = F.cross_entropy(p, y)")
        let finding = try #require(explanation.findings.first { $0.code == "softmax-before-cross-entropy" })
        #expect(finding.line == 4)
        #expect(finding.fix?.replacement == "z")
        #expect(alarms(explain("z = torch.randn(4, 5)\ny = torch.tensor([1, 0, 3, 2])\nloss = F.cross_entropy(z, y)")).isEmpty)
    }

    @Test("an in-place write to a tensor a backward node saved is the error, at the write")
    func inPlaceVersion() throws {
        let explanation = explain("w = torch.randn(4, 3, requires_grad=True)\nx = torch.randn(2, 4)\nh = x @ w\na = torch.sigmoid(h)\na += 1\nloss = a.sum()\nloss.backward()")
        let finding = try #require(explanation.findings.first { $0.code == "inplace-version" })
        #expect(finding.line == 5)
        #expect(finding.severity == .error)
        #expect(finding.notes.first == "`SigmoidBackward0` (the backward of `torch.sigmoid(h)` on line 4) saved `a` at version 0 to compute its gradient")
        #expect(explanation.error?.type == "RuntimeError")
    }

    @Test("a teacher run with a graph is trained by the distillation loss: reported at its forward call")
    func teacherGradient() throws {
        let code = """
        torch.manual_seed(0)
        student = nn.Linear(16, 10)
        teacher = nn.Linear(16, 10)
        x = torch.randn(8, 16)
        t_logits = teacher(x)
        s_logits = student(x)
        loss = F.kl_div(F.log_softmax(s_logits, dim=1), F.softmax(t_logits, dim=1), reduction='batchmean')
        loss.backward()
        """
        let finding = try #require(explain(code).findings.first { $0.code == "teacher-gradient" })
        #expect(finding.line == 5)
        #expect(finding.notes.first?.hasSuffix("`backward()` sends gradients to `teacher.bias`, `teacher.weight`") == true)
        #expect(!explain(Self.cleanDistillation).findings.contains { $0.code == "teacher-gradient" })
    }

    @Test("kl_div with the default 'mean' is divided by N·C: kl-div-reduction, and 'batchmean' is clean")
    func klDivReduction() throws {
        let setup = "s = torch.randn(8, 10)\nt = torch.randn(8, 10)\n"
        let finding = try #require(explain(setup + "loss = F.kl_div(F.log_softmax(s, dim=1), F.softmax(t, dim=1))").findings.first { $0.code == "kl-div-reduction" })
        #expect(finding.line == 3)
        #expect(finding.notes.first == "reduction='mean' (the default) divides the summed KL by every element of `F.log_softmax(s, dim=1)`: 80 = 8 × 10, not by the batch size 8")
        #expect(explain(setup + "loss = F.kl_div(F.log_softmax(s, dim=1), F.softmax(t, dim=1), size_average=True)").findings.contains { $0.code == "kl-div-reduction" })
        #expect(alarms(explain(setup + "loss = F.kl_div(F.log_softmax(s, dim=1), F.softmax(t, dim=1), reduction='batchmean')")).isEmpty)
        #expect(alarms(explain(setup + "loss = F.kl_div(F.log_softmax(s, dim=1), F.softmax(t, dim=1), size_average=False)")).isEmpty)
        // torch.kl_div's third argument is ATen's integer reduction, and its default reduces nothing:
        // it is not F.kl_div's size_average, and the finding's 'batchmean' advice does not apply to it.
        #expect(alarms(explain(setup + "loss = torch.kl_div(F.log_softmax(s, dim=1), F.softmax(t, dim=1))")).isEmpty)
        #expect(alarms(explain(setup + "loss = torch.kl_div(F.log_softmax(s, dim=1), F.softmax(t, dim=1), 2)")).isEmpty)
    }

    @Test("a masked softmax's -inf positions get exactly zero gradient, and the step says so")
    func maskedSoftmaxGradient() throws {
        let code = """
        torch.manual_seed(0)
        q = torch.randn(4, 8, requires_grad=True)
        k = torch.randn(4, 8, requires_grad=True)
        scores = q @ k.T / 8 ** 0.5
        mask = torch.triu(torch.ones(4, 4), diagonal=1).bool()
        att = scores.masked_fill(mask, float('-inf')).softmax(dim=-1)
        loss = (att * torch.randn(4, 4)).sum()
        loss.backward()
        """
        let backward = try #require(explain(code).steps.first { $0.operation == "backward" })
        #expect(backward.notes.contains("the softmax on line 6: its 6 masked positions (-inf) get exactly zero gradient, so masked scores do not learn from this loss"))
    }
}
