# Gaps real training programs hit: the node a tuple index leaves last (full slices are skipped,
# as ATen's applySlice does), numpy's arithmetic ufuncs called as functions. Record with:
# ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2 python3 Tests/Scripts/record_cases.py Tests/Scripts/case_specs/realcode_gaps2.py Tests/InterpreterTests/Fixtures/realcode_gaps2.jsonl
GRAD = "b = torch.ones(3, 2, requires_grad=True) * 2\n"
NP = "import numpy as np\n"

CASES = []
# Each group: a category, the setup every body runs after, and the bodies.
add = lambda category, setup, *bodies: CASES.extend((category, setup + body) for body in bodies)  # noqa: E731


add("index_node", GRAD,
    "b[:]", "b[:10]", "b[0:]", "b[:, :]", "b[:10, :]", "b[0:3, :]", "b[-3:, :]", "b[:2, :]",
    "b[:, :2]", "b[:, 0:2:1]", "b[:, :1]", "b[..., :]", "b[...]", "b[1, :]", "b[0, :2]", "b[0, 1:]",
    "b[:, 1]", "b[None, :]", "b[:, None]", "b[0, :, None]", "b[..., 0]", "b[(slice(None),)]",
    "c = torch.ones(2, 3, 4, requires_grad=True) * 1\n[c[0, 1, :4].grad_fn.name(), c[..., 1, :].grad_fn.name(), c[:, :3, :4].grad_fn.name(), c[:1, ..., :4].grad_fn.name()]",
    "c = torch.ones(2, 3, requires_grad=True)\nv = c[:, :]\nv.sum().backward()\n(v.grad_fn.name(), c.grad)",
)
add("numpy_ufuncs", NP,
    "np.power(0.97, [20, 20, 50])",
    "1.0 - np.power(0.9, np.array([1, 2, 3]))",
    "np.power(np.arange(4, dtype=np.float32), 2.0)",
    "np.power(2, 3)",
    "np.power(2, 0.5)",
    "np.power([1, 2], [3, 4])",
    "np.add([1, 2], 3)",
    "np.subtract(np.ones(2), (1, 2))",
    "np.multiply(np.arange(3), 1.5)",
    "np.divide([1, 2], 2)",
    "np.true_divide(3, 2)",
    "np.floor_divide([7, -7], 2)",
    "np.remainder([7, -7], 3)",
    "np.mod(np.array([5.5]), 2)",
    "np.power(np.array([2]), -1)",
)
add("percent_format_tensor", "t = torch.tensor(2.5)\n",
    "'%.3f|%s|%d|%r|%5.1f|%e' % (t, t, t, t, t, t)",
    "'%.4f' % t",
    "'loss %.5f' % (t * 2)",
    "'%d' % torch.tensor(7)",
    "'x=%s' % torch.ones(2)",
    "'%f' % torch.ones(2)",
    "'%d' % torch.ones(2)",
    "'%x' % torch.tensor(5)",
    "'%x' % torch.tensor(5.0)",
    "'%g' % torch.tensor([1.5], requires_grad=True)",
)
add("numpy_delete", NP,
    "np.delete(np.arange(6).reshape(2, 3), 1, axis=0)",
    "np.delete(np.arange(6).reshape(2, 3), -1, axis=1)",
    "np.delete(np.arange(6).reshape(2, 3), [0, 2], axis=1)",
    "np.delete(np.arange(6).reshape(2, 3), 4)",
    "np.delete(np.arange(5.0), slice(1, 4, 2))",
    "np.delete(np.arange(4), np.array([True, False, True, False]))",
    "np.delete(np.arange(4), [])",
    "np.delete([[1, 2], [3, 4]], 0, 0)",
    "np.delete(np.arange(4), 4)",
    "np.delete(np.arange(4), -5)",
    "np.delete(np.ones((2, 2)), 0, axis=2)",
    "v = np.arange(12.).reshape(4, 3)\nfor _ in range(2):\n    i = np.argmin(v.sum(1))\n    v = np.delete(v, i, axis=0)\nv",
)
MHA = ("torch.manual_seed(0)\nq = torch.randn(4, 2, 8)\nw = torch.randn(24, 8) * 0.3\nb = torch.randn(24) * 0.1\n"
       "ow = torch.randn(8, 8) * 0.3\nob = torch.zeros(8)\n")
add("multi_head_attention_forward", MHA,
    "out, wts = F.multi_head_attention_forward(q, q, q, 8, 2, w, b, None, None, False, 0.0, ow, ob)\n(out[0], wts.shape, wts[0, 0])",
    "out, wts = F.multi_head_attention_forward(q, q, q, 8, 2, None, b, None, None, False, 0.0, ow, ob, training=False,"
    " need_weights=False, use_separate_proj_weight=True, q_proj_weight=w[:8], k_proj_weight=w[8:16], v_proj_weight=w[16:])\n(out[1], wts)",
    "mask = torch.triu(torch.ones(4, 4, dtype=torch.bool), 1)\nout, wts = F.multi_head_attention_forward(q, q, q, 8, 2, w, b, None, None, False,"
    " 0.0, ow, ob, attn_mask=mask, average_attn_weights=False)\n(out[2], wts.shape, wts[0, 1])",
    "kp = torch.tensor([[False, False, True, True], [False, False, False, True]])\nout, _ = F.multi_head_attention_forward(q, q, q, 8, 2,"
    " w, b, None, None, False, 0.0, ow, ob, key_padding_mask=kp)\nout[3]",
    "mha = torch.nn.MultiheadAttention(8, 2)\nx = F.multi_head_attention_forward(q, q, q, 8, 2, mha.in_proj_weight, mha.in_proj_bias, None, None,"
    " False, 0.0, mha.out_proj.weight, mha.out_proj.bias)[0]\ntorch.allclose(x, mha(q, q, q)[0])",
    "F.multi_head_attention_forward(q, q, q, 6, 2, w, b, None, None, False, 0.0, ow, ob)",
    "F.multi_head_attention_forward(q, q, q, 8, 3, w, b, None, None, False, 0.0, ow, ob)",
    "F.multi_head_attention_forward(q, q, q, 8, 2, None, b, None, None, False, 0.0, ow, ob)",
    "F.multi_head_attention_forward(q, q, q, 8, 2, None, b, None, None, False, 0.0, ow, ob, use_separate_proj_weight=True, q_proj_weight=w[:8])",
)
add("eval_builtin", "",
    "def f(examples, labels=None):\n    found = []\n    for name in ['examples', 'labels']:\n        found.append(eval(name))\n    return found\nf(3)",
    "x = 5\neval('x * 2 + 1')",
    "eval('  [i ** 2 for i in range(3)]')",
    "class A:\n    def g(self, a):\n        return eval('self.k + a')\nobj = A()\nobj.k = 2\nobj.g(3)",
    "eval('torch.ones(2) * 3')",
    "eval('1 +')",
    "eval('missing_name')",
    "eval(3)",
)
FE = "a = [torch.ones(2), torch.arange(3.)]\nb = [torch.full((2,), 3.), torch.ones(3)]\n"
add("foreach_ops", FE,
    "r = torch._foreach_mul_(a, 2.0)\n(r is a, a)",
    "torch._foreach_mul_(a, scalar=0.5)\na",
    "torch._foreach_add_(a, b, alpha=2)\na",
    "torch._foreach_add(a, 1)",
    "torch._foreach_lerp_(a, b, weight=0.25)\na",
    "torch._foreach_lerp(a, b, 0.5)",
    "torch._foreach_mul(a, [2, 3])",
    "torch._foreach_sub(a, b)",
    "torch._foreach_div_(a, torch.tensor(2.))\na",
    "torch._foreach_norm(a)",
    "torch._foreach_norm(a, 1)",
    "torch._foreach_sqrt(b)",
    "torch._foreach_zero_(b)\nb",
    "torch._foreach_addcmul_(a, a, a, 0.5)\na",
    "torch._foreach_addcdiv(a, a, [torch.ones(2), torch.ones(3)], [1.0, 2.0])",
    "torch._foreach_copy_(b, a)\nb",
    "torch._foreach_maximum(a, b)",
    "torch._foreach_pow(a, 2)",
    "r = torch._foreach_mul_(tuple(a), 3)\ntype(r).__name__",
    "hasattr(torch, '_foreach_lerp_')",
    "w = torch.ones(2, requires_grad=True)\nout = torch._foreach_mul([w], 3.0)\nout[0].sum().backward()\nw.grad",
    "torch._foreach_add(a, [torch.ones(2)])",
    "torch._foreach_add_([], [])",
    "torch._foreach_mul_([], 2.0)",
)
add("exception_args", "",
    "try:\n    assert 1 == 2\nexcept AssertionError as e:\n    r = (repr(e), e.args, str(e))\nr",
    "try:\n    raise AssertionError\nexcept AssertionError as e:\n    r = (repr(e), e.args)\nr",
    "try:\n    raise ValueError()\nexcept ValueError as e:\n    r = (repr(e), e.args)\nr",
    "try:\n    raise ValueError('')\nexcept ValueError as e:\n    r = (repr(e), e.args)\nr",
    "try:\n    assert False, 'm'\nexcept AssertionError as e:\n    r = (repr(e), e.args)\nr",
    "class MyErr(Exception):\n    pass\ntry:\n    raise MyErr\nexcept MyErr as e:\n    r = (repr(e), e.args)\nr",
    "repr(KeyError())",
    "try:\n    torch.ones(2) + torch.ones(3)\nexcept RuntimeError as e:\n    r = len(e.args)\nr",
)
add("numpy_scalar_conversion", NP,
    "(float(np.array(1.5)), int(np.array(3)), float(torch.tensor(2.0).numpy()), int(np.array(2.7)))",
    "float(torch.ones(1).detach().cpu().data.numpy().reshape(()))",
    "float(np.array([1.5]))",
    "int(np.array([[3]]))",
    "float(np.zeros((2, 2)))",
)
DATA = ("from torch.utils.data import DataLoader, TensorDataset, Sampler, SubsetRandomSampler, WeightedRandomSampler, ConcatDataset\n"
        "torch.manual_seed(0)\nds = TensorDataset(torch.arange(10.).view(5, 2), torch.tensor([0, 1, 0, 1, 1]))\n")
add("samplers_and_concat", DATA,
    "w = WeightedRandomSampler([0.1, 0.9, 0.1, 0.9, 0.5], num_samples=4, replacement=True)\n(list(w), list(w), len(w))",
    "list(WeightedRandomSampler(torch.tensor([1., 2., 3.]), 3, replacement=False))",
    "s = SubsetRandomSampler([0, 2, 4])\n(list(s), len(s), [yb.tolist() for _, yb in DataLoader(ds, batch_size=2, sampler=s)])",
    "class Reverse(Sampler):\n    def __init__(self, n):\n        self.n = n\n    def __iter__(self):\n        return iter(range(self.n - 1, -1, -1))\n"
    "    def __len__(self):\n        return self.n\nloader = DataLoader(ds, batch_size=2, sampler=Reverse(5))\n([xb[:, 0].tolist() for xb, _ in loader], len(loader))",
    "[x.tolist() for x, _ in DataLoader(ds, batch_size=3, sampler=[4, 4, 1])]",
    "c = ConcatDataset([ds, ds])\n(len(c), c.cumulative_sizes, c[7], c[-1][1], len(c.datasets))",
    "[b[1].tolist() for b in DataLoader(ConcatDataset([ds, ds]), batch_size=4, shuffle=True)]",
    "ConcatDataset([ds, ds])[-11]",
    "ConcatDataset([ds, ds])[10]",
    "ConcatDataset([])",
    "WeightedRandomSampler([1.0], 0)",
    "WeightedRandomSampler([[1.0, 2.0]], 1)",
    "DataLoader(ds, sampler=SubsetRandomSampler([0]), shuffle=True)",
)
