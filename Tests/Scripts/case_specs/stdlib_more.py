# Standard-library pieces real training scripts import: heapq and bisect (top-k lists,
# schedules), json.loads/load/dump (configs), frozenset, and re (parameter-name filters).
HEAPQ = [
    "import heapq\nh = []\nfor x in [5, 1, 8, 3, 9, 2, 7]:\n    heapq.heappush(h, x)\n(h, [heapq.heappop(h) for _ in range(3)], h)",
    "import heapq\nh = [9, 4, 7, 1, 3, 8, 2, 6, 5, 0]\nheapq.heapify(h)\n(h, heapq.heapreplace(h, 10), h, heapq.heappushpop(h, -1), heapq.heappushpop(h, 4), h)",
    "from heapq import heappush, heappop\nh = []\nfor score, name in [(0.5, 'a'), (0.1, 'b'), (0.9, 'c'), (0.1, 'a')]:\n    heappush(h, (score, name))\n[heappop(h) for _ in range(len(h))]",
    "import heapq\nwords = ['pear', 'fig', 'banana', 'kiwi', 'apple', 'date']\n(heapq.nlargest(3, [4, 1, 7, 3, 7, 2]), heapq.nsmallest(2, [4, 1, 7, 3]), heapq.nlargest(2, words, key=len), heapq.nsmallest(3, words, key=len), heapq.nlargest(0, words), heapq.nsmallest(10, [3, 1]))",
    "import heapq\nheapq.heappop([])",
    "import heapq\nheapq.heapreplace([], 1)",
    "import heapq\nheapq.heappush((), 1)",
    "import heapq\nheapq.heapify((3, 1))",
    "import heapq\nh = [1]\nheapq.heappush(h, 'a')",
    "import heapq\n(heapq.heappushpop([], 3), list(heapq.merge([1, 4, 9], [2, 3, 10], [0])))",
    "import heapq\nscores = {'x': 3.5, 'y': 1.25, 'z': 9.0}\nheapq.nlargest(2, scores, key=scores.get)",
]
BISECT = [
    "import bisect\na = [1, 2, 2, 2, 5, 9]\n(bisect.bisect_left(a, 2), bisect.bisect_right(a, 2), bisect.bisect(a, 2), bisect.bisect_left(a, 0), bisect.bisect_right(a, 10), bisect.bisect_left(a, 2, 2), bisect.bisect_right(a, 2, 0, 3))",
    "import bisect\nmilestones = [30, 60, 90]\n[bisect.bisect_right(milestones, epoch) for epoch in [0, 29, 30, 59, 60, 95]]",
    "import bisect\na = []\nfor x in [5, 1, 4, 1, 9, 2]:\n    bisect.insort(a, x)\nb = [3, 6]\nbisect.insort_left(b, 6)\nbisect.insort_right(b, 3, 0, 1)\n(a, b)",
    "from bisect import bisect_left, insort\nrecords = [('a', 1), ('b', 4), ('c', 9)]\ninsort(records, ('d', 5), key=lambda r: r[1])\n(bisect_left(records, 4, key=lambda r: r[1]), records)",
    "import bisect\nbisect.bisect_left([1, 2], 1, -1)",
    "import bisect\nbisect.bisect_right([1, 2, 3], 2, 0, -1)",
    "import bisect\nbisect.insort([1, 2], 'x')",
]
JSON = [
    "import json\njson.loads('{\"lr\": 0.001, \"layers\": [64, 128], \"name\": \"run\\\\u00e9\", \"ok\": true, \"none\": null, \"neg\": -12, \"exp\": 1e-3}')",
    "import json\n(json.loads('  [1, 2.5, \"x\", [], {}]  '), json.loads('\"\\\\ud83d\\\\ude00 \\\\n\\\\t\\\\/\"'), json.loads('NaN'), json.loads('-Infinity'), json.loads('12345678901234567890'))",
    "import json\ncfg = {'b': [1, {'c': None}], 'a': 'x'}\njson.loads(json.dumps(cfg)) == cfg",
    "import json\njson.loads('')",
    "import json\njson.loads('{\"a\": 1,}')",
    "import json\njson.loads('[1, 2')",
    "import json\njson.loads(\"{'a': 1}\")",
    "import json\njson.loads('{\"a\" 1}')",
    "import json\njson.loads('{\"a\": 1}\\n{\"b\": 2}')",
    "import json\njson.loads('\"abc')",
    "import json\njson.loads('\"a\\\\qb\"')",
    "import json\njson.loads('\"a\\nb\"')",
    "import json\njson.loads('[\"\\\\u12x4\"]')",
    "import json\njson.loads('{\\n  \"a\": 1,\\n  \"b\": tru\\n}')",
    "import json\njson.loads(3)",
    "import json\ntry:\n    json.loads('[1,,2]')\nexcept ValueError as error:\n    caught = (type(error).__name__, isinstance(error, json.JSONDecodeError), str(error))\ncaught",
    "import json\n(json.loads('{\"a\": 1.5, \"b\": 2}', parse_float=str, parse_int=float), json.loads('{\"x\": {\"y\": 1}}', object_hook=lambda d: sorted(d.items())), json.loads('{\"b\": 1, \"a\": 2}', object_pairs_hook=list))",
    "import json\nclass Sink:\n    def __init__(self):\n        self.parts = []\n    def write(self, text):\n        self.parts.append(text)\n    def read(self):\n        return ''.join(self.parts)\nsink = Sink()\njson.dump({'epochs': 3, 'lr': [0.1, 0.01]}, sink, indent=2)\n(sink.read(), json.load(sink))",
    "from json import JSONDecodeError, loads\ntry:\n    loads('nul')\nexcept JSONDecodeError as error:\n    message = str(error)\nmessage",
]
STRINGS = [
    "text = 'a\\nb\\nc'\n(text.count('\\n', 0, 2), text.rfind('\\n', 0, 2), 'abcabc'.find('b', 2), 'abcabc'.count('b', 2), 'abc'.find('', 3), 'abc'.find('', 4), 'abc'.count('', 1), 'abc'.count('', 5), 'abcabc'.rfind('b', -3), 'abcabc'.find('c', None, -1), 'abcabc'.index('a', 1), 'abc'.count('', 2, 1), 'abc'.find('c', -100, 100), 'abcabc'.rindex('b', 0, 4))",
    "'abcabc'.index('a', 1, 3)",
]
FROZENSET = [
    "a = frozenset([3, 1, 2, 1])\n(a, frozenset(), repr(frozenset('')), len(a), 2 in a, type(a).__name__, isinstance(a, frozenset), isinstance(a, set), isinstance({1}, frozenset), isinstance({1}, list))",
    "a = frozenset({1, 2, 3})\nb = {2, 3, 4}\n(a | b, a & b, a - b, a ^ b, b | a, b - a, a.union([9]), a.intersection(b), a.difference(b), a.symmetric_difference(b), a.issubset({1, 2, 3, 4}), a.isdisjoint({7}))",
    "pairs = {frozenset({'x', 'y'}): 1, frozenset(): 0}\nseen = {frozenset([1, 2]), frozenset([2, 1]), frozenset([3])}\n(pairs[frozenset(['y', 'x'])], pairs[frozenset()], len(seen), frozenset([1, 2]) in seen, frozenset({1}) == {1}, hash(frozenset([1, 2])) == hash(frozenset([2, 1])))",
    "frozenset([1]).add(2)",
    "frozenset([[1]])",
    "{[1]: frozenset()}",
    "import copy\na = frozenset([1, 2])\n(a.copy() is a, copy.copy(a) is a, copy.deepcopy(a), sorted(a), list(a), frozenset(a) == a, {a: 'k'}[frozenset({2, 1})], a < frozenset({1, 2, 3}), a <= {1, 2}, frozenset([1]) | frozenset([2]), {1: 2}.keys() | frozenset([3]))",
    "frozenset([1, 2]).append(3)",
    "frozenset(1)",
    "frozenset([1], [2])",
    "set([1], [2])",
    "frozenset(iterable=[1])",
]
CASES = [("python", source) for source in HEAPQ + BISECT + JSON + STRINGS + FROZENSET]
