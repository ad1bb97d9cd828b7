# float32 transcendental kernels, each value printed through .tolist() as Python's
# shortest repr of its double, which pins every bit, compared exactly for GELU (oneDNN's AVX2 kernel for a
# contiguous tensor, ATen's kernel for one element or a strided view), exp, log and tanh
# (correctly rounded in double; PyTorch's MKL agrees but for about 1% of last bits, so
# these compare to the replay's tolerance, and PreciseMathTests checks the rounding), across
# vector tails, special values and integer inputs. The project's references come from
# an AVX2 PyTorch, so on an AVX-512 machine record with ONEDNN_MAX_CPU_ISA=AVX2:
#   ONEDNN_MAX_CPU_ISA=AVX2 python3 record_cases.py case_specs/transcendental.py ...
S = "torch.manual_seed(0)\nx = torch.randn(97) * 3\n"
SPECIAL = "torch.tensor([0.0, -0.0, float('inf'), float('-inf'), float('nan'), 1e-45, -1e-45, 3e38, -3e38, 5.5, -5.5, 88.7, -104.0])"


def group(category, bodies, exact):
    """Each body's values as a list of floats; `exact` makes it a string, compared
    character for character, where a list is compared to a tolerance."""
    def wrap(body):
        if body.endswith((".shape", ".sum()")):
            return body
        return ("str((" + body + ").tolist())") if exact else "(" + body + ").tolist()"
    return [(category, S + wrap(body)) for body in bodies]


GELU = group("gelu bits", [
    "F.gelu(x)", "F.gelu(x[:5])", "F.gelu(x[:1])", "F.gelu(x[::2])", "F.gelu(x.view(97, 1).t())",
    "F.gelu(x.view(97, 1).expand(97, 2)).shape", "F.gelu(" + SPECIAL + ")", "F.gelu(x.double()[:6])",
    "torch.nn.GELU()(x[40:60])", "F.gelu(torch.linspace(-8.0, 8.0, 33))",
], exact=True)
EXP_LOG = group("exp, log and tanh bits", [
    "x.exp()", "x[:7].exp()", "torch.exp(x[::3])", "x.abs().log()", "torch.log(x.abs()[:9])",
    SPECIAL + ".exp()", SPECIAL + ".log()", "torch.arange(1, 12).log()", "torch.arange(-3, 4).exp()",
    "(x / 50).exp() - 1", "x.double()[:4].exp()", "x.abs().log().sum()",
    "x.tanh()", "torch.tanh(x[:11] / 1000)", "torch.tanh(x[::4])", SPECIAL + ".tanh()", "torch.arange(-4, 5).tanh()",
], exact=False)
CASES = GELU + EXP_LOG
