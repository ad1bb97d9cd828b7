# float32 log2, log10 and erfinv at their edges, judged bit for bit: zero, negative zero,
# negatives, subnormals, the smallest normal, the largest float, inf and nan; every power
# of two (exact logs); values a few ulps around 1 (log near 0, erfinv near its poles);
# lengths that leave a partial vector, strided views, and float64, which keeps its scalar
# path. PyTorch takes the float32 ones from MKL's vector library (vsLog2, vsLog10,
# vsErfInv in high-accuracy mode). Recorded by record_cases.py with
# ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2.
EDGES = ("torch.tensor([0.0, -0.0, -1.0, -1e-45, float('inf'), float('-inf'), float('nan'), 1.0, 2.0, 0.5,"
         " 10.0, 100.0, 1e10, 1e-45, 1.1754942e-38, 1.17549435e-38, 3.4028235e38, 0.99999994, 1.0000001,"
         " 0.9999, 1.0001, 1024.0, 3.0, 7.0, 1e-30, 6.5e-39, 0.70710677, 1.4142135, 1e30, 123.456])")
NEAR_ONE = "(1 + torch.arange(-64, 65) * 2.0 ** -23)"
POWERS = "torch.tensor([2.0 ** k for k in range(-149, 128)])"
INVERSE_EDGES = ("torch.tensor([0.0, -0.0, 1.0, -1.0, 1.0000001, -1.5, float('inf'), float('-inf'), float('nan'),"
                 " 1e-45, -1e-45, 1e-38, 1e-30, 1e-10, 0.99999994, -0.99999994, 0.9999999, 0.999, 0.7,"
                 " 0.70000005, 0.6999999, 0.9953223, 0.5, -0.25, 0.1, 0.99, -0.995])")
NEAR_POLES = "torch.cat([1 - torch.arange(1, 65) * 2.0 ** -24, torch.arange(1, 65) * 2.0 ** -24 - 1])"
CASES = [("log-erfinv-edges-bits", body) for body in [
    "x = " + EDGES + "\nstr((x.log2().tolist(), x.log10().tolist()))",
    "x = " + EDGES + "\nstr((x[::3].log2().tolist(), x[1::2].log10().tolist(), x[:13].log2().tolist()))",
    "x = " + NEAR_ONE + "\nstr((x.log2().tolist(), x.log10().tolist()))",
    "x = " + POWERS + "\nstr((x.log2().tolist(), x.log10().tolist()))",
    "x = " + POWERS + "[:272].view(16, 17).t()\nstr((x.log2().tolist(), x.log10().tolist()))",
    "str(torch.erfinv(" + INVERSE_EDGES + ").tolist())",
    "x = " + INVERSE_EDGES + "\nstr((torch.erfinv(x[::2]).tolist(), torch.erfinv(x[:9]).tolist()))",
    "str(torch.erfinv(" + NEAR_POLES + ").tolist())",
    "str(torch.erfinv(" + NEAR_POLES + ".view(8, 16).t()).tolist())",
]]
# float64 goes to MKL's vdLog2, vdLog10 and vdErfInv as well, while ours stays the
# scalar libm and calc_erfinv path (erfinv differs by up to ~2e-11 relative near ±1):
# judged to the usual tolerance, not bit for bit.
CASES += [("log-erfinv-edges", body) for body in [
    "x = " + EDGES + ".double()\n(x.log2(), x.log10())",
    "torch.erfinv(" + INVERSE_EDGES + ".double())",
]]
