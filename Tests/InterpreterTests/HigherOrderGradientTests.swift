import Testing

/// Higher-order gradients are not built: every way of asking for one (`create_graph=True`
/// on `Tensor.backward`, `torch.autograd.backward` and `torch.autograd.grad`) is refused,
/// since a gradient returned without its graph would make a gradient penalty silently zero.
@Suite("create_graph is refused")
struct HigherOrderGradientTests {
    @Test("each autograd entry point names itself in the refusal", arguments: [
        ("y.backward(create_graph=True)", "backward"),
        ("torch.autograd.backward([y], create_graph=True)", "backward"),
        ("torch.autograd.grad(y, x, create_graph=True)", "grad"),
    ])
    func refused(_ call: String, _ function: String) {
        let program = "import torch\nx = torch.ones(2, requires_grad=True)\ny = (x ** 3).sum()\n\(call)\n"
        #expect(RecordedCaseReplayTests.ModuleTests.output(of: program)
            == "NotImplementedError: \(function)(create_graph=True) (higher-order gradients) is not supported by TensorTutor's autograd yet\n")
    }

    @Test("create_graph=False still gives the gradient")
    func firstOrder() {
        let program = "import torch\nx = torch.ones(2, requires_grad=True)\nprint(torch.autograd.grad((x ** 3).sum(), x, create_graph=False)[0])\n"
        #expect(RecordedCaseReplayTests.ModuleTests.output(of: program) == "tensor([3., 3.])\n")
    }
}
