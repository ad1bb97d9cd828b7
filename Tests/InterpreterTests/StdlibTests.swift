import Diagnostics
import Interpreter
import Testing

/// The standard-library modules real programs import. Each program's expected output is
/// what CPython 3.11 (with PyTorch, for the tensor lines) printed for the same program.
@Suite("Standard library modules")
struct StdlibTests {
    struct Outcome {
        var stdout = ""
        var stderr = ""
        var warnings: [String] = []
        var error: String?
    }

    static func run(_ source: String) -> Outcome {
        var outcome = Outcome()
        let runner = ProgramRunner()
        runner.onEvent = { event in
            switch event {
            case let .printed(text): outcome.stdout += text
            case let .warning(message, _): outcome.warnings.append("UserWarning: \(message)")
            case let .error(error): outcome.error = "\(error.type): \(error.message)"
            case .value: break
            }
        }
        runner.onStandardError = { outcome.stderr += $0 }
        runner.run(SourceFile(name: "<stdlib>", text: source))
        return outcome
    }

    /// `from __future__`, `typing` subscripts and annotated code.
    @Test("typing names subscript and print as CPython's")
    func typingAndFuture() {
        let outcome = Self.run(#"""
        from __future__ import annotations
        from typing import Any, Dict, Optional, List, Union, Callable, Tuple, Type, Final
        print(Optional[int], Dict[str, int], List[Optional[int]], Union[int, None], Callable[[int, str], float], Tuple[int, ...], Final[bool])
        def f(x: Optional[int] = None) -> Dict[str, Any]:
            y: int = 4
            return {"x": x, "y": y}
        print(f(3))

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        typing.Optional[int] typing.Dict[str, int] typing.List[typing.Optional[int]] typing.Optional[int] typing.Callable[[int, str], float] typing.Tuple[int, ...] typing.Final[bool]
        {'x': 3, 'y': 4}

        """#)
    }

    /// deepcopy keeps views of one tensor on one new storage; copy shares the storage.
    @Test("copy and deepcopy")
    func copyAndDeepcopy() {
        let outcome = Self.run(#"""
        import copy, torch
        a = [1, [2, 3]]; b = copy.copy(a); c = copy.deepcopy(a); a[1].append(4)
        print(b, c)
        t = torch.arange(6.); v = t[2:]
        d = copy.deepcopy([t, v]); d[0][3] = 100.
        print(d[1], t)
        s = copy.copy(t); s[0] = -1.
        print(t[0])
        class P:
            def __init__(self): self.w = [1]; self.t = torch.zeros(2); self.me = self
        p = P(); q = copy.deepcopy(p); q.w.append(2); q.t += 1
        print(p.w, q.w, p.t, q.t, q.me is q)
        shared = [0]; pair = copy.deepcopy((shared, shared)); print(pair[0] is pair[1])

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        [1, [2, 3, 4]] [1, [2, 3]]
        tensor([  2., 100.,   4.,   5.]) tensor([0., 1., 2., 3., 4., 5.])
        tensor(-1.)
        [1] [1, 2] tensor([0., 0.]) tensor([1., 1.]) True
        True

        """#)
    }

    /// deepcopy refuses non-leaves; a copied leaf keeps requires_grad, a plain tensor's .grad is copied, a Parameter's is not; copy.copy shares storage and drops grad_fn.
    @Test("copy and deepcopy keep requires_grad, Parameters and .grad as torch does")
    func copyKeepsAutogradState() {
        let outcome = Self.run(#"""
        import torch, copy
        a = torch.ones(2, requires_grad=True); a.grad = torch.full((2,), 3.)
        q = copy.deepcopy(a); print(q, q.grad, q.is_leaf, q.grad is a.grad)
        b = a * 2
        try:
            copy.deepcopy(b)
        except RuntimeError as e:
            print(str(e)[:40])
        d = copy.copy(b); print(d.requires_grad, d.is_leaf, d)
        e = copy.copy(a); print(e.grad, e)
        p = torch.nn.Parameter(torch.ones(2)); p.grad = torch.full((2,), 3.)
        r = copy.deepcopy(p); print(r, r.grad)
        print(copy.copy(p))

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        tensor([1., 1.], requires_grad=True) tensor([3., 3.]) True False
        Only Tensors created explicitly by the u
        True True tensor([2., 2.], requires_grad=True)
        None tensor([1., 1.], requires_grad=True)
        Parameter containing:
        tensor([1., 1.], requires_grad=True) None
        Parameter containing:
        tensor([1., 1.], requires_grad=True)

        """#)
    }

    /// partial merges keywords, lru_cache caches and evicts, wraps copies the name and docstring.
    @Test("functools")
    func functoolsMembers() {
        let outcome = Self.run(#"""
        from functools import partial, reduce, lru_cache
        import functools
        def g(a, b=2, *, c=3): return (a, b, c)
        pp = partial(g, 1, c=5); print(pp(b=7), pp(c=9), pp.args, pp.keywords, pp.func is g)
        print(partial(pp, 8)())
        print(reduce(lambda a, b: a + b, [1, 2, 3]), reduce(lambda a, b: a * b, [], 1))
        try:
            reduce(lambda a, b: a, [])
        except TypeError as e:
            print(e)
        @lru_cache(maxsize=None)
        def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
        print(fib(25), fib.cache_info())
        calls = []
        @functools.lru_cache(maxsize=2)
        def h(x):
            calls.append(x)
            return x * 2
        print(h(1), h(2), h(1), h(3), h(2), calls, h.cache_info())
        def deco(fn):
            @functools.wraps(fn)
            def wrapper(*args, **kwargs):
                return fn(*args, **kwargs) + 1
            return wrapper
        @deco
        def named(x):
            """Named doc."""
            return x
        print(named.__name__, named.__doc__, named(4), named.__wrapped__(4))
        print(sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: b - a)))
        class M:
            def __init__(self): self.calls = 0
            @functools.lru_cache(maxsize=None)
            def sq(self, x):
                self.calls += 1
                return x * x
        m = M(); print(m.sq(3), m.sq(3), m.calls, M.sq.cache_info())
        @functools.lru_cache()
        def mask(n): return n * 2
        @functools.lru_cache
        def plain(n): return n
        print(mask(2), mask.cache_info(), plain(1), plain.cache_info())

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        (1, 7, 5) (1, 2, 9) (1,) {'c': 5} True
        (1, 8, 5)
        6 1
        reduce() of empty iterable with no initial value
        75025 CacheInfo(hits=23, misses=26, maxsize=None, currsize=26)
        2 4 2 6 4 [1, 2, 3, 2] CacheInfo(hits=1, misses=4, maxsize=2, currsize=2)
        named Named doc. 5 4
        [3, 2, 1]
        9 9 1 CacheInfo(hits=1, misses=1, maxsize=None, currsize=1)
        4 CacheInfo(hits=0, misses=1, maxsize=128, currsize=1) 1 CacheInfo(hits=0, misses=1, maxsize=128, currsize=1)

        """#)
    }

    /// OrderedDict, defaultdict, Counter, namedtuple and deque print and behave as CPython's.
    @Test("collections")
    func collectionsTypes() {
        let outcome = Self.run(#"""
        from collections import OrderedDict, defaultdict, Counter, namedtuple, deque
        o = OrderedDict(); o['a'] = 1; o['b'] = [2]
        print(o, OrderedDict(), OrderedDict([('x', 1)], y=2))
        o.move_to_end('a'); print(o, o.popitem(last=False), o)
        d = defaultdict(list); d['k'].append(1); d['k'].append(2)
        print(d, defaultdict(int), dict(d), 'z' in d, len(d))
        n = defaultdict(int)
        for w in "a b a c a".split(): n[w] += 1
        print(n)
        c = Counter('abracadabra'); print(c, c.most_common(2), c['zz'], Counter())
        c.update('aaz'); print(c)
        P = namedtuple('Point', ['x', 'y']); p = P(1, y=2)
        print(p, p.x, p[1], tuple(p), p._asdict(), p._replace(x=5), P._fields, P)
        x, y = p; print(x + y, p == (1, 2), isinstance(p, tuple), isinstance(p, P))
        Q = namedtuple('Q', 'a b c', defaults=[9]); print(Q(1, 2), len(Q(1, 2)))
        try:
            P(1)
        except TypeError as e:
            print(e)
        q = deque([1, 2, 3], maxlen=3); q.append(4); print(q, q[0], q[-1], len(q))
        q.appendleft(0); print(q, q.pop(), q.popleft(), q, bool(deque()), deque('ab'))

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        OrderedDict([('a', 1), ('b', [2])]) OrderedDict() OrderedDict([('x', 1), ('y', 2)])
        OrderedDict([('a', 1)]) ('b', [2]) OrderedDict([('a', 1)])
        defaultdict(<class 'list'>, {'k': [1, 2]}) defaultdict(<class 'int'>, {}) {'k': [1, 2]} False 1
        defaultdict(<class 'int'>, {'a': 3, 'b': 1, 'c': 1})
        Counter({'a': 5, 'b': 2, 'r': 2, 'c': 1, 'd': 1}) [('a', 5), ('b', 2)] 0 Counter()
        Counter({'a': 7, 'b': 2, 'r': 2, 'c': 1, 'd': 1, 'z': 1})
        Point(x=1, y=2) 1 2 (1, 2) {'x': 1, 'y': 2} Point(x=5, y=2) ('x', 'y') <class '__main__.Point'>
        3 True True True
        Q(a=1, b=2, c=9) 3
        Point.__new__() missing 1 required positional argument: 'y'
        deque([2, 3, 4], maxlen=3) 2 4 3
        deque([2], maxlen=3) 3 0 deque([2], maxlen=3) False deque(['a', 'b'])

        """#)
    }

    /// Decorators read and set __doc__ (avalanche's @deprecated); a deque deep-copies through the memo, cycles included.
    @Test("__doc__ of functions and classes, deepcopy of a deque")
    func docstringsAndNativeDeepcopy() {
        let outcome = Self.run(#"""
        import copy, functools, inspect
        from collections import deque
        def tag(func):
            kind = "class" if inspect.isclass(func) else "function"
            if func.__doc__ is None:
                func.__doc__ = ""
            func.__doc__ += "[" + kind + "]"
            return func
        @tag
        def f():
            """F doc."""
        @tag
        def g(): pass
        @tag
        class K:
            """K doc."""
        print(f.__doc__, g.__doc__, K.__doc__, K.__name__, K.__module__)
        d = deque([[1], [2]], maxlen=4); d.append(d)
        e = copy.deepcopy(d); e[0].append(9)
        print(d[0], e[0], e[2] is e, e.maxlen)

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        F doc.[function] [function] K doc.[class] K __main__
        [1] [1, 9] True 4

        """#)
    }

    /// A subclass of a subclass of ValueError, and a warning category subclass turned into an error by a filter.
    @Test("user exception subclasses are caught by their bases")
    func exceptionSubclasses() {
        let outcome = Self.run(#"""
        import warnings
        class A(ValueError): pass
        class B(A): pass
        try:
            raise B("x")
        except ValueError as e:
            print("caught", type(e).__name__, e, isinstance(e, A), isinstance(e, KeyError))
        try:
            raise B
        except A:
            print("caught class")
        class MyW(UserWarning): pass
        warnings.simplefilter("error")
        try:
            warnings.warn("m", MyW)
        except UserWarning as e:
            print("caught warning", type(e).__name__, e)

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        caught B x True False
        caught class
        caught warning MyW m

        """#)
    }

    /// self.__dict__.update(kwargs) sets attributes; items, in, len, get, pop and vars see them.
    @Test("an instance's __dict__ is a live view of its attributes")
    func instanceDictIsLive() {
        let outcome = Self.run(#"""
        class Config:
            def __init__(self, **kwargs):
                self.__dict__.update(kwargs)
            def describe(self):
                return ", ".join("%s=%s" % (k, v) for k, v in self.__dict__.items())
        c = Config(depth=2, name='net')
        c.__dict__['extra'] = [1]
        c.width = 8
        print(c.describe(), c.extra, 'depth' in c.__dict__, len(c.__dict__), vars(c) == c.__dict__, c.__dict__.get('zz', 5))
        print(c.__dict__.pop('extra'), list(c.__dict__), hasattr(c, 'extra'))

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        depth=2, name=net, extra=[1], width=8 [1] True 4 True 5
        [1] ['depth', 'name', 'width'] False

        """#)
    }

    /// isinstance against collections.abc classes.
    @Test("collections.abc")
    func collectionsABC() {
        let outcome = Self.run(#"""
        import collections.abc
        import torch
        for v in [[1], (1,), "s", {}, torch.ones(2), range(3), 3, None]:
            print(type(v).__name__, isinstance(v, collections.abc.Iterable), isinstance(v, collections.abc.Sequence), isinstance(v, collections.abc.Mapping))

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        list True True False
        tuple True True False
        str True True False
        dict True False True
        Tensor True False False
        range True True False
        int False False False
        NoneType False False False

        """#)
    }

    /// Finite and endless itertools, with zip, islice and break.
    @Test("itertools")
    func itertoolsMembers() {
        let outcome = Self.run(#"""
        import itertools as it
        from itertools import repeat
        print(tuple(repeat(3, 2)), list(it.chain([1], (2, 3))), list(it.product([1, 2], 'ab')), list(it.product(range(2), repeat=2)))
        print(list(it.permutations([1, 2, 3], 2)), list(it.combinations('abc', 2)), list(it.islice(it.count(5, 2), 3)), list(it.islice('abcdef', 1, 5, 2)))
        print(list(it.accumulate([1, 2, 3])), list(it.accumulate([1, 2, 3], lambda a, b: a * b)), list(it.zip_longest([1, 2, 3], 'ab', fillvalue='-')))
        print(list(zip(it.count(), 'ab')), list(zip('xyz', repeat(0))))
        for i in it.count(10):
            if i > 12:
                break
            print(i)
        z = zip(it.count(), it.repeat("a"))
        print(next(z), next(z), list(it.islice(z, 2)))
        s = it.islice(it.count(), 3, None, 2)
        print(next(s), next(s), list(zip(it.islice(it.count(), 1, None), "ab")))

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        (3, 3) [1, 2, 3] [(1, 'a'), (1, 'b'), (2, 'a'), (2, 'b')] [(0, 0), (0, 1), (1, 0), (1, 1)]
        [(1, 2), (1, 3), (2, 1), (2, 3), (3, 1), (3, 2)] [('a', 'b'), ('a', 'c'), ('b', 'c')] [5, 7, 9] ['b', 'd']
        [1, 3, 6] [1, 2, 6] [(1, 'a'), (2, 'b'), (3, '-')]
        [(0, 'a'), (1, 'b')] [('x', 0), ('y', 0), ('z', 0)]
        10
        11
        12
        (0, 'a') (1, 'a') [(2, 'a'), (3, 'a')]
        3 5 [(1, 'a'), (2, 'b')]

        """#)
    }

    /// operator functions dispatch like the operators, tensors included; sum accepts tensors.
    @Test("operator")
    func operatorMembers() {
        let outcome = Self.run(#"""
        import operator, torch
        from functools import reduce
        print(operator.add(1, 2), operator.mul(3, 4), operator.itemgetter(1)([5, 6]), operator.itemgetter(0, 2)('abc'), operator.neg(3), operator.truediv(1, 2))
        print(reduce(operator.mul, [1, 2, 3, 4]), sorted([(1, 'b'), (0, 'c')], key=operator.itemgetter(1)), operator.lt(2, 1))
        print(operator.add(torch.ones(2), 1), operator.matmul(torch.eye(2), torch.tensor([1., 2.])))
        print(sum([torch.ones(2), torch.ones(2)]), sum([torch.ones(2)], torch.full((2,), 3.)))

        """#)
        #expect(outcome.error == nil)
        #expect(outcome.stdout == #"""
        3 12 6 ('a', 'c') -3 0.5
        24 [(1, 'b'), (0, 'c')] False
        tensor([2., 2.]) tensor([1., 2.])
        tensor([2., 2.]) tensor([4., 4.])

        """#)
    }
}
