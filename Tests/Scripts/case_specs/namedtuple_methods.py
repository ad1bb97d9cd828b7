# A `class P(NamedTuple)` body's methods, properties, class and static methods,
# constants, docstring and __repr__/__str__ reach the class and its instances;
# _fields, _replace, _asdict, _make and copies keep working and keep the methods.
POINT = """from typing import NamedTuple
import math
class Point(NamedTuple):
    \"\"\"A point in the plane.\"\"\"
    x: float
    y: float = 0.0
    UNIT = 1
    def norm(self):
        return math.hypot(self.x, self.y)
    def scaled(self, k):
        return self._replace(x=self.x * k, y=self.y * k)
    @property
    def swapped(self):
        return Point(self.y, self.x)
    @classmethod
    def origin(cls):
        return cls(0.0, 0.0)
    @staticmethod
    def parse(text):
        a, b = text.split(',')
        return Point(float(a), float(b))
"""
CASES = [("python", source) for source in [
    POINT + "p = Point(3.0, 4.0)\nprint(p, p.scaled(2), p.swapped, Point.origin(), Point.parse('1,2'))\n(p.norm(), p.scaled(0.5).norm(), p.swapped.swapped == p, Point.norm(p), p.UNIT, Point.UNIT)",
    POINT + "p = Point(3.0, 4.0)\n(p._fields, p._asdict(), p._replace(x=1.0).norm(), Point._make([6.0, 8.0]).norm(), Point(1.0).y, Point.__doc__, p.__doc__)",
    POINT + "import copy\np = Point(3.0, 4.0)\nq = copy.deepcopy(p)\n(q.norm(), type(p).__name__, type(p).origin(), isinstance(p, tuple), isinstance(p, Point), p[0], len(p), p == (3.0, 4.0), {(3.0, 4.0): 'found'}[p])",
    POINT + "def where(p):\n    match p:\n        case Point(0.0, 0.0):\n            return 'origin'\n        case Point(x, 0.0):\n            return f'on x at {x}'\n        case Point(x=x, y=y) if p.norm() > 4:\n            return f'far {x} {y}'\n        case _:\n            return 'near'\n[where(q) for q in [Point.origin(), Point(2.0), Point(3.0, 4.0), Point(1.0, 1.0)]]",
    "from typing import NamedTuple, Optional\nclass Out(NamedTuple):\n    logits: torch.Tensor\n    loss: Optional[torch.Tensor] = None\n    def total(self):\n        return self.logits.sum() + (0 if self.loss is None else self.loss)\n(Out(torch.ones(3)).total(), Out(torch.ones(2), torch.tensor(5.)).total())",
    "from typing import NamedTuple\nclass Plain(NamedTuple):\n    a: int\n    b: int\n(Plain.__doc__, Plain(1, 2), Plain(1, 2).a)",
    POINT + "Point(1.0, 2.0).missing",
    "from typing import NamedTuple\nclass P(NamedTuple):\n    x: int\n    y: int\n    def __repr__(self):\n        return f'<P {self.x},{self.y}>'\nclass Q(NamedTuple):\n    a: int\n    def __str__(self):\n        return f'Q with {self.a}'\np, q = P(1, 2), Q(5)\nprint(p, q, f'{p} {q}')\n(repr(p), str(p), [p], repr(q), str(q), [q], repr(p._replace(x=9)))",
]]
