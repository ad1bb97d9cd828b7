import Diagnostics
import Interpreter
import PySyntax
import Testing

/// The autograd graph drawing of `:graph` and `explain --graph`: PyTorch's node names
/// in PyTorch's edge order (checked against `next_functions` in PyTorch 2.15), output
/// shapes, and leaves named after the parameters they are.
@Suite("Autograd graph drawing")
struct AutogradGraphTests {
    private func drawing(_ program: String, _ expression: String) throws -> String {
        let runner = ProgramRunner()
        #expect(runner.run(SourceFile(name: "<graph>", text: program)))
        let value = try runner.interpreter.evaluate(try PythonParser.parseExpression(SourceFile(name: "<expr>", text: expression)),
                                                    in: SourceFile(name: "<expr>", text: expression))
        return try runner.interpreter.graphDrawing(of: value)
    }

    @Test("a linear layer's loss: nodes, shapes and named parameters")
    func linearLoss() throws {
        let text = try drawing("""
            _ = torch.manual_seed(0)
            net = nn.Linear(4, 3)
            x = torch.randn(5, 4)
            loss = F.cross_entropy(net(x), torch.tensor([0, 1, 2, 1, 0]))
            """, "loss")
        #expect(text == """
            NllLossBackward0 → []
            └─ LogSoftmaxBackward0 → [5, 3]
               └─ AddmmBackward0 → [5, 3]
                  ├─ AccumulateGrad net.bias [3]
                  └─ TBackward0 → [4, 3]
                     └─ AccumulateGrad net.weight [3, 4]

            """)
    }

    @Test("a node reached twice is drawn once")
    func sharedNode() throws {
        let text = try drawing("a = torch.ones(3, requires_grad=True)\nb = a.exp()\nc = b * b.sum()", "c")
        #expect(text == """
            MulBackward0 → [3]
            ├─ ExpBackward0 → [3]
            │  └─ AccumulateGrad a [3]
            └─ SumBackward0 → []
               └─ ExpBackward0 → [3]  (drawn above)

            """)
    }

    @Test("leaves and tensors outside autograd say so")
    func noGraph() throws {
        #expect(try drawing("a = torch.ones(2, requires_grad=True)", "a").hasPrefix("a leaf: requires_grad=True"))
        #expect(try drawing("a = torch.ones(2)", "a * 2").hasPrefix("no graph: this tensor does not require grad"))
    }
}
