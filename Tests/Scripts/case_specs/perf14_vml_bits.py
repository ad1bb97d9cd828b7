# float32 erfinv, log2 and log10 go to MKL's vector functions in high-accuracy mode, whose
# results are the correctly rounded values but for rare near-ties; the gradient of GELU's
# erf form goes to oneDNN's gelu_erf backward kernel for tensors of two or more elements
# (one element takes ATen's scalar formula). Printed in full and judged bit for bit, over
# random inputs, both erfinv branches (|y| up to 0.7 and beyond, up to the last float
# below 1), strided views, integers, and the special values. Recorded by record_cases.py
# with ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2.
S = "torch.manual_seed(0)\n"
SPECIAL = ("torch.tensor([0.0, -0.0, 1.0, -1.0, 1.5, -2.0, float('nan'), float('inf'), float('-inf'), 1e-45, -1e-40,"
           " 1e-20, 0.99999994, -0.99999994, 0.7, 0.70000005, 0.6999999, 0.995, 0.9953223, 0.99999, 0.5, -0.25])")
POSITIVE = ("torch.cat([torch.rand(200) * 10, torch.rand(50) * 1e-30, torch.randn(50).abs() * 1e30,"
            " torch.tensor([0.0, -0.0, -1.0, float('inf'), float('-inf'), float('nan'), 1.0, 2.0, 1e-45, 10.0])])")
CASES = [("perf14-bits", S + body) for body in [
    "x = torch.rand(300) * 2 - 1\nstr(torch.erfinv(x).tolist())",
    "x = torch.cat([1 - torch.rand(100) * 1e-3, torch.rand(100) * 1e-6 - 1, torch.rand(100) * 0.3 - 1])\nstr(torch.erfinv(x).tolist())",
    "str(torch.erfinv(" + SPECIAL + ").tolist())",
    "x = torch.rand(4, 50).t() * 2 - 1\nstr(torch.erfinv(x).tolist())",
    "str((torch.erfinv(torch.tensor([-1, 0, 1])).tolist(), torch.tensor([0.25, -0.875]).erfinv_().tolist()))",
    "x = " + POSITIVE + "\nstr((x.log2().tolist(), x.log10().tolist(), x[::3].log2().tolist()))",
    "x = (torch.randn(37, 43) * 3).requires_grad_()\ng = torch.randn(37, 43)\nF.gelu(x).backward(g)\nstr(x.grad.tolist())",
    "x = torch.tensor([float('nan'), float('inf'), -float('inf'), 0.0, -0.0, 1e-30, -1e-30, 5.0, -5.0, 10.0, -10.0,"
    " 3.9, -3.9, 0.5, -0.5, 13.5, -13.5, 2.0, -2.0, 1e-4], requires_grad=True)\n"
    "F.gelu(x).backward(torch.linspace(-2, 2, 20))\nstr(x.grad.tolist())",
    "x = torch.tensor([0.3, -1.2], requires_grad=True)\nF.gelu(x[:1]).backward(torch.tensor([1.5]))\n"
    "F.gelu(x).backward(torch.tensor([0.5, 2.0]))\nstr(x.grad.tolist())",
]]
# A transposed input takes other kernels than oneDNN's contiguous one: judged to the usual
# tolerance, not bit for bit.
CASES.append(("perf14", S + "x = torch.randn(19, 23, requires_grad=True)\nF.gelu(x.t()).backward(torch.randn(23, 19))\nx.grad"))
