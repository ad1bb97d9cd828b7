# torch.autograd.Function: forward runs without grad, one node named CLASSBackward maps
# gradients through the user's backward, with ctx.save_for_backward, needs_input_grad,
# mark_non_differentiable, materialized zero gradients, setup_context, and PyTorch's
# errors for a wrong number or shape of gradients. Also the in-place forms of
# addcmul/addcdiv/lerp/cumsum that hand-written optimizers use, and `.data` writes,
# which autograd's version check does not see.
GR = """from torch.autograd import Function
class GR(Function):
    @staticmethod
    def forward(ctx, x, a):
        ctx.a = a
        return x.view_as(x)
    @staticmethod
    def backward(ctx, g):
        return -ctx.a * g, None
"""
EXP = """class Exp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, i):
        result = i.exp()
        ctx.save_for_backward(result)
        print('needs', ctx.needs_input_grad, torch.is_grad_enabled())
        return result
    @staticmethod
    def backward(ctx, grad_output):
        result, = ctx.saved_tensors
        print('backward grad enabled', torch.is_grad_enabled())
        return grad_output * result
"""
def fn(name, forward, backward, params="ctx, x"):
    return (f"class {name}(torch.autograd.Function):\n    @staticmethod\n    def forward({params}):\n"
            + "".join("        " + line + "\n" for line in forward.split("\n"))
            + "    @staticmethod\n    def backward(ctx, *grads):\n"
            + "".join("        " + line + "\n" for line in backward.split("\n")))

CASES = [("autograd", source) for source in [
    GR + "x = torch.ones(2, requires_grad=True)\ny = GR.apply(x, 0.5)\nprint(y, y.grad_fn.name(), type(y.grad_fn).__name__)\n(y * torch.tensor([1., 2.])).sum().backward()\nx.grad",
    EXP + "t = torch.tensor([0., 1.], requires_grad=True)\ne = Exp.apply(t)\nprint(e)\ne.sum().backward()\nt.grad",
    EXP + "t = torch.tensor([0., 1.], requires_grad=True)\nwith torch.no_grad():\n    e = Exp.apply(t)\n(e, Exp.apply(torch.tensor([0.])))",
    fn("Two", "return x + y, x * y", "print('grads', grads)\nreturn grads", "ctx, x, y") + "a = torch.tensor([1., 2.], requires_grad=True)\nb = torch.tensor([3., 4.], requires_grad=True)\ns, p = Two.apply(a, b)\nprint(s, p)\ns.sum().backward()\n(a.grad, b.grad)",
    fn("Bad", "return x * 2", "return grads[0], grads[0]") + "Bad.apply(torch.ones(2, requires_grad=True)).sum().backward()",
    fn("BadShape", "return x * 2", "return torch.ones(3)") + "BadShape.apply(torch.ones(2, requires_grad=True)).sum().backward()",
    fn("BadType", "return x * 2", "return 'g'") + "BadType.apply(torch.ones(2, requires_grad=True)).sum().backward()",
    fn("STE", "return x.round()", "return grads[0]") + "w = torch.tensor([0.4, 1.6], requires_grad=True)\nq = STE.apply(w * 3)\nprint(q)\nq.pow(2).sum().backward()\nw.grad",
    fn("Ident", "return x", "return grads[0] * 10") + "z = torch.ones(2, requires_grad=True)\no = Ident.apply(z)\nprint(o is z, z.is_leaf, o.grad_fn.name())\no.sum().backward()\nz.grad",
    fn("ND", "v, i = x.max(0)\nctx.mark_non_differentiable(i)\nctx.save_for_backward(x, i)\nreturn v, i",
       "x, i = ctx.saved_tensors\nprint('gi', grads[1])\ng = torch.zeros_like(x); g[i] = grads[0]\nreturn g") + "m = torch.tensor([1., 5., 3.], requires_grad=True)\nv, i = ND.apply(m)\nprint(v, i, i.requires_grad)\nv.backward()\nm.grad",
    "class NoBack(torch.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        return x + 1\nNoBack.apply(torch.ones(1, requires_grad=True)).backward()",
    "class MulConst(torch.autograd.Function):\n    @staticmethod\n    def forward(x, k):\n        return x * k\n    @staticmethod\n    def setup_context(ctx, inputs, output):\n        ctx.k = inputs[1]\n    @staticmethod\n    def backward(ctx, g):\n        return g * ctx.k, None\ny = torch.ones(2, requires_grad=True)\nz = MulConst.apply(y, 4.0)\nprint(z)\nz.sum().backward()\ny.grad",
    fn("Clamp", "ctx.save_for_backward(x)\nctx.lo, ctx.hi = lo, hi\nreturn x.clamp(lo, hi)", "x, = ctx.saved_tensors\nprint(ctx.needs_input_grad)\nreturn grads[0] * ((x >= ctx.lo) & (x <= ctx.hi)), None, None", "ctx, x, lo, hi") + "w = torch.tensor([-2., 0.5, 3.], requires_grad=True)\nout = Clamp.apply(w * 1, -1, 1)\nprint(out)\nout.sum().backward()\nw.grad",
    fn("Sq", "ctx.save_for_backward(x)\nreturn x ** 2", "x, = ctx.saved_tensors\nreturn 2 * x * grads[0]") + "p = torch.tensor([3.], requires_grad=True)\nq = Sq.apply(Sq.apply(p))\nprint(q)\nq.backward()\n(p.grad, torch.autograd.grad(Sq.apply(p).sum(), p), issubclass(Sq, torch.autograd.Function), Sq.apply(torch.tensor([2.])).requires_grad)",
    fn("ToInt", "return (x > 0).long(), x * 2", "return grads[1] * 2") + "u = torch.tensor([1., -1.], requires_grad=True)\na, b = ToInt.apply(u)\nprint(a, b)\nb.sum().backward()\nu.grad",
    GR + "from torch.autograd.function import once_differentiable\nimport torch.nn as nn\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        torch.manual_seed(0)\n        self.feat = nn.Linear(3, 4)\n        self.dom = nn.Linear(4, 1)\n    def forward(self, x, alpha):\n        return self.dom(GR.apply(self.feat(x), alpha))\nnet = Net()\nnet(torch.randn(5, 3), 0.3).sum().backward()\n(net.feat.weight.grad, net.dom.weight.grad, once_differentiable(len)('ab'))",
]] + [("inplace", source) for source in [
    "torch.manual_seed(0)\ng = torch.randn(4)\ns = torch.zeros(4)\ns.mul_(0.9).addcmul_(g, g, value=0.1)\np = torch.ones(4)\np.addcdiv_(g, s.sqrt().add_(1e-8), value=-0.01)\nm = torch.zeros(4)\nm.lerp_(g, 0.1)\n(s, p, m)",
    "c = torch.arange(1., 5.)\nc.cumsum_(0)\nd = c.clone().cumprod_(0)\nf = torch.tensor([5., -3., 7.]).fmod_(2)\nh = torch.tensor([3., 0.]).hypot_(torch.tensor([4., 2.]))\nv = torch.tensor([-1., 0., 2.]).heaviside_(torch.tensor([0.5]))\n(c, d, f, h, v)",
    "x = torch.ones(3, requires_grad=True)\ny = x * 2\ny.addcmul_(x, x, value=3)\nz = x * 1\nz.lerp_(torch.zeros(3), 0.25)\n(y + z).sum().backward()\n(y, z, x.grad)",
    "torch.ones(3, dtype=torch.long).addcdiv_(torch.ones(3), torch.ones(3))",
    "torch.ones(3).addcmul_(torch.ones(2, 3), torch.ones(3))",
    "x = torch.ones(3, requires_grad=True)\ny = x.exp()\ny.data.mul_(2)\ny.sum().backward()\nw = torch.ones(2, requires_grad=True)\nz = (w * w).sum()\nw.data.add_(1)\nz.backward()\n(x.grad, w.grad, w.data.data_ptr() == w.data_ptr())",
]]
