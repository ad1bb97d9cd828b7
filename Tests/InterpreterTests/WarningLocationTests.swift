import Diagnostics
import Interpreter
import Testing

/// Where a warning is tagged: the line of the statement that called the torch function,
/// inside a function too, as CPython's stack frame gives it (checked against PyTorch 2.15).
@Suite("warning locations")
struct WarningLocationTests {
    private func warnings(_ source: String) -> [(message: String, line: Int)] {
        var seen: [(String, Int)] = []
        let runner = ProgramRunner()
        runner.onEvent = { event in
            if case let .warning(message, line) = event { seen.append((message, line)) }
        }
        runner.run(SourceFile(name: "program.py", text: source))
        return seen
    }

    @Test("a warning raised inside a function names the line in the function, and the caller's line comes back after")
    func insideFunctions() {
        let found = warnings("""
            import torch
            def spatial(a, b):
                d = a - b
                return torch.frobenius_norm(d, dim=-1)
            def total(a, b):
                return spatial(a, b).mean()
            x = total(torch.ones(2, 3), torch.zeros(2, 3))
            y = torch.ones(3).expand(2, 3)
            z = torch.nn.functional.mse_loss(torch.ones(2, 1), y)
            """)
        #expect(found.map(\.line) == [4, 9], "\(found)")
        #expect(found.first?.message.hasPrefix("at::frobenius_norm is deprecated") == true)
    }

    @Test("PyTorch's warn-once warnings show once per program, at the first call")
    func oncePerProgram() {
        let found = warnings("""
            import torch
            a = torch.meshgrid(torch.arange(2), torch.arange(3))
            b = torch.meshgrid(torch.arange(2), torch.arange(2))
            """)
        #expect(found.count == 1 && found.first?.line == 2, "\(found)")
        #expect(found.first?.message.hasSuffix("(Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/TensorShape.cpp:4207.)") == true)
    }
}
