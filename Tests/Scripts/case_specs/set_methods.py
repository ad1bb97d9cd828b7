# The set methods that change a set in place and the remaining comparisons, which
# optimizer and data code use (`param_set.update(...)`, `isdisjoint`).
CASES = [("python", source) for source in [
    "s = {3, 1}\ns.update([5, 1], (7,))\n(s, s.isdisjoint({2}), s.isdisjoint([3]), s.issuperset([1, 3]), s.issuperset({9}))",
    "s = {1, 5}\ns.remove(5)\ns",
    "s = {1}\ns.remove(42)",
    "t = {10, 20, 30}\nx = t.pop()\n(x in {10, 20, 30}, len(t))",
    "t = {1}\nt.clear()\nt.pop()",
    "a = {1, 2, 3, 4}\na.intersection_update([2, 3, 9])\nb = {1, 2, 3, 4}\nb.difference_update({2}, [4])\nc = {1, 2, 3}\nc.symmetric_difference_update([3, 4])\n(a, b, c, {1, 2}.symmetric_difference([2, 5]))",
    "s = set()\ns.update([[1]])",
]]
