# torch.pow on float32 and float64 printed in full (tolist), judged bit for bit ("-bits").
# PyTorch's CPU kernel runs SLEEF's powf on whole vector blocks (16 floats on AVX2) and
# std::pow on the tail and on strided rows: pow in double for a Python-number exponent,
# powf for a tensor one. SLEEF differs from the rounded double result on about 2% of
# inputs, so both halves show up here: 520 elements are 32 blocks and a tail of 8.
# 2, 3, -2, -1, -0.5 have exact forms of their own (x*x, ..., 1/sqrt), 0 fills ones and
# 1 copies. Recorded by record_cases.py.
CASES = []
EXPONENTS = ["4", "5", "-3", "1.5", "2.5", "7", "10", "0.1", "1/3", "-2.5", "2", "3", "-2", "-1", "1", "0", "True"]
for seed, scale, exponents in [(1, 4, EXPONENTS), (2, 0.001, EXPONENTS[:9]), (3, 300, EXPONENTS[:9])]:
    setup = f"torch.manual_seed({seed})\nx = torch.randn(520) * {scale}\n"
    for exponent in exponents:
        CASES.append(("pow-bits", setup + f"(x ** {exponent}).tolist()"))
setup = "torch.manual_seed(4)\nx = torch.randn(520) * 4\ny = torch.randn(520) * 3\n"
CASES += [("pow-bits", setup + "(x ** y).tolist()"),
          ("pow-bits", setup + "(x.abs() ** y).tolist()"),
          ("pow-bits", setup + "torch.pow(2, y).tolist()"),
          ("pow-bits", setup + "torch.pow(-1.5, y.round()).tolist()"),
          ("pow-bits", setup + "(2.5 ** x).tolist()"),
          ("pow-bits", setup + "(x.abs() ** torch.tensor(2.5)).tolist()"),
          ("pow-bits", setup + "(x[::2] ** 4).tolist()"),
          ("pow-bits", setup + "x.abs().pow(y.reshape(-1, 1).expand(-1, 2)[:, 1]).tolist()"),
          ("pow-bits", setup + "x.double().pow(4.5).tolist()"),
          ("pow-bits", setup + "x.abs().double().pow(y.double()).tolist()")]
# Every pairing of special bases and exponents, on vector blocks and (the last 15) the tail.
SPECIALS = ("[0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, float('inf'), float('-inf'), float('nan'), "
            "1e-45, 1e-38, 3e38, -3e38, 1.0000001, 0.99999994, 16777216.0, 16777217.0, 3.0, -3.0, 100.0, -130.0, 150.0]")
CASES.append(("pow-bits", f"s = torch.tensor({SPECIALS})\nn = s.numel()\n"
                           "x = s.repeat_interleave(n)\ny = s.repeat(n)\n(x ** y).tolist()"))
CASES.append(("pow-bits", f"s = torch.tensor({SPECIALS})\nn = s.numel()\n"
                           "x = s.repeat_interleave(n)\ny = s.repeat(n)\n(x[:15] ** y[:15]).tolist()"))
