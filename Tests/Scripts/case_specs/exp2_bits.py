# float32 exp2 printed in full (tolist), judged bit for bit ("-bits"): PyTorch runs SLEEF's
# exp2f_u10 on its whole vector blocks, which differs from the correctly rounded 2^x on
# about 6% of inputs, and libm's exp2f on the tail and on strided inputs. The sizes are
# 32k + t with t < 16, so 8- and 16-lane builds split vector blocks and tail alike.
# Recorded by record_cases.py.
CASES = []
for seed, size, scale in [(1, 1000, 8), (2, 520, 30), (4, 37, 5), (5, 3, 4)]:
    setup = f"torch.manual_seed({seed})\nx = torch.randn({size}) * {scale}\n"
    CASES.append(("exp2-bits", setup + "x.exp2().tolist()"))
    CASES.append(("exp2-bits", setup + "torch.exp2(x.reshape(-1, 1).expand(-1, 2)[:, 1]).tolist()"))
CASES.append(("exp2-bits", "x = torch.tensor([0.0, -0.0, 1e-45, -1e-45, 1e-38, 127.99, 128.0, -149.5, -150.0, -151.0, "
                           "float('inf'), float('-inf'), float('nan'), 3e38, -3e38, 0.5, -0.5, 1.5, 2.5, -2.5, "
                           "1000.0, -1000.0, 1e-8, -1e-8, 88.7, -103.3, 126.9, -126.1, 64.0, -64.0, 0.25, 7.0])\n"
                           "x.exp2().tolist()"))
