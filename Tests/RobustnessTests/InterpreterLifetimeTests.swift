import Diagnostics
import Interpreter
import TensorEngine
import Testing

/// A finished session must free what it built: every lesson block, `:reset` and test run
/// makes a new interpreter, and one that is never freed keeps its modules, classes and
/// tensors (about 0.5 MB each, 350 MB over one lesson's check).
@Suite("Interpreter lifetime")
struct InterpreterLifetimeTests {
    /// Runs `program` in a runner of its own and reports whether the interpreter, and
    /// the object `probe` picks from its globals, were freed with the runner.
    private func freed(after program: String, probe: (Value) -> AnyObject? = { _ in nil },
                       variable: String = "torch") -> (interpreter: Bool, object: Bool) {
        weak var interpreter: Interpreter?
        weak var object: AnyObject?
        do {
            let runner = ProgramRunner()
            interpreter = runner.interpreter
            #expect(runner.run(SourceFile(name: "<lifetime>", text: program)), "the program should run")
            object = runner.interpreter.variable(variable).flatMap(probe)
            #expect(object != nil || variable == "torch", "the probed object should exist while the runner lives")
        }
        return (interpreter == nil, object == nil)
    }

    @Test("a finished session is freed", arguments: [
        "x = 1",
        "import collections, functools, ast\nfunctools.reduce(lambda a, b: a + b, [1, 2])\nast.literal_eval('[1]')\n",
        "import torch\nimport torch.nn as nn\nm = nn.Sequential(nn.Linear(4, 3), nn.ReLU())\nopt = torch.optim.SGD(m.parameters(), lr=0.1)\nloss = m(torch.ones(2, 4)).sum()\nloss.backward()\nopt.step()\n",
        "class A:\n    def __init__(self):\n        self.me = self\ng = (i for i in range(3))\nnext(g)\nimport re\nre.sub('a', 'b', 'aa')\n",
        "import logging, warnings, argparse, dataclasses, copy\nwarnings.warn('w')\nlogging.getLogger('x').info('i')\n",
        "import numpy as np\nimport torch\na = torch.from_numpy(np.ones(3))\nfrom collections import namedtuple\nP = namedtuple('P', 'x y')\np = P(1, 2)\n",
        "import torch\nclass Sq(torch.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        ctx.save_for_backward(x)\n        return x * x\n    @staticmethod\n    def backward(ctx, g):\n        (x,) = ctx.saved_tensors\n        return 2 * x * g\nx = torch.ones(2, requires_grad=True)\nSq.apply(x).sum().backward()\n",
        "import torch\nimport torch.nn as nn\nfrom torch.utils.checkpoint import checkpoint\nm = torch.compile(nn.Linear(2, 2))\nh = m.register_full_backward_hook(lambda mod, gi, go: None)\ny = checkpoint(m, torch.ones(1, 2), use_reentrant=False).sum()\ny.backward()\n",
        "import torch\nfrom torch.utils.data import DataLoader, TensorDataset\nfor xb, yb in DataLoader(TensorDataset(torch.ones(4, 2), torch.zeros(4)), batch_size=2):\n    pass\nsched = torch.optim.lr_scheduler.StepLR(torch.optim.Adam([torch.ones(1, requires_grad=True)]), 1)\nsched.step()\n",
        "from dataclasses import dataclass\nfrom typing import NamedTuple\n@dataclass\nclass C:\n    a: int = 1\nclass N(NamedTuple):\n    x: int\nc = C()\nn = N(1)\nimport functools\nclass D:\n    @functools.cached_property\n    def v(self):\n        return 1\nD().v\n",
    ])
    func finishedSession(_ program: String) {
        #expect(freed(after: program).interpreter)
    }

    @Test("the torch module is freed with its session, though the Python library's globals hold it")
    func torchModule() {
        let result = freed(after: "import torch\nclass Opt(torch.optim.Optimizer):\n    pass\n") { value in
            if case let .module(namespace) = value { return namespace }
            return nil
        }
        #expect(result.object)
    }

    @Test("a class is freed with its session, though its methods name it for super()")
    func classWithMethods() {
        let program = "class A:\n    def f(self):\n        return 1\nclass B(A):\n    def f(self):\n        return super().f() + 1\nassert B().f() == 2\n"
        let result = freed(after: program, probe: { value in
            if case let .classObject(classObject) = value { return classObject }
            return nil
        }, variable: "B")
        #expect(result.object)
    }

    @Test("a call that defines a closure frees its locals when it returns, unless the closure is kept", .serialized)
    func closureScopes() {
        let program = """
            import torch
            def step():
                big = torch.zeros(2**20)
                def inner():
                    return big
                scale = lambda t: t * 2
                return scale(inner()).sum()
            def counter():
                kept = torch.zeros(2**20)
                def fact(k):
                    return 1 if k <= 1 else k * fact(k - 1)
                return fact
            for i in range(5):
                step()
            f = counter()
            assert f(5) == 120
            """
        let before = MemoryBudget.liveBytes
        let runner = ProgramRunner()
        #expect(runner.run(SourceFile(name: "<closures>", text: program)))
        let held = MemoryBudget.liveBytes - before
        // Only `counter`'s tensor remains, through the function it returned.
        #expect(held >= 4 << 20 && held < 5 << 20, "\(held) bytes held")
        _ = runner
    }
}
