# torch.linspace printed in full (tolist), judged bit for bit ("-bits"): PyTorch fills the
# first half from start and the second from end, each element one fused multiply-add.
# Recorded by record_cases.py.
CASES = []
for start, end, steps in [(-0.01, 0.01, 21), (0, 1, 7), (-3.3, 7.1, 13), (0.1, 0.9, 5), (-1, 1, 31),
                          (2.5, -1.25, 40), (0, 1, 100), (1e-3, 3.7, 9), (-5, 5, 11)]:
    for dtype in ["torch.float32", "torch.float64"]:
        CASES.append(("linspace-bits", f"torch.linspace({start}, {end}, {steps}, dtype={dtype}).tolist()"))
