# addmm, baddbmm, addbmm, addmv and addr (GPT-2's Conv1D calls torch.addmm; attention code
# calls baddbmm): beta * input + alpha * product, with beta=0 ignoring the input, their
# method and in-place forms, grad_fn names, gradients and errors.
SETUP = "torch.manual_seed(0)\nx = torch.randn(2, 3, requires_grad=True)\nw = torch.randn(3, 4, requires_grad=True)\nb = torch.randn(4, requires_grad=True)\n"
CASES = [("linear-algebra", source) for source in [
    SETUP + "y = torch.addmm(b, x, w)\ny.pow(2).sum().backward()\n(y, x.grad, w.grad, b.grad)",
    SETUP + "y = torch.addmm(b, x, w, beta=0.5, alpha=2.0)\ny.sum().backward()\n(y, x.grad, w.grad, b.grad)",
    SETUP + "y = b.addmm(x, w, beta=0)\n(y, y.grad_fn.name())",
    "torch.addmm(torch.tensor([float('nan')]), torch.ones(1, 1), torch.ones(1, 1), beta=0)",
    "torch.addmm(torch.ones(2, 2, dtype=torch.long), torch.ones(2, 2, dtype=torch.long), torch.ones(2, 2, dtype=torch.long), alpha=3)",
    "torch.addmm(torch.ones(3), torch.ones(2, 3), torch.ones(4, 5))",
    "torch.addmm(torch.ones(3), torch.ones(2, 3), torch.ones(3, 4))",
    "c = torch.zeros(2, 4)\nc.addmm_(torch.ones(2, 3), torch.ones(3, 4), alpha=0.5)\nc",
    "torch.manual_seed(0)\nq = torch.randn(2, 3, 4, requires_grad=True)\nk = torch.randn(2, 4, 3, requires_grad=True)\ns = torch.baddbmm(torch.zeros(2, 3, 3), q, k, beta=0.0, alpha=0.5)\ns.sum().backward()\n(s, s.grad_fn.name(), q.grad, k.grad)",
    "torch.manual_seed(0)\nm1 = torch.randn(4, 2, 3, requires_grad=True)\nm2 = torch.randn(4, 3, 2, requires_grad=True)\nout = torch.addbmm(torch.ones(2, 2), m1, m2)\nout.sum().backward()\n(out, out.grad_fn.name(), m1.grad, m2.grad)",
    "torch.manual_seed(0)\nm = torch.randn(2, 3, requires_grad=True)\nv = torch.randn(3, requires_grad=True)\ny = torch.addmv(torch.ones(2), m, v, alpha=2)\ny.sum().backward()\n(y, y.grad_fn.name(), m.grad, v.grad)",
    "v1 = torch.tensor([1., 2.], requires_grad=True)\nv2 = torch.tensor([1., 10., 100.], requires_grad=True)\ny = torch.zeros(2, 3).addr(v1, v2, beta=2, alpha=3)\ny.sum().backward()\n(y, y.grad_fn.name(), v1.grad, v2.grad)",
    "torch.addmv(torch.ones(3), torch.ones(2, 3), torch.ones(4))",
    "torch.baddbmm(torch.ones(3), torch.ones(2, 2, 3), torch.ones(2, 4, 5))",
    "torch.addmm(torch.ones(2, 2, 2), torch.ones(2, 2), torch.ones(2, 2))",
]]
