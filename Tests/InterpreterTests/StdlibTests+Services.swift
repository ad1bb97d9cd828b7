import Testing

/// random, os.path, inspect, time, ast, logging, warnings and argparse, against CPython 3.11.
extension StdlibTests {
    /// Seeded like CPython (init_by_array): random, randint, choice, uniform, randrange, shuffle, sample, getrandbits, gauss.
    @Test("random draws CPython's numbers")
    func randomLikeCPython() {
        let outcome = Self.run(#"""
        import random
        random.seed(0); print(random.random(), random.random())
        random.seed(42); print(random.randint(1, 100), random.choice('abcdef'), random.uniform(1, 2), random.randrange(10), random.randrange(0, 100, 7))
        xs = list(range(10)); random.shuffle(xs); print(xs)
        print(random.sample(range(100), 5), random.sample(list(range(1000)), 3), random.getrandbits(40), random.gauss(0, 1), random.gauss(0, 1))
        random.seed(2**40 + 12345); print(random.random())
        random.seed(-7); print(random.random())
        r = random.Random(7); random.seed(7)
        print(r.random() == random.random(), r.randint(0, 9), random.randint(0, 9), random.Random(3).choice([1, 2, 3]))

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        0.8444218515250481 0.7579544029403025
        82 a 1.025010755222667 4 21
        [9, 7, 8, 0, 4, 6, 5, 1, 2, 3]
        [4, 3, 11, 27, 29] [517, 616, 27] 217158893990 -0.32940019966100226 -1.5193070256451902
        0.31036222241287226
        0.32383276483316237
        True 2 2 1

        """#)
    }

    /// Pure os.path functions, an empty environment, signatures, sleep, literal_eval.
    @Test("os.path, inspect, time, ast")
    func osInspectTimeAst() {
        let outcome = Self.run(#"""
        import os, inspect, time
        from ast import literal_eval
        print(os.path.join('a', 'b', '/c', 'd'), os.path.basename('/x/y.txt'), os.path.dirname('/x/y.txt'), os.path.splitext('a/b.tar.gz'), os.path.split('a/b/'), os.sep, os.getenv('NOPE', 'd'))
        print('TIMM_FUSED_ATTN' in os.environ)
        def f(a, b=2, *args, c, d=4, **kw): pass
        s = inspect.signature(f); print(s, list(s.parameters), 'c' in s.parameters, s.parameters['b'].default)
        class A: pass
        print(inspect.isclass(A), inspect.isclass(A()), inspect.isfunction(f))
        t0 = time.time(); time.sleep(0.02); print(time.time() - t0 >= 0.02, time.perf_counter() > 0)
        print(literal_eval("(1, [2.5, {'a': None}], True, -3)"), literal_eval(" 'x'"))
        try:
            literal_eval("abc")
        except ValueError as e:
            print(str(e).split(" object")[0])

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        /c/d y.txt /x ('a/b.tar', '.gz') ('a/b', '') / d
        False
        (a, b=2, *args, c, d=4, **kw) ['a', 'b', 'args', 'c', 'd', 'kw'] True 2
        True False True
        True True
        (1, [2.5, {'a': None}], True, -3) x
        malformed node or string on line 1: <ast.Name

        """#)
    }

    /// Before basicConfig only WARNING and above print, as the bare message; after it, LEVEL:name:message.
    @Test("logging writes CPython's records to standard error")
    func loggingRecords() {
        let outcome = Self.run(#"""
        import logging
        log = logging.getLogger(__name__)
        log.warning("hello %d", 3)
        log.info("silent")
        print(log, logging.getLogger(), log.getEffectiveLevel())
        logging.warning("root warn")
        log.info("still silent")
        log.error("after basic")
        other = logging.getLogger("other")
        other.setLevel(logging.DEBUG)
        other.debug("dbg %s", "x")

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        <Logger __main__ (WARNING)> <RootLogger root (WARNING)> 30

        """#)
        #expect(outcome.stderr == #"""
        hello 3
        WARNING:root:root warn
        ERROR:__main__:after basic
        DEBUG:other:dbg x

        """#)
    }

    /// parse_args parses the list it is given (an empty one when called bare); errors print argparse's usage and raise SystemExit(2).
    @Test("argparse")
    func argparseParsing() {
        let outcome = Self.run(#"""
        from argparse import ArgumentParser
        p = ArgumentParser(prog="train.py", description="demo")
        p.add_argument('--alpha', type=float, default=0.5, help='a')
        p.add_argument('--n-epochs', type=int, default=3)
        p.add_argument('--flag', action='store_true')
        p.add_argument('--mode', choices=['a', 'b'], default='a')
        p.add_argument('name')
        p.add_argument('--tags', nargs='+', default=[])
        a = p.parse_args(['x', '--alpha', '0.25', '--flag', '--n-epochs=7', '--tags', 't1', 't2'])
        print(a, a.alpha, a.n_epochs, a.flag, a.mode, a.name, a.tags, vars(a))
        for bad in [['x', '--mode', 'c'], [], ['x', '--alpha', 'zz'], ['x', '--bogus']]:
            try:
                p.parse_args(bad)
            except SystemExit as e:
                print("exit", e.code)
        q = ArgumentParser()
        q.add_argument('--lr', type=float, default=0.1)
        q.add_argument('-b', '--batch_size', type=int, default=4)
        print(q.parse_args(), q.parse_args(['-b', '8']).batch_size)
        base = ArgumentParser(add_help=False); base.add_argument("--lr", type=float, default=0.1)
        r = ArgumentParser(prog="train.py", parents=[base], allow_abbrev=False); r.add_argument("--epochs", type=int, default=1)
        import argparse
        print(r.parse_args(["--lr", "0.5"]), r.parse_args([], namespace=argparse.Namespace(epochs=5)))
        try:
            r.parse_args(["--ep", "3"])
        except SystemExit as e:
            print("exit", e.code)

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        Namespace(alpha=0.25, n_epochs=7, flag=True, mode='a', name='x', tags=['t1', 't2']) 0.25 7 True a x ['t1', 't2'] {'alpha': 0.25, 'n_epochs': 7, 'flag': True, 'mode': 'a', 'name': 'x', 'tags': ['t1', 't2']}
        exit 2
        exit 2
        exit 2
        exit 2
        Namespace(lr=0.1, batch_size=4) 8
        Namespace(lr=0.5, epochs=1) Namespace(epochs=5, lr=0.1)
        exit 2

        """#)
        #expect(outcome.stderr == #"""
        usage: train.py [-h] [--alpha ALPHA] [--n-epochs N_EPOCHS] [--flag]
                        [--mode {a,b}] [--tags TAGS [TAGS ...]]
                        name
        train.py: error: argument --mode: invalid choice: 'c' (choose from 'a', 'b')
        usage: train.py [-h] [--alpha ALPHA] [--n-epochs N_EPOCHS] [--flag]
                        [--mode {a,b}] [--tags TAGS [TAGS ...]]
                        name
        train.py: error: the following arguments are required: name
        usage: train.py [-h] [--alpha ALPHA] [--n-epochs N_EPOCHS] [--flag]
                        [--mode {a,b}] [--tags TAGS [TAGS ...]]
                        name
        train.py: error: argument --alpha: invalid float value: 'zz'
        usage: train.py [-h] [--alpha ALPHA] [--n-epochs N_EPOCHS] [--flag]
                        [--mode {a,b}] [--tags TAGS [TAGS ...]]
                        name
        train.py: error: unrecognized arguments: --bogus
        usage: train.py [-h] [--lr LR] [--epochs EPOCHS]
        train.py: error: unrecognized arguments: --ep 3

        """#)
    }

    /// Filters decide: PendingDeprecationWarning is ignored by default; "ignore", "always",
    /// "error" and catch_warnings(record=True) behave as CPython's.
    @Test("warnings follow CPython's filters")
    func warningFilters() {
        let outcome = Self.run(#"""
        import warnings
        warnings.warn("plain")
        warnings.warn("dep", DeprecationWarning)
        warnings.warn("pending", PendingDeprecationWarning)
        warnings.simplefilter("ignore")
        warnings.warn("hidden")
        warnings.resetwarnings()
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            warnings.warn("rec1")
            warnings.warn("rec2", RuntimeWarning)
        print(len(w), str(w[0].message), w[1].category.__name__)
        warnings.warn("shown")
        warnings.simplefilter("error", UserWarning)
        try:
            warnings.warn("boom")
        except UserWarning as e:
            print("caught", e)

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        2 rec1 RuntimeWarning
        caught boom

        """#)
        #expect(outcome.warnings == ["UserWarning: plain", "UserWarning: shown"])
        #expect(outcome.stderr == "line 3: DeprecationWarning: dep\n")
    }

    /// Message filters match the start, ignoring case (torch's own warnings included); module filters match the module name.
    @Test("warning filters by message and module")
    func warningFiltersByMessageAndModule() {
        let outcome = Self.run(#"""
        import warnings, torch
        warnings.filterwarnings("ignore", message="the use of `x.T`")
        y = torch.ones(3, 4, 5).T
        warnings.filterwarnings("ignore", module="other")
        warnings.warn("still shown")
        warnings.filterwarnings("ignore", module="__ma")
        warnings.warn("hidden")
        print(y.shape)

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        torch.Size([5, 4, 3])

        """#)
        #expect(outcome.warnings == ["UserWarning: still shown"])
    }

    /// os and sys import as restricted modules; subprocess stays blocked; a missing module lists what exists.
    @Test("imports: os and sys restricted, subprocess blocked, missing modules named")
    func importRules() {
        #expect(Self.run("import os\nprint(os.sep)").stdout == "/\n")
        #expect(Self.run("import sys\nprint(sys.maxsize)").stdout == "9223372036854775807\n")
        #expect(Self.run("import subprocess").error?.hasPrefix("ImportError: import of 'subprocess' is not allowed") == true)
        let missing = Self.run("import scipy").error ?? ""
        #expect(missing.hasPrefix("ModuleNotFoundError: No module named 'scipy' (TensorTutor provides __future__, abc, argparse,"))
        let missingTorch = Self.run("import torch.hub").error ?? ""
        #expect(missingTorch.hasPrefix("ModuleNotFoundError: No module named 'torch.hub'"))
        #expect(missingTorch.contains("torch.autograd") && missingTorch.contains("torch.nn.functional"))
    }
}
