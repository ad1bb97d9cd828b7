import Interpreter
import Foundation
import Testing
@testable import Lessons

struct GraderTests {
    let grader = Grader(file: "test.md")

    func exercise(setup: String? = "x = torch.arange(12).view(3, 4)", answer: String, check: Check = .value, wrong: [(String, String)] = []) -> Exercise {
        Exercise(
            number: 1, line: 1, prompt: "p", setup: setup.map { CodeText($0, line: 2) }, answer: CodeText(answer, line: 3),
            check: check, hints: ["h"], wrongAnswers: wrong.map { WrongAnswer(code: CodeText($0.0, line: 4), message: $0.1) }
        )
    }

    func grade(_ input: String, _ exercise: Exercise, context: [String: Value] = [:]) -> Verdict {
        grader.grade(CodeText(input, line: 1), for: exercise, context: context)
    }

    func feedback(_ verdict: Verdict, sourceLocation: SourceLocation = #_sourceLocation) -> Feedback? {
        guard case let .incorrect(feedback) = verdict else {
            Issue.record("expected incorrect, got \(verdict)", sourceLocation: sourceLocation)
            return nil
        }
        return feedback
    }

    @Test func anyExpressionWithTheSameValuePasses() {
        let columns = exercise(answer: "x[:, :2]")
        #expect(grade("x[:, 0:2]", columns).isCorrect)
        #expect(grade("x[:, [0, 1]]", columns).isCorrect)
        #expect(grade("y = x[:, :2]", columns).isCorrect, "an assignment grades the assigned value")
        #expect(grade("x[:, :2].clone()", columns).isCorrect)
    }

    @Test func shapeFeedbackNamesTheDim() {
        let text = feedback(grade("x[:, :3]", exercise(answer: "x[:, :2]")))?.text ?? ""
        #expect(text.hasPrefix("Dim 1 differs: yours has size 3, expected 2 (your shape [3, 3], expected [3, 2])."), "\(text)")
        #expect(text.contains("yours:") && text.contains("expected:"), "small tensors are shown side by side: \(text)")
    }

    @Test func rankFeedback() {
        let text = feedback(grade("x[:, 2:3]", exercise(answer: "x[:, 2]")))?.text ?? ""
        #expect(text.hasPrefix("Your result has 2 dims, shape [3, 1]; expected 1 dim, shape [3]."), "\(text)")
        #expect(text.contains("only by dims of size 1"), "\(text)")
    }

    @Test func valueFeedbackShowsWhere() {
        let text = feedback(grade("x[:, 1:3]", exercise(answer: "x[:, :2]")))?.text ?? ""
        #expect(text.hasPrefix("Shape and dtype match, but 6 of 6 values differ:"), "\(text)")
        #expect(text.contains("at [0, 0]: yours 1, expected 0"), "\(text)")
        #expect(text.contains("... and 2 more"), "\(text)")
    }

    @Test func dtypeFeedback() {
        let text = feedback(grade("x.float()", exercise(answer: "x")))?.text ?? ""
        #expect(text.hasPrefix("The shape and values are right, but the dtype is torch.float32; torch.int64 is expected."), "\(text)")
    }

    @Test func typeFeedback() {
        let text = feedback(grade("x.shape[0]", exercise(answer: "x[1, 2]")))?.text ?? ""
        #expect(text == "Your answer is a int; a Tensor is expected.")
    }

    @Test func knownWrongAnswerGivesItsMessage() {
        let trap = exercise(answer: "x[:, :2]", wrong: [("x[:2]", "rows, not columns"), ("x[:0:2]", "one slice on dim 0")])
        let verdict = grade("x[0:0:2]", trap)
        #expect(feedback(verdict) == Feedback(kind: .knownWrong, text: "one slice on dim 0"))
    }

    @Test func knownWrongAnswerMatchesBySameException() {
        let flatten = exercise(setup: "t = torch.arange(6).view(2, 3).t()", answer: "t.reshape(-1)", wrong: [("t.view(-1)", "view cannot")])
        #expect(feedback(grade("t.view(6)", flatten))?.text == "view cannot")
        #expect(feedback(grade("t.foo()", flatten))?.kind == .raised)
    }

    @Test func shapeCheckIgnoresValues() {
        let shaped = exercise(answer: "x[:, :2]", check: .shape)
        #expect(grade("torch.zeros(3, 2)", shaped).isCorrect)
        #expect(!(grade("torch.zeros(2, 3)", shaped).isCorrect))
    }

    @Test func expressionCheck() {
        let anyOrder = exercise(setup: "v = torch.tensor([3, 1, 2])", answer: "v.sort().values",
                                check: .expression(CodeText("torch.equal(answer.sort().values, expected)", line: 5)))
        #expect(grade("v", anyOrder).isCorrect)
        #expect(grade("torch.tensor([2, 3, 1])", anyOrder).isCorrect)
        let text = feedback(grade("v + 1", anyOrder))?.text ?? ""
        #expect(text.contains("is False for your answer"), "\(text)")
    }

    @Test func randomSetupsAreRedrawn() {
        let sum = exercise(setup: "r = torch.randn(3)", answer: "r.sum()")
        #expect(grade("r[0] + r[1] + r[2]", sum).isCorrect)
        // The value shown under seed 0, typed back in, fails once the data is re-drawn.
        CodeExecution.seed(0)
        let shown = ProgramRunner()
        _ = CodeExecution.evaluate(CodeText("r = torch.randn(3)", line: 1), file: "t", in: shown)
        guard case let .value(.tensor(total)) = CodeExecution.evaluate(CodeText("r.sum()", line: 1), file: "t", in: shown) else {
            Issue.record("no value")
            return
        }
        // Typed in, it reads none of the setup's names: a literal copied from the screen.
        let typed = feedback(grade("torch.tensor(\(total.doubles()[0]))", sum))
        #expect(typed?.kind == .literal)
        #expect(typed?.text.contains("typed from the screen") ?? false, "\(typed?.text ?? "")")
        // Kept in a variable made before the setup ran, it is right only for the data shown.
        let kept = feedback(grade("total", sum, context: ["total": .tensor(total)]))
        #expect(kept?.kind == .dependsOnShownData)
        #expect(kept?.text.contains("re-drawn (seed 1, with `r` of shape [3])") ?? false, "\(kept?.text ?? "")")
    }

    @Test func redrawnInputsChangeShapesAndEdgeCasesAreGraded() {
        let rows = Exercise(
            number: 1, line: 1, prompt: "p", setup: CodeText("x = torch.arange(12).view(3, 4)", line: 2),
            answer: CodeText("x[1]", line: 3), check: .value, hints: ["h"], wrongAnswers: [],
            randomInputs: CodeText("x = torch.randint(0, 9, (int(torch.randint(2, 6, ())), 5))", line: 4)
        )
        #expect(grade("x[1, :]", rows).isCorrect)
        #expect(grade("x[-2]", rows).isCorrect == false, "right only when x has 3 rows")
        let softmax = Exercise(
            number: 1, line: 1, prompt: "p", setup: CodeText("x = torch.randn(3, 4)", line: 2),
            answer: CodeText("x.softmax(dim=1)", line: 3), check: .value, hints: ["h"], wrongAnswers: [],
            edgeCases: [EdgeCase(code: CodeText("x[0] = torch.tensor([0., 50., 100., 0.])", line: 4), name: "a wide row")]
        )
        let byMinimum = "(x - x.min(dim=1, keepdim=True).values).exp() / (x - x.min(dim=1, keepdim=True).values).exp().sum(dim=1, keepdim=True)"
        let verdict = feedback(grade(byMinimum, softmax))
        #expect(verdict?.kind == .dependsOnShownData)
        #expect(verdict?.text.contains("one case the exercise also grades: a wide row") ?? false, "\(verdict?.text ?? "")")
        #expect(grade("(x - x.max(dim=1, keepdim=True).values).softmax(dim=1)", softmax).isCorrect)
    }

    @Test func setupVariableAloneIsNotAnAnswer() {
        let undo = exercise(setup: "x = torch.randn(3, 2)\nshifted = x.roll(1, 0)", answer: "shifted.roll(-1, 0)")
        #expect(feedback(grade("x", undo))?.kind == .setupVariable)
        #expect(grade("shifted.roll(1, 0)", undo).isCorrect == false)
    }

    @Test func knownWrongMessageNeedsResemblingCode() {
        let trap = exercise(answer: "x[1]", wrong: [("x[1:2]", "a slice keeps its dim")])
        #expect(feedback(grade("x[1:2, :]", trap))?.kind == .knownWrong)
        #expect(feedback(grade("x[1].unsqueeze(0).view(1, 4).clone()", trap))?.kind == .mismatch)
    }

    @Test func inPlaceAnswersDoNotLeakBetweenRuns() {
        let fill = exercise(setup: "a = torch.zeros(4)\nb = a[1:3]", answer: "b[:] = 7\na")
        #expect(grade("b += 7; a", fill).isCorrect)
        #expect(grade("b.fill_(7); a", fill).isCorrect)
        #expect(feedback(grade("b = b + 7; a", fill))?.kind == .mismatch)
    }

    @Test func sizeEqualsTupleOfInts() {
        let shape = exercise(answer: "x.shape")
        #expect(grade("(3, 4)", shape).isCorrect)
        #expect(grade("x.size()", shape).isCorrect)
        #expect(feedback(grade("(4, 3)", shape))?.text.hasPrefix("Item 0 differs. Your answer is 4; expected 3.") ?? false)
    }

    @Test func floatsCompareWithTolerance() {
        let softmax = exercise(setup: "z = torch.randn(4, 5)", answer: "z.softmax(dim=1)")
        #expect(grade("z.exp() / z.exp().sum(dim=1, keepdim=True)", softmax).isCorrect)
    }

    @Test func noValueAndBrokenReference() {
        #expect(feedback(grade("import math", exercise(answer: "x")))?.kind == .noValue)
        guard case .lessonError = grade("x", exercise(answer: "undefined_name")) else { Issue.record(); return }
    }

    @Test func contextVariablesAreVisible() {
        let context: [String: Value] = ["n": .int(2)]
        #expect(grade("x[:, :n]", exercise(answer: "x[:, :2]"), context: context).isCorrect)
    }

    @Test func predictionsAreValuesTypedIn() {
        let shape = exercise(answer: "x[1:, ::2].shape", check: .predict)
        #expect(grade("(2, 2)", shape).isCorrect)
        #expect(grade("torch.Size([2, 2])", shape).isCorrect)
        #expect(feedback(grade("x[1:, ::2].shape", shape))?.kind == .notAPrediction, "running the code is not predicting")
        #expect(feedback(grade("(3, 2)", shape))?.kind == .mismatch)
        let number = exercise(setup: nil, answer: "F.softmax(torch.tensor([2.0, 0.0, 0.0]), dim=0).max()", check: .predict)
        #expect(grade("0.79", number).isCorrect, "2 decimals are enough")
        #expect(grade("0.787", number).isCorrect)
        #expect(!(grade("0.8", number).isCorrect))
        #expect(grade("math.exp(2) / (math.exp(2) + 2)", number).isCorrect, "arithmetic on numbers is a prediction")
        let undefined = exercise(setup: nil, answer: "F.softmax(torch.full((2,), float('-inf')), dim=0)[0]", check: .predict)
        #expect(grade("float('nan')", undefined).isCorrect)
        #expect(!(grade("0.5", undefined).isCorrect))
    }
}
