# F.pad with pads near and past int64: ATen computes sizes in wrapping int64, checks each
# mode's rules, then refuses a storage that cannot exist.
X = "x = torch.arange(40.).view(1, 2, 4, 5)\n"
CASES = [("errors", X + "F.pad(x, %s, mode='%s')" % (pads, mode))
         for pads in ["(1, 2, 3, 2**63 - 1)", "(1, 2**63 - 1, 0, 0)", "(2**62, 2**62, 0, 0)", "(1, 2, 3, 10**18)"]
         for mode in ["replicate", "constant", "reflect", "circular"]]
CASES += [("functional", X + source) for source in [
    "F.pad(x, (-2, 1, 0, -3))", "F.pad(x, (-5, 0))", "F.pad(torch.zeros(0, 3, 5), (2**40, 0))",
    "F.pad(x, (2, 1, 1, 0), mode='replicate')[0, 1]",
]]
