/// Programs built from families that once crashed the tool: shapes at and past the
/// Int64 limits (zero-size dims included) run through many ops, user classes that
/// implement Python's protocols badly, and builtins given edge arguments. Each family
/// is a grammar of small pieces, so a run covers many combinations.
extension Mutator {
    static let edgeSizes = ["0", "1", "2", "3", "2**31", "2**32", "2**33", "2**62", "2**62 + (2**62 - 1)", "-1"]

    /// Ops applied to `x`, a tensor of an edge shape.
    static let tensorOps = [
        "x.sum()", "x.sum(0)", "x.sum(-1)", "x.prod(0)", "x.any(-1)", "x.all(0)", "x.mean(0)", "x.std(-1)", "x.var(0)",
        "x.norm(dim=0)", "x.logsumexp(-1)", "x.count_nonzero(0)", "x.max(0)", "x.argmin(-1)", "x.cumsum(0)", "x.cumprod(-1)",
        "x.sort(0)", "x.argsort(-1)", "x.topk(0, 0)", "x.tolist()", "x.unbind(0)", "x.unbind(-1)", "x.split(1, 0)",
        "x.chunk(2**40, -1)", "x.reshape(-1)", "x.reshape(0, -1)", "x.view(-1)", "x.flatten()", "x.contiguous()",
        "x.clone()", "x.softmax(0)", "F.mse_loss(x, x)", "x.repeat_interleave(2, 0)", "x.roll(1, 0)", "x @ x.mT",
        "x.index_fill(0, torch.tensor([0]), 1.)", "F.normalize(x, dim=0)", "torch.cat([x, x], 0)", "torch.stack([x, x])",
        "x.flip(0)", "x.cummax(0)", "x.median(0)", "x.unique()", "x.nonzero()", "x.repeat(2, 1)", "x.tile(2)",
        "x.expand(2, *x.shape)", "x.diagonal()", "x.triu()", "x.diff(dim=0)", "x.kthvalue(1, 0)", "x[None]",
        "x[..., 0:1]", "x.transpose(0, -1).contiguous()", "repr(x)", "x.masked_fill(x > 0, 1)", "x.unflatten(0, (1, -1))",
        "x.movedim(0, -1)", "x.narrow(0, 0, 0)", "x.gather(0, torch.zeros_like(x, dtype=torch.long))",
        "x.index_select(0, torch.tensor([], dtype=torch.long))", "x.var_mean(0)", "x.aminmax()", "x.logcumsumexp(0)",
        "list(x)", "len(x)", "x[:, 2**62]", "x[2**62]", "x.new_zeros(x.shape)", "x.permute(*reversed(range(x.dim())))",
    ]

    /// `x = <an edge-shaped tensor>` then one or two ops on it.
    mutating func edgeShapeProgram() -> String {
        let rank = Int.random(in: 1...4, using: &random)
        let sizes = (0..<rank).map { _ in pick(Mutator.edgeSizes) }
        var source = "x = torch.\(pick(["zeros", "ones", "empty"]))(\(sizes.joined(separator: ", ")))\n"
        if chance(30) { source += "x = x.\(pick(["permute(*reversed(range(x.dim())))", "unsqueeze(0)", "mT", "flip(0)"]))\n" }
        for _ in 0..<Int.random(in: 1...2, using: &random) { source += "y = \(pick(Mutator.tensorOps))\n" }
        return source
    }

    /// The protocol methods a class may define, with well- and ill-behaved bodies.
    static let protocolMethods = [
        "def __iter__(self): return self", "def __iter__(self): return iter([1, 2])", "def __iter__(self): return [1]",
        "def __iter__(self): return 5", "def __next__(self):\n        raise StopIteration",
        "def __next__(self): return 1", "def __next__(self):\n        self.n += 1\n        if self.n > 3: raise StopIteration\n        return self.n",
        "def __len__(self): return -1", "def __len__(self): return 2**62", "def __len__(self): return 'x'",
        "def __len__(self): return 3", "def __bool__(self): return 5", "def __bool__(self): return False",
        "def __getitem__(self, i):\n        if i > 2: raise IndexError\n        return i", "def __getitem__(self, i): return i",
        "def __getitem__(self, i): raise KeyError(i)", "def __eq__(self, other): return True", "def __hash__(self): return 1",
        "def __enter__(self): return self", "def __exit__(self, *a): return True", "def __repr__(self): return 5",
        "def __contains__(self, x): return True", "def __index__(self): return 2**62",
    ]

    /// Uses of an instance `c` that go through the protocols.
    static let protocolUses = [
        "list(c)", "for v in c:\n    pass", "len(c)", "bool(c)", "if c: pass", "sorted(c)", "1 in c", "iter(c)",
        "next(c)", "next(iter(c))", "tuple(c)", "dict.fromkeys(c)", "set(c)", "sum(c)", "max(c)", "[v for v in c]",
        "with c: 1 / 0", "with c as d: pass", "zip(c, c)", "enumerate(c)", "repr(c)", "{c: 1}", "c[0]", "reversed(c)",
        "torch.tensor(c)", "str(c)", "any(c)", "list(map(str, c))",
    ]

    /// A class with a few protocol methods, and a few uses of an instance of it.
    mutating func protocolClassProgram() -> String {
        var source = "class C:\n    def __init__(self): self.n = 0\n"
        for _ in 0..<Int.random(in: 1...4, using: &random) { source += "    \(pick(Mutator.protocolMethods))\n" }
        if chance(20) { source += "class D(C, \(pick(["C", "object", "int"]))): pass\n" }
        source += "c = C()\n"
        for _ in 0..<Int.random(in: 1...3, using: &random) { source += "\(pick(Mutator.protocolUses))\n" }
        return source
    }

    /// Builtins and string methods with edge arguments.
    static let builtinCalls = [
        "int('%s', %s)", "int(%s)", "chr(%s)", "range(%s)", "'x'.center(%s)", "'%s'.zfill(%s)", "format(1, '%s')",
        "f'{1:%s}'", "'%s' * %s", "[0] * %s", "round(1.5, %s)", "divmod(%s, %s)", "pow(%s, %s, %s)", "abs(%s)",
        "hex(%s)", "bin(%s)", "'%s'.find('%s')", "'%s'.count('%s')", "'%s' in '%s'", "sorted(range(%s))",
        "list(range(%s))[%s]", "'abc'[%s:%s:%s]", "bytes(%s)", "str(%s)[%s]", "float('%s')", "int(float(%s))",
        "torch.zeros(%s).sum()", "torch.arange(%s)", "torch.ones(2, 3)[:, %s]", "'{%s}'.format(1)",
    ]
    static let edgeArguments = [
        "0", "-1", "1", "2**62", "-2**62", "10**18", "99999999999999999999", "37", "36", "2", "''", "'0x1f'", "'10'",
        "' 1_0 '", "'-'", "'nan'", "float('nan')", "float('inf')", "-0.0", "1e308", "None", "True", "'\\x1b[31m'",
        "'a' * 10**4", ".5", "2**31", "'99999999999999999999'", "'_1'",
    ]

    /// One builtin call with its holes filled by edge arguments.
    mutating func builtinCallProgram() -> String {
        var call = pick(Mutator.builtinCalls)
        while let hole = call.range(of: "%s") {
            var argument = pick(Mutator.edgeArguments)
            // Holes inside quotes take the argument's text without its own quotes.
            if call[..<hole.lowerBound].filter({ $0 == "'" }).count % 2 == 1 {
                argument = argument.replacingOccurrences(of: "'", with: "")
            }
            call.replaceSubrange(hole, with: argument)
        }
        return "y = \(call)\n"
    }
}
