# contextlib: nullcontext (nanoGPT's `ctx = nullcontext() if device_type == 'cpu' else
# autocast(...)`), @contextmanager over a generator function, on a method too, and suppress.
CASES = [("python", source) for source in [
    "from contextlib import nullcontext\nctx = nullcontext()\nwith ctx:\n    y = torch.ones(2) * 2\nwith nullcontext(5) as v:\n    pass\n(y, v)",
    "from contextlib import contextmanager\n@contextmanager\ndef tag(name):\n    print('enter', name)\n    try:\n        yield name.upper()\n    finally:\n        print('exit', name)\nwith tag('a') as t:\n    print('inside', t)\nt",
    "from contextlib import contextmanager\n@contextmanager\ndef tag(name):\n    try:\n        yield\n    finally:\n        print('exit', name)\ntry:\n    with tag('b'):\n        raise ValueError('x')\nexcept ValueError as e:\n    print('caught', e)\n'done'",
    "import contextlib\n@contextlib.contextmanager\ndef frozen():\n    with torch.no_grad():\n        yield\nx = torch.ones(2, requires_grad=True)\nwith frozen():\n    z = x * 2\n(z.requires_grad, (x * 2).requires_grad)",
    "from contextlib import contextmanager\nclass Timer:\n    @contextmanager\n    def section(self, label):\n        self.last = label\n        yield self\n        print('done', label)\ntm = Timer()\nwith tm.section('fwd') as s:\n    print(s is tm)\ntm.last",
    "from contextlib import contextmanager\n@contextmanager\ndef empty():\n    if False:\n        yield\nwith empty():\n    pass",
    "from contextlib import contextmanager\n@contextmanager\ndef twice():\n    yield 1\n    yield 2\nwith twice():\n    pass",
    "from contextlib import suppress, nullcontext\nwith suppress(KeyError, IndexError):\n    [][1]\nwith suppress(ZeroDivisionError), nullcontext():\n    1 / 0\n'after'",
    "from contextlib import suppress\nwith suppress(KeyError):\n    raise ValueError('not suppressed')",
]]
