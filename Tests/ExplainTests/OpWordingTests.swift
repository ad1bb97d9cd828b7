@testable import Explain
import Ops
import Testing

/// One call of each op of the table, on small tensors named in `setup`.
private let setup = """
    x = torch.randn(4, 5)
    y = torch.randn(4, 5)
    b = torch.randn(2, 3, 4)
    c = torch.randn(2, 4, 5)
    v = torch.randn(5)
    w = torch.randn(5)
    t = torch.tensor([1, 0, 3, 2])
    m = x > 0
    i = torch.tensor([[0], [1], [2], [3]])

    """

private let calls: [String: String] = [
    "special_i0e": "torch.special.i0e(x)", "special_i1": "torch.special.i1(x)", "special_i1e": "torch.special.i1e(x)",
    "special_ndtri": "torch.special.ndtri(x.sigmoid())", "special_xlog1py": "torch.special.xlog1py(x, y.abs())",
    "vdot": "torch.vdot(v, w)", "chain_matmul": "torch.chain_matmul(x, y.T, x)", "as_strided": "torch.as_strided(x, (2, 2), (1, 2))",
    "rsub": "torch.rsub(x, y, alpha=2)", "ldexp": "torch.ldexp(x, t[:1])", "trapezoid": "torch.trapezoid(x, dim=1)",
    "trapz": "torch.trapz(x, v, dim=1)", "cumulative_trapezoid": "torch.cumulative_trapezoid(x, dx=0.5)",
    "softmax": "F.softmax(x, dim=1)", "log_softmax": "x.log_softmax(dim=1)", "Softmax": "nn.Softmax(dim=1)(x)",
    "LogSoftmax": "nn.LogSoftmax(dim=1)(x)", "dropout": "F.dropout(x, p=0.5, training=False)", "normalize": "F.normalize(x, dim=1)",
    "layer_norm": "F.layer_norm(x, (5,))", "one_hot": "F.one_hot(t, num_classes=4)", "tensor": "torch.tensor([1.0, 2.0])",
    "arange": "torch.arange(6)", "linspace": "torch.linspace(0, 1, 5)", "zeros": "torch.zeros(2, 3)", "ones": "torch.ones(2, 3)",
    "full": "torch.full((2, 3), 7.0)", "eye": "torch.eye(3)", "rand": "torch.rand(2, 3)", "randn": "torch.randn(2, 3)",
    "randint": "torch.randint(0, 5, (2, 3))", "where": "torch.where(m, x, y)", "masked_fill": "x.masked_fill(m, 0.0)",
    "clamp": "torch.clamp(x, min=-0.5, max=0.5)", "clamp_min": "torch.clamp_min(x, 0.1)", "clamp_max": "x.clamp_max(0.2)", "pow": "torch.pow(x, 2)", "allclose": "torch.allclose(x, y)",
    "isclose": "torch.isclose(x, y)", "amax": "torch.amax(x, dim=1)", "amin": "torch.amin(x, dim=1)", "any": "torch.any(m, dim=1)",
    "all": "torch.all(m, dim=1)", "count_nonzero": "torch.count_nonzero(m, dim=1)", "median": "torch.median(x, dim=1)", "kthvalue": "torch.kthvalue(x, 2, dim=1)",
    "rrelu": "F.rrelu(x)", "multilabel_margin_loss": "F.multilabel_margin_loss(x, i.expand(4, 5).contiguous())",
    "local_response_norm": "F.local_response_norm(b, 2)",
    "tanhshrink": "F.tanhshrink(x)", "hardtanh": "F.hardtanh(x)", "relu6": "F.relu6(x)", "threshold": "F.threshold(x, 0.1, 20.0)",
    "gather": "torch.gather(x, 1, i)", "scatter": "torch.scatter(x, 1, i, 1.0)", "scatter_add": "torch.scatter_add(x, 1, i, torch.ones(4, 1))",
    "index_select": "torch.index_select(x, 0, t)", "index_add": "torch.index_add(x, 0, t, torch.ones(4, 5))",
    "index_copy": "torch.index_copy(x, 0, t, y)", "scatter_reduce": "torch.scatter_reduce(x, 1, i, y[:, :1], 'amax')",
    "index_reduce": "x.index_reduce(0, t, y, 'mean')", "put": "x.put(t, v[:4])", "select_scatter": "torch.select_scatter(x, v, 0, 1)",
    "slice_scatter": "torch.slice_scatter(x, y[:, :2], 1, 0, 2)", "diagonal_scatter": "torch.diagonal_scatter(x, v[:4])",
    "masked_select": "torch.masked_select(x, m)", "take_along_dim": "torch.take_along_dim(x, i, dim=1)", "nonzero": "torch.nonzero(m)",
    "matmul": "torch.matmul(x, y.T)", "mm": "torch.mm(x, y.T)", "bmm": "torch.bmm(b, c)", "einsum": "torch.einsum('ij,kj->ik', x, y)",
    "linear": "F.linear(x, torch.randn(3, 5))", "outer": "torch.outer(v, w)", "dot": "torch.dot(v, w)",
    "addmm": "torch.addmm(torch.zeros(4), x, y.T)", "baddbmm": "torch.baddbmm(torch.zeros(2, 3, 5), b, c)",
    "addbmm": "torch.addbmm(torch.zeros(3, 5), b, c)", "addmv": "torch.addmv(torch.zeros(4), x, v)",
    "addr": "torch.addr(torch.zeros(5, 5), v, w)",
    "cross_entropy": "F.cross_entropy(x, t)", "nll_loss": "F.nll_loss(x, t)",
    "binary_cross_entropy": "F.binary_cross_entropy(torch.sigmoid(x), torch.rand(4, 5))",
    "binary_cross_entropy_with_logits": "F.binary_cross_entropy_with_logits(x, torch.rand(4, 5))",
    "kl_div": "F.kl_div(x, y, reduction='batchmean')", "mse_loss": "F.mse_loss(x, y)", "l1_loss": "F.l1_loss(x, y)",
    "smooth_l1_loss": "F.smooth_l1_loss(x, y)", "huber_loss": "F.huber_loss(x, y)",
    "margin_ranking_loss": "F.margin_ranking_loss(v, w, torch.ones(5))", "cosine_embedding_loss": "F.cosine_embedding_loss(x, y, torch.ones(4))",
    "t": "torch.t(x)", "cat": "torch.cat([x, y], dim=0)", "stack": "torch.stack([x, y])", "view": "x.view(5, 4)",
    "hstack": "torch.hstack([x, y])", "vstack": "torch.vstack([x, y])", "dstack": "torch.dstack([x, y])",
    "column_stack": "torch.column_stack([v, w])", "tensor_split": "x.tensor_split(2, dim=1)",
    "reshape": "torch.reshape(x, (2, 10))", "permute": "torch.permute(b, (2, 0, 1))", "transpose": "torch.transpose(x, 0, 1)",
    "squeeze": "torch.squeeze(x, 0)", "unsqueeze": "torch.unsqueeze(x, 0)", "flatten": "torch.flatten(b)", "expand": "v.expand(4, 5)",
    "repeat": "x.repeat(2, 1)", "tril": "torch.tril(x)", "triu": "torch.triu(x)", "chunk": "torch.chunk(x, 2, dim=1)",
    "split": "torch.split(x, 2, dim=1)", "roll": "torch.roll(x, 1, 1)", "flip": "torch.flip(x, (1,))",
    "view_as": "x.view_as(y)", "unflatten": "v.unflatten(0, (1, 5))", "tile": "torch.tile(x, (2,))", "narrow": "x.narrow(1, 0, 2)",
    "resize_": "x.clone().resize_(2, 2)", "resize_as_": "x.clone().resize_as_(x[0])",
    "new_zeros": "x.new_zeros(2, 3)", "new_ones": "x.new_ones((2,))", "new_empty": "x.new_empty(3)", "new_full": "x.new_full((2,), 7.0)",
    "broadcast_to": "torch.broadcast_to(v, (4, 5))", "meshgrid": "torch.meshgrid([torch.arange(2), torch.arange(3)], indexing='ij')",
    "nansum": "torch.nansum(x, dim=1)", "prod": "torch.prod(x, dim=1)", "norm": "torch.norm(x, dim=1)",
    "logsumexp": "torch.logsumexp(x, dim=1)", "cumsum": "torch.cumsum(x, dim=1)", "cumprod": "torch.cumprod(x, dim=1)",
    "topk": "torch.topk(x, 2, dim=1)", "sort": "torch.sort(x, dim=1)", "argsort": "torch.argsort(x, dim=1)", "unique": "torch.unique(t)",
    "det": "torch.det(x @ y.T)", "slogdet": "torch.slogdet(x @ y.T)", "linalg_slogdet": "torch.linalg.slogdet(x @ y.T)",
    "logdet": "torch.logdet(x @ x.T)", "inverse": "torch.inverse(x @ x.T)", "solve": "torch.linalg.solve(x @ x.T, t.float())",
    "cross": "torch.cross(b[0], b[1], dim=0)", "linalg_cross": "torch.linalg.cross(b[0].T, b[1].T)",
    "vector_norm": "torch.linalg.vector_norm(x, dim=1)", "matrix_norm": "torch.linalg.matrix_norm(x)", "linalg_norm": "torch.linalg.norm(x)",
    "soft_margin_loss": "F.soft_margin_loss(x, y.sign())", "multi_margin_loss": "F.multi_margin_loss(x, t)",
    "multilabel_soft_margin_loss": "F.multilabel_soft_margin_loss(x, m.float())", "poisson_nll_loss": "F.poisson_nll_loss(x, y.abs())",
    "gaussian_nll_loss": "F.gaussian_nll_loss(x, y, torch.ones(4, 5))", "hinge_embedding_loss": "F.hinge_embedding_loss(x, y.sign())",
    "triplet_margin_loss": "F.triplet_margin_loss(x, y, -x)",
    "glu": "F.glu(x, dim=0)", "ndtr": "torch.special.ndtr(x)",
    "log_ndtr": "torch.special.log_ndtr(x)", "erfcx": "torch.special.erfcx(x)",
    "pixel_shuffle": "F.pixel_shuffle(x.view(1, 4, 5, 1), 2)", "pixel_unshuffle": "F.pixel_unshuffle(x.view(1, 1, 4, 5)[..., :4], 2)",
    "polygamma": "torch.polygamma(1, x)", "logaddexp": "torch.logaddexp(x, y)", "logaddexp2": "torch.logaddexp2(x, y)",
    "xlogy": "torch.xlogy(x, y)", "copysign": "torch.copysign(x, y)", "nextafter": "torch.nextafter(x, y)",
    "gcd": "torch.gcd(t, t + 2)", "lcm": "torch.lcm(t, t + 2)", "float_power": "torch.float_power(x, 2)",
    "bitwise_left_shift": "torch.bitwise_left_shift(t, 1)", "bitwise_right_shift": "torch.bitwise_right_shift(t, 1)",
    "eq": "torch.eq(t, 1)", "ne": "x.ne(y)", "gt": "torch.gt(x, 0.5)", "lt": "x.lt(y)", "ge": "torch.ge(x, y)", "le": "torch.le(x, 0)",
    "greater": "torch.greater(x, y)", "less": "torch.less(x, y)", "greater_equal": "torch.greater_equal(x, y)",
    "less_equal": "torch.less_equal(x, y)", "not_equal": "torch.not_equal(t, 2)", "add": "torch.add(x, y, alpha=2)", "sub": "x.sub(1.5)",
    "subtract": "torch.subtract(x, y)", "mul": "torch.mul(x, 2)", "multiply": "x.multiply(y)", "div": "torch.div(x, 0.07)",
    "divide": "torch.divide(x, y)", "true_divide": "torch.true_divide(t, 2)", "floor_divide": "torch.floor_divide(t, 2)",
    "remainder": "torch.remainder(t, 3)", "fmod": "torch.fmod(x, 0.5)", "maximum": "torch.maximum(x, y)", "minimum": "x.minimum(y)",
    "to": "x.to(torch.float64)", "type": "x.type(torch.float64)", "expand_as": "v.expand_as(x)", "item": "x.sum().item()",
    "fill": "x.fill_(0.5)", "zero": "x.zero_()", "copy": "x.copy_(y)", "requires_grad": "x.requires_grad_()", "erfinv": "x.erfinv_()",
    "index_fill": "x.index_fill_(0, t, 1.0)", "index_put": "x.index_put_((t,), torch.tensor(1.0))", "normal": "x.normal_()",
    "uniform": "x.uniform_(-1, 1)", "bernoulli": "x.bernoulli_(0.5)", "exponential": "x.exponential_()", "log_normal": "x.log_normal_()", "cauchy": "x.cauchy_()", "geometric": "x.geometric_(0.5)", "random": "x.random_(0, 5)",
    "full_like": "torch.full_like(x, 3.0)", "empty": "torch.empty(2, 3)", "from_numpy": "torch.from_numpy(x.numpy())",
    "multinomial": "torch.multinomial(F.softmax(x, dim=1), num_samples=1)", "KLDivLoss": "nn.KLDivLoss(reduction='batchmean')(x, y)",
    "Linear": "nn.Linear(5, 3)(x)",
    "cov": "torch.cov(x)", "corrcoef": "torch.corrcoef(x)", "histc": "torch.histc(v, bins=4)", "bincount": "torch.bincount(t)",
    "bucketize": "torch.bucketize(v, torch.tensor([-1.0, 0.0, 1.0]))", "searchsorted": "torch.searchsorted(torch.tensor([-1.0, 0.0, 1.0]), v)",
    "isin": "torch.isin(t, torch.tensor([0, 3]))", "cummax": "torch.cummax(x, dim=1)", "cummin": "torch.cummin(x, dim=1)",
    "logcumsumexp": "torch.logcumsumexp(x, dim=1)", "diagflat": "torch.diagflat(v)", "block_diag": "torch.block_diag(x, v)", "combinations": "torch.combinations(v)",
    "kron": "torch.kron(v, w)", "vander": "torch.vander(v, N=3)", "renorm": "torch.renorm(x, 2, 0, 1.0)",
    "quantile": "torch.quantile(x, 0.25, dim=1)", "nanquantile": "torch.nanquantile(x, 0.5, dim=1)",
    "masked_scatter": "x.masked_scatter(x > 0, y)",
    "linalg_eigh": "torch.linalg.eigh(x @ x.T)", "linalg_eigvalsh": "torch.linalg.eigvalsh(x @ x.T)",
    "linalg_qr": "torch.linalg.qr(x)", "linalg_cholesky": "torch.linalg.cholesky(x @ x.T + torch.eye(4))",
    "linalg_cholesky_ex": "torch.linalg.cholesky_ex(x @ x.T + torch.eye(4))", "linalg_svd": "torch.linalg.svd(x)",
    "linalg_svdvals": "torch.linalg.svdvals(x)", "svd": "torch.svd(x)", "linalg_pinv": "torch.linalg.pinv(x)",
    "linalg_matrix_rank": "torch.linalg.matrix_rank(x)", "linalg_lstsq": "torch.linalg.lstsq(x, y)",
    "linalg_cond": "torch.linalg.cond(x @ x.T)", "matrix_power": "torch.matrix_power(x @ x.T, 2)",
    "linalg_multi_dot": "torch.linalg.multi_dot([x, y.T, x])",
    "unfold": "F.unfold(c.view(1, 2, 4, 5), 2)", "fold": "F.fold(b, (2, 4), (1, 3))", "instance_norm": "F.instance_norm(c)",
    "Parameter": "nn.Parameter(x)", "type_as": "t.type_as(x)", "zeros_": "nn.init.zeros_(x)", "ones_": "nn.init.ones_(x)",
    "constant_": "nn.init.constant_(x, 0.5)", "eye_": "nn.init.eye_(x)", "normal_": "nn.init.normal_(x, std=0.02)",
    "uniform_": "nn.init.uniform_(x, -0.1, 0.1)", "trunc_normal_": "nn.init.trunc_normal_(x, std=0.02)",
    "xavier_uniform_": "nn.init.xavier_uniform_(x)", "xavier_normal_": "nn.init.xavier_normal_(x)",
    "kaiming_uniform_": "nn.init.kaiming_uniform_(x, a=5 ** 0.5)", "kaiming_normal_": "nn.init.kaiming_normal_(x)",
    "FloatTensor": "torch.FloatTensor([[1, 2], [3, 4]])", "DoubleTensor": "torch.DoubleTensor([1, 2])",
    "HalfTensor": "torch.HalfTensor([1, 2])", "BFloat16Tensor": "torch.BFloat16Tensor([1, 2])", "LongTensor": "torch.LongTensor(2, 3)",
    "IntTensor": "torch.IntTensor([1, 2])", "ShortTensor": "torch.ShortTensor([1, 2])", "CharTensor": "torch.CharTensor([1, 2])",
    "ByteTensor": "torch.ByteTensor([1, 2])", "BoolTensor": "torch.BoolTensor([True, False])",
    "adaptive_max_pool1d": "F.adaptive_max_pool1d(c, 2)", "adaptive_max_pool2d": "F.adaptive_max_pool2d(c, (1, 2))",
    "adaptive_max_pool3d": "F.adaptive_max_pool3d(c.view(1, 2, 4, 5), 2)",
    "alpha_dropout": "F.alpha_dropout(x, 0.2, training=True)", "alpha_dropout_": "torch.alpha_dropout_(x, 0.5, True)",
    "feature_alpha_dropout": "F.feature_alpha_dropout(b, 0.5)", "feature_alpha_dropout_": "torch.feature_alpha_dropout_(b, 0.5, True)",
    "feature_dropout": "torch.feature_dropout(b, 0.25, True)", "feature_dropout_": "torch.feature_dropout_(b, 1.0, True)",
]

/// A call for ops with one tensor operand (the unary and activation ops the table declares
/// in loops), or a reduction over dim 1.
private func defaultCall(_ entry: OpEntry) -> String? {
    let operand = entry.name.hasPrefix("bitwise") ? "t" : "x"
    let prefix = entry.variants.contains(.function) ? "torch." : (entry.variants.contains(.functional) ? "F." : nil)
    let arguments = entry.family == .reduction ? "\(operand), dim=1" : operand
    if entry.family != .reduction, entry.signature.parameters.filter(\.isRequired).count > 1 { return nil }
    guard let prefix else { return "\(operand).\(entry.name)(\(entry.family == .reduction ? "dim=1" : ""))" }
    return "\(prefix)\(entry.name)(\(arguments))"
}

/// Ops that touch no tensor, so they get no step, and the spellings PyTorch removed, which
/// only raise its RuntimeError naming the replacement.
private let noTensorOps: Set<String> = ["manual_seed", "cholesky", "qr", "symeig", "matrix_rank"]

@Suite("every op of the table in its own words")
struct OpWordingTests {
    @Test("each table op's step has its own words, never the bare 'calls X'")
    func everyTableOp() throws {
        for entry in OpTable.all where !noTensorOps.contains(entry.name) {
            guard let call = calls[entry.name] ?? defaultCall(entry) else {
                Issue.record("no example call for `\(entry.name)`: add one, and words if it falls back")
                continue
            }
            let explanation = explain(setup + "result = " + call)
            #expect(explanation.error == nil, "\(entry.name): \(String(describing: explanation.error))")
            let step = try #require(explanation.steps.last { !$0.isTrivial && $0.source == call }, "no step for \(call)")
            #expect(!step.text.isEmpty, "\(entry.name): no words")
            #expect(!step.text.hasPrefix("calls "), "\(entry.name): \(step.text)")
        }
    }

    @Test("model set-up calls say what they make or write")
    func modelSetup() throws {
        let cases: [(String, String)] = [
            ("nn.Parameter(x)", "wraps `x` as an `nn.Parameter` float32[4, 5]: the same storage and values, with requires_grad=True; "
                + "a module that holds it as an attribute lists it in `parameters()`, so an optimizer updates it"),
            ("nn.init.constant_(x, 0.5)", "`nn.init.constant_`: sets all 20 elements of `x` float32[4, 5] to 0.5, in place"),
            ("torch.LongTensor(2, 3)", "the legacy constructor `torch.LongTensor`: a new int64[2, 3] tensor of the given sizes, its values "
                + "uninitialised (whatever the memory held)"),
            ("torch.FloatTensor([[1, 2], [3, 4]])", "the legacy constructor `torch.FloatTensor`: a new float32[2, 2] tensor holding a copy of the given data"),
            ("t.type_as(x)", "converts int64 → float32 into a new tensor"),
            ("x.type_as(y)", "no-op: the tensor already has dtype float32 on the CPU, so `type_as` returns it unchanged"),
        ]
        for (call, words) in cases {
            let step = try #require(explanation(call).steps.last { !$0.isTrivial && $0.source == call }, "no step for \(call)")
            #expect(step.text == words, "\(call): \(step.text)")
        }
        let normal = try #require(explanation("nn.init.normal_(x, std=0.02)").steps.last { $0.source == "nn.init.normal_(x, std=0.02)" })
        #expect(normal.text.hasPrefix("`nn.init.normal_`: overwrites all 20 elements of `x` float32[4, 5] with normal random samples "
            + "(mean 0, standard deviation 0.02); they now lie in ["), "\(normal.text)")
    }

    @Test("ops that return several tensors show the shape of each piece")
    func pieceShapes() throws {
        let cases: [(String, String)] = [
            ("torch.topk(x, 2, dim=1)", "values [4, 2] and indices [4, 2]"),
            ("torch.sort(x, dim=1)", "values [4, 5] and indices [4, 5]"),
            ("torch.split(x, 2, dim=1)", "3 tensors [4, 2], [4, 2], [4, 1]"),
            ("torch.chunk(x, 2, dim=1)", "2 pieces: [4, 3], [4, 2]"),
            ("torch.unbind(x, dim=0)", "4 tensors of shape [5]"),
            ("x.max(dim=1)", "(values, indices) pair, both [4]"),
            ("torch.std_mean(x, dim=0)", "the standard deviation and the mean, as a tuple, in one call: [4, 5] → ([5], [5])"),
        ]
        for (call, shapes) in cases {
            let step = try #require(explanation(call).steps.last { !$0.isTrivial && $0.source == call })
            #expect(step.text.contains(shapes), "\(call): \(step.text)")
        }
    }

    @Test("the comparisons, arithmetic and sampling SupCon and nanoGPT call by function name")
    func functionForms() throws {
        let eq = try #require(step(explanation("torch.eq(t, 1)"), "torch.eq(t, 1)"))
        #expect(eq.text == "compares `t` == 1 elementwise: a bool tensor [4]; 1 of 4 are True")
        let div = try #require(step(explanation("torch.div(x, 0.07)"), "torch.div(x, 0.07)"))
        #expect(div.text == "divides elementwise, `x` / 0.07: [4, 5] → [4, 5]")
        let draw = try #require(step(explanation("torch.multinomial(F.softmax(x, dim=1), num_samples=1)"), "torch.multinomial(F.softmax(x, dim=1), num_samples=1)"))
        #expect(draw.text.contains("draws 1 category index per row") && draw.text.contains("[4, 5] → int64[4, 1]"))
        let lookup = try #require(step(explanation("x[[2, 0]]"), "x[[2, 0]]"))
        #expect(lookup.text.hasPrefix("advanced (integer-tensor) indexing on dim 0: picks 2 rows of `x`"))
    }

    private func explanation(_ call: String) -> Explanation { explain(setup + "result = " + call) }
}
