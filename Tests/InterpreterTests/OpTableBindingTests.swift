import Ops
import Testing

/// The op table and the interpreter agree: every spelling the table declares exists, and
/// calls through the table bind, convert and reject arguments as PyTorch does.
@Suite("Op table bindings")
struct OpTableBindingTests {
    @Test("every qualified name in the table is reachable from Python")
    func everyNameExists() {
        var probes: [String] = []
        for entry in OpTable.all {
            for name in entry.qualifiedNames {
                let parts = name.split(separator: ".").map(String.init)
                probes.append(parts.first == "Tensor" ? "torch.ones(1).\(parts[1])" : name)
            }
        }
        let source = probes.map { "_probe = \($0)" }.joined(separator: "\n")
        let outcome = StdlibTests.run(source)
        #expect(outcome.error == nil, "\(outcome.error ?? "")")
    }

    @Test("overloads are chosen by the argument kinds, as PyTorch chooses them")
    func overloads() {
        let outcome = StdlibTests.run("""
        x = torch.tensor([[1., 5.], [7., 2.]])
        print(x.max(), torch.max(x, torch.full((2, 2), 3.)), x.max(1).indices)
        print(x.std(False), x.std(0), torch.var(x, dim=1, correction=0))
        print(x.norm('fro'), x.norm(p=1, dim=1))
        """)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == """
        tensor(7.) tensor([[3., 5.],
                [7., 3.]]) tensor([1, 0])
        tensor(2.3848) tensor([4.2426, 2.1213]) tensor([4.0000, 6.2500])
        tensor(8.8882) tensor([6., 9.])

        """)
    }

    @Test("bad arguments get PyTorch's TypeErrors, with the argument's position")
    func argumentErrors() {
        #expect(StdlibTests.run("torch.sum(5)").error == "TypeError: sum(): argument 'input' (position 1) must be Tensor, not int")
        #expect(StdlibTests.run("torch.ones(2).topk('a')").error == "TypeError: topk(): argument 'k' (position 1) must be int, not str")
        #expect(StdlibTests.run("torch.ones(2).sum((0,), foo=1)").error == "TypeError: sum() got an unexpected keyword argument 'foo'")
        #expect(StdlibTests.run("torch.ones(2).cumsum()").error == #"TypeError: cumsum() missing 1 required positional arguments: "dim""#)
    }

    @Test("a call that fits several of PyTorch's overloads, or none, lists them all")
    func invalidCombinations() {
        #expect(StdlibTests.run("torch.ones(2).sum(foo=1)").error == """
        TypeError: sum() received an invalid combination of arguments - got (foo=int, ), but expected one of:
         * (*, torch.dtype dtype = None)
         * (tuple of ints dim, bool keepdim = False, *, torch.dtype dtype = None)

        """)
        #expect(StdlibTests.run("torch.mean(torch.ones(2), 'a')").error?.hasPrefix(
            "TypeError: mean() received an invalid combination of arguments - got (Tensor, str), but expected one of:\n * (Tensor input, *, torch.dtype dtype = None, Tensor out = None)\n") == true)
        #expect(StdlibTests.run("torch.ones(2).sum(0, 1.5)").error == "TypeError: sum(): argument 'keepdim' (position 2) must be bool, not float")
    }

    @Test("too many arguments are refused in PyTorch's words")
    func arityErrors() {
        #expect(StdlibTests.run("torch.ones(2).exp(2)").error == "TypeError: TensorBase.exp() takes no arguments (1 given)")
        #expect(StdlibTests.run("torch.ones(2).exp(y=1)").error == "TypeError: TensorBase.exp() takes no keyword arguments")
        #expect(StdlibTests.run("torch.exp(torch.ones(2), 2)").error == "TypeError: exp() takes 1 positional argument but 2 were given")
        #expect(StdlibTests.run("torch.ones(2).topk(1, 0, True, True, 5)").error
                == "TypeError: topk() takes from 1 to 4 positional arguments but 5 were given")
    }

    @Test("an in-place form writes into its receiver and records the op's gradient")
    func inPlaceForms() {
        let outcome = StdlibTests.run("""
        w = torch.tensor([1., 2.], requires_grad=True)
        z = w * 2
        z.exp_()
        z.sum().backward()
        print(z.grad_fn.name(), w.grad)
        y = torch.tensor([-0.5, 0.5]); y.arcsin_(); print(y)
        """)
        #expect(outcome.stdout == "ExpBackward0 tensor([ 14.7781, 109.1963])\ntensor([-0.5236,  0.5236])\n")
        #expect(StdlibTests.run("torch.ones(2).isnan_()").error == "AttributeError: 'Tensor' object has no attribute 'isnan_'")
    }

    @Test("F. losses from the table: Python's wording for a missing argument, functional.py's warnings")
    func losses() {
        #expect(StdlibTests.run("F.cross_entropy(torch.randn(2, 3))").error == "TypeError: cross_entropy() missing 1 required positional argument: 'target'")
        let outcome = StdlibTests.run("print(F.nll_loss(torch.log_softmax(torch.tensor([[1., 2.], [0., 3.]]), 1), torch.tensor([1, 0]), size_average=False))")
        #expect(outcome.stdout == "tensor(3.3618)\n")
        #expect(outcome.warnings == ["UserWarning: size_average and reduce args will be deprecated, please use reduction='sum' instead."])
        #expect(StdlibTests.run("F.mse_loss(torch.ones(2, 2), torch.ones(2, 2), reduction='avg')").error == "ValueError: avg is not a valid value for reduction")
    }

    @Test("F. activations from the table record PyTorch's nodes, and inplace=True writes into the input")
    func functionalActivations() {
        let outcome = StdlibTests.run("""
        x = torch.tensor([-2.0, 0.5], requires_grad=True)
        print(F.celu(x).grad_fn.name(), F.tanhshrink(x).grad_fn.name(), F.selu(x).grad_fn.name())
        y = torch.tensor([-1.0, 2.0]); F.leaky_relu(y, 0.5, inplace=True); print(y)
        F.tanhshrink(x).sum().backward(); print(x.grad)
        """)
        #expect(outcome.stdout == "CeluBackward0 SubBackward0 EluBackward0\ntensor([-0.5000,  2.0000])\ntensor([0.9293, 0.2136])\n")
    }

    @Test("cumprod's gradient is exact where the input holds zeros")
    func cumprodGradient() {
        let outcome = StdlibTests.run("""
        y = torch.tensor([2., 0., 3., 4.], requires_grad=True)
        z = y.cumprod(0)
        z.sum().backward()
        print(z, y.grad)
        w = torch.tensor([[2., 3., 0.5], [1., 0., 0.]], requires_grad=True)
        w.cumprod(1).sum().backward()
        print(w.grad)
        """)
        #expect(outcome.stdout == """
        tensor([2., 0., 0., 0.], grad_fn=<CumprodBackward0>) tensor([ 1., 32.,  0.,  0.])
        tensor([[5.5000, 3.0000, 6.0000],
                [1.0000, 1.0000, 0.0000]])

        """)
    }
}
