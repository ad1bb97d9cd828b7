# Hostile programs, each of which once crashed, hung or misbehaved, or is named by the
# robustness issue. Each `### name -> Expected` header starts a snippet; Expected is the
# Python exception it must end with (`-> Type: message` checks the exact message too),
# `ok` for none, `any` for any. Replayed in-process
# by HostileSnippetTests (tensor memory 256 MiB, 10**6 items, 10**7-byte strings).

### string repeat 10**12 -> MemoryError
'a' * 10**12
### string repeat 2**62 -> MemoryError
'ab' * 2**62
### string repeat in place -> MemoryError
x = 'a'
x *= 10**12
### string doubling -> MemoryError
s = 'ab'
for i in range(100):
    s = s + s
### list repeat 10**12 -> MemoryError
[0] * 10**12
### list repeat overflowing -> MemoryError
[0, 1] * ((2**62 - 1 + 2**62))
### empty list repeat huge -> ok
x = [] * 10**18
y = () * 10**18
z = '' * 10**18
### tuple repeat -> MemoryError
(0,) * 10**12
### list doubling -> MemoryError
x = [0]
for i in range(100):
    x = x + x
### list extend doubling -> MemoryError
x = [0]
for i in range(100):
    x.extend(x)
### list in-place repeat -> MemoryError
x = [1]
x *= 10**12
### list of huge range -> MemoryError
list(range(10**12))
### list of full-width range -> MemoryError
list(range((-2**62 - 2**62), (2**62 - 1 + 2**62)))
### tuple of huge range -> MemoryError
tuple(range(10**12))
### sorted huge range -> MemoryError
sorted(range(10**12))
### comprehension over huge range -> MemoryError
x = [i for i in range(10**18)]
### sum of huge generator -> any
sum(i for i in range(10**18))
### tensor from huge range -> any
torch.tensor(range(10**12))
### center huge -> MemoryError
'x'.center(10**12)
### ljust huge -> MemoryError
'x'.ljust(2**62)
### rjust max -> MemoryError
'x'.rjust((2**62 - 1 + 2**62))
### zfill huge -> MemoryError
'x'.zfill(10**12)
### format width huge -> MemoryError
f'{1:>{10**12}}'
### format width literal huge -> MemoryError
f'{1:1000000000d}'
### format method width huge -> MemoryError
'{:10000000000}'.format(1)
### format precision huge -> any
'%.1000000000f' % 1.0
### join huge -> MemoryError
'x'.join(['ab'] * 10**5) * 1000
### expandtabs huge -> any
'a\tb'.expandtabs(2**40)
### replace empty with huge -> MemoryError
('x' * 10**5).replace('', 'y' * 10**5)

### power tower -> MemoryError
10 ** 10 ** 10
### int past 64 bits on power -> ok
2 ** 63
### shift overflow -> MemoryError
1 << 2**62
### negate minimum -> ok
-((-2**62 - 2**62))
### abs minimum -> ok
abs((-2**62 - 2**62))
### floor divide minimum by minus one -> ok
((-2**62 - 2**62)) // -1
### modulo minimum by minus one -> any
((-2**62 - 2**62)) % -1
### divmod minimum -> any
divmod((-2**62 - 2**62), -1)
### int of nan -> ValueError
int(float('nan'))
### int of inf -> OverflowError
int(float('inf'))
### int of huge float -> ok
int(1e300)
### round inf -> OverflowError
round(float('inf'))
### round huge -> ok
round(1e300)
### floor of inf -> any
math.floor(float('inf'))
### ceil of nan -> any
math.ceil(float('nan'))
### factorial huge -> any
math.factorial(10**6)
### comb huge -> any
math.comb(10**18, 10**9)
### pow mod -> any
pow(2, 10**18, 10**9)
### pow three arguments zero modulus -> any
pow(3, (2**62 - 1 + 2**62), 0)
### float overflow -> OverflowError
2.0 ** 10000
### int parse huge -> any
int('9' * 100000)
### percent d of inf -> any
'%d' % float('inf')
### len of huge range -> any
len(range((-2**62 - 2**62), (2**62 - 1 + 2**62)))
### index of huge range -> any
range((-2**62 - 2**62), (2**62 - 1 + 2**62))[2**62]
### range step zero -> ValueError
range(0, 10, 0)
### list index extreme -> IndexError
[1, 2, 3][(-2**62 - 2**62)]
### list slice extreme -> ok
[1, 2, 3][2**62:(-2**62 - 2**62):(-2**62 - 2**62)]
### list slice step zero -> ValueError
[1, 2, 3][::0]
### string index extreme -> IndexError
'abc'[(-2**62 - 2**62)]
### string slice extreme step -> ok
'abc'[::(-2**62 - 2**62)]
### list insert extreme -> ok
x = [1]
x.insert((-2**62 - 2**62), 0)
x.insert(2**62, 0)
### list pop extreme -> IndexError
[1].pop((-2**62 - 2**62))
### slice assignment extreme -> any
x = [1, 2, 3]
x[::2**62] = [4]
### slice deletion extreme -> IndexError
x = [1, 2, 3]
del x[(-2**62 - 2**62)]
### enumerate start overflow -> any
list(enumerate([1, 2], (2**62 - 1 + 2**62)))

### zeros 2**62 -> RuntimeError
torch.zeros(2**62)
### zeros overflowing shape -> RuntimeError
torch.zeros(2**62, 2**62)
### zeros 2**31 squared -> RuntimeError
torch.zeros(2**31, 2**31)
### rand 2**62 -> RuntimeError
torch.rand(2**62)
### full 2**62 -> RuntimeError
torch.full((2**62,), 1.0)
### eye 2**40 -> RuntimeError
torch.eye(2**40)
### arange huge -> RuntimeError
torch.arange(2**62)
### arange float huge -> RuntimeError
torch.arange(0, 1e30)
### arange tiny step -> RuntimeError
torch.arange(0, 1, 1e-30)
### arange full int range -> RuntimeError
torch.arange((-2**62 - 2**62), (2**62 - 1 + 2**62))
### arange infinite -> RuntimeError
torch.arange(0, float('inf'))
### arange nan -> RuntimeError
torch.arange(0, float('nan'))
### linspace huge -> RuntimeError
torch.linspace(0, 1, 2**62)
### linspace huge steps and range -> RuntimeError
torch.linspace(0, 1e308, 2**40)
### logspace huge -> RuntimeError
torch.logspace(0, 1, 2**62)
### view huge -> RuntimeError
torch.ones(3).view(2**62)
### view overflowing -> RuntimeError
torch.ones(1).view(2**62, 2**62)
### expand huge overflowing -> RuntimeError
torch.ones(1).expand(2**62, 2**62)
### sum of huge expand -> any
torch.ones(1, 1).expand(2**40, 2**40).sum()
### contiguous of huge expand -> RuntimeError
torch.ones(1, 1).expand(2**31, 2**31).contiguous()
### repeat huge -> RuntimeError
torch.ones(1).repeat(2**62)
### repeat overflowing -> RuntimeError
torch.ones(2, 2).repeat(2**62, 2**62)
### tile huge -> RuntimeError
torch.ones(3).tile(2**62)
### cat of huge expands -> RuntimeError
torch.cat([torch.ones(1).expand(2**62), torch.ones(1).expand(2**62)])
### stack of huge expands -> RuntimeError
torch.stack([torch.ones(1).expand(2**40)] * 2)
### matmul of huge broadcast batches -> RuntimeError
torch.ones(1, 1, 1).expand(2**30, 2**20, 1) @ torch.ones(1, 1, 1).expand(2**30, 1, 2**20)
### matmul of huge expanded matrices -> RuntimeError
torch.ones(2**20, 1).expand(2**20, 2**20) @ torch.ones(2**20, 1).expand(2**20, 2**20)
### matmul broadcast batch overflow -> RuntimeError
torch.matmul(torch.ones(1, 1, 2, 2).expand(2**31, 2**31, 2, 2), torch.ones(2, 2))
### einsum of huge expanded -> RuntimeError
torch.einsum('ij,jk->ik', torch.ones(2**20, 1).expand(2**20, 2**20), torch.ones(2**20, 1).expand(2**20, 2**20))
### one_hot huge class -> RuntimeError
torch.nn.functional.one_hot(torch.tensor([2**62]))
### one_hot max class -> RuntimeError
torch.nn.functional.one_hot(torch.tensor([(2**62 - 1 + 2**62)]))
### one_hot huge classes -> RuntimeError
torch.nn.functional.one_hot(torch.tensor([1]), 2**62)
### bincount huge -> RuntimeError
torch.bincount(torch.tensor([2**62]))
### repeat_interleave huge -> RuntimeError
torch.ones(3).repeat_interleave(2**62)
### repeat_interleave overflowing counts -> any
torch.repeat_interleave(torch.tensor([2**62, 2**62, 2**62]))
### pad huge -> RuntimeError
torch.nn.functional.pad(torch.ones(3), (2**62, 2**62))
### pad minimum -> RuntimeError
torch.nn.functional.pad(torch.ones(3), ((-2**62 - 2**62), 0))
### diag_embed minimum offset -> any
torch.diag_embed(torch.ones(3), offset=(-2**62 - 2**62))
### Size numel overflowing -> any
torch.Size([2**62, 2**62]).numel()
### unsqueeze extreme -> IndexError
torch.ones(1).unsqueeze(2**62)
### index extreme -> IndexError
torch.ones(3)[(-2**62 - 2**62)]
### slice extreme -> ok
torch.ones(3)[(-2**62 - 2**62):(2**62 - 1 + 2**62):2**62]
### narrow extreme -> any
torch.ones(3).narrow(0, 2**62, 2**62)
### unfold extreme -> any
torch.ones(4).unfold(0, 2**62, 1)
### roll extreme -> ok
torch.ones(3).roll((-2**62 - 2**62))
### diagonal extreme -> any
torch.ones(2, 2).diagonal(2**62)
### tril extreme -> ok
torch.ones(2, 2).tril((-2**62 - 2**62))
### split extreme -> ok
torch.ones(4).split(2**62)
### topk extreme -> RuntimeError
torch.ones(4).topk(2**62)
### index_select extreme -> IndexError
torch.ones(3).index_select(0, torch.tensor([2**62]))
### gather extreme -> any
torch.ones(3).gather(0, torch.tensor([(-2**62 - 2**62)]))
### tensor index extreme -> IndexError
torch.ones(3)[torch.tensor([(-2**62 - 2**62)])]
### multinomial huge -> RuntimeError
torch.multinomial(torch.ones(3), 2**62)
### randint huge -> RuntimeError
torch.randint(0, 10, (2**62,))
### randperm huge -> RuntimeError
torch.randperm(2**62)
### histc huge bins -> any
torch.histc(torch.ones(3), bins=2**62)
### new_zeros huge -> RuntimeError
torch.ones(3).new_zeros(2**62)
### float to long of inf -> ok
torch.tensor([float('inf'), float('nan'), 1e300]).long()
### integer division of minimum by minus one -> ok
torch.tensor([(-2**62 - 2**62)]) // -1
### integer remainder of minimum by minus one -> ok
torch.tensor([(-2**62 - 2**62)]) % -1
### integer division by zero -> RuntimeError
torch.tensor([5]) // 0
### integer power negative -> RuntimeError
torch.tensor([3]) ** -1
### shift extreme -> ok
torch.tensor([1]) << 2**62
### tensor of too-large int -> ValueError
torch.tensor(2**63)
### ragged nested list -> ValueError
torch.tensor([[1, 2], [3]])
### manual seed extreme -> any
torch.manual_seed((-2**62 - 2**62))
### embedding huge -> RuntimeError
torch.nn.Embedding(2**62, 2)
### linear huge -> RuntimeError
torch.nn.Linear(2**31, 2**31)

### recursion direct -> RecursionError
def f(n):
    return f(n + 1)
f(0)
### recursion mutual -> RecursionError
def f(n):
    return g(n)
def g(n):
    return f(n)
f(0)
### recursion lambda -> RecursionError
f = lambda n: f(n + 1)
f(0)
### recursion init -> RecursionError
class A:
    def __init__(self):
        self.a = A()
A()
### recursion repr -> RecursionError
class A:
    def __repr__(self):
        return repr(self)
repr(A())
### recursion in sort key -> RecursionError
def k(x):
    return sorted([1, 2], key=k)
sorted([1, 2], key=k)
### recursion caught and retried in finally -> TimeoutError
def f():
    try:
        return f()
    finally:
        f()
f()
### recursion caught forever -> any
def f():
    try:
        f()
    except RecursionError:
        f()
f()
### deep nesting in each frame -> RecursionError
def f(n):
    return ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((f(n + 1)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
f(0)
### runtime nested list repr -> RecursionError
x = []
for i in range(100000):
    x = [x]
repr(x)
### runtime nested list to tensor -> ValueError
x = [1.0]
for i in range(100000):
    x = [x]
torch.tensor(x)
### runtime nested list equality -> ok
x = []
y = []
for i in range(100000):
    x = [x]
    y = [y]
x == y
### runtime nested list order -> ok
x = []
y = []
for i in range(100000):
    x = [x]
    y = [y]
x < y
### runtime nested dict repr -> RecursionError
x = {}
for i in range(100000):
    x = {'a': x}
str(x)
### runtime nested tuple in a dict key -> any
x = ()
for i in range(100000):
    x = (x,)
d = {x: 1}
d[x]
### runtime nested list released -> ok
x = []
for i in range(100000):
    x = [x]
x = None
### self-containing list -> ok
x = []
x.append(x)
repr(x)
x == x
str(x)
### self-containing dict -> ok
d = {}
d['a'] = d
repr(d)
### self-containing list to tensor -> any
x = []
x.append(x)
torch.tensor(x)
### self-containing lists compared -> RecursionError
x = []
x.append(x)
y = []
y.append(y)
x == y

### while true -> TimeoutError
while True:
    pass
### for over huge range -> TimeoutError
for i in range(10**18):
    pass
### catching the timeout does not help -> TimeoutError
while True:
    try:
        while True:
            pass
    except BaseException:
        pass
### keyboard interrupt handler does not catch the timeout -> TimeoutError
while True:
    try:
        pass
    except KeyboardInterrupt:
        pass

### import os -> any
import os
### import subprocess -> any
import subprocess
### from os import system -> any
from os import system
### __import__ -> any
__import__('os')
### open -> any
open('/etc/passwd')
### open for writing -> any
open('/tmp/tensortutor-should-not-exist', 'w')
### eval -> any
eval('1 + 1')
### exec -> any
exec('x = 1')
### compile -> any
compile('1', 'x', 'eval')
### globals -> any
globals()
### input -> any
input()
### breakpoint -> any
breakpoint()
### subclasses walk -> any
(1).__class__.__base__.__subclasses__()
### builtins -> any
__builtins__
### torch.load -> any
torch.load('/etc/passwd')
### torch.save -> any
torch.save(torch.ones(1), '/tmp/tensortutor-should-not-exist')
### torch.from_file -> any
torch.from_file('/etc/passwd')

# Found by the fuzzer (seed 7): a negative replacement index read out of range.
### format with a negative index -> KeyError
'{-1}{1}{0}'.format('a', 'b')
### format with a huge index -> any
'{99999999999999999999}'.format('a')
### format with an index past the arguments -> IndexError
'{5}'.format('a')
### C1 iterator whose __iter__ returns self -> ok
class Countdown:
    def __init__(self, n): self.n = n
    def __iter__(self): return self
    def __next__(self):
        if self.n == 0: raise StopIteration
        self.n -= 1
        return self.n + 1
seen = []
for v in Countdown(3): seen.append(v)
assert seen == [3, 2, 1], seen
assert list(Countdown(2)) == [2, 1]
assert sorted(Countdown(3)) == [1, 2, 3]
it = iter(Countdown(2))
assert next(it) == 2 and next(it) == 1 and next(it, 'done') == 'done'
### C1 endless iterator that a for loop breaks out of -> ok
class Naturals:
    def __init__(self): self.i = 0
    def __iter__(self): return self
    def __next__(self):
        self.i += 1
        return self.i
total = 0
for v in Naturals():
    if v > 4: break
    total += v
assert total == 10
### C1 endless iterator materialized -> any
class Forever:
    def __iter__(self): return self
    def __next__(self): return 1
list(Forever())
### C1 __iter__ without __next__ -> TypeError: iter() returned non-iterator of type 'Selfish'
class Selfish:
    def __iter__(self): return self
for v in Selfish(): pass
### C1 __iter__ returning a list -> TypeError: iter() returned non-iterator of type 'list'
class Lister:
    def __iter__(self): return [1]
list(Lister())
### C1 sequence protocol through __getitem__ -> ok
class Tens:
    def __getitem__(self, i):
        if i > 2: raise IndexError
        return i * 10
assert list(Tens()) == [0, 10, 20]
assert 20 in Tens()
### C1 next on a non-iterator -> TypeError: 'int' object is not an iterator
next(5)
### C2 int with base 0 and prefixes -> ok
assert int("10", 0) == 10 and int("0x1f", 16) == 31 and int("-0x1f", 0) == -31
assert int("0b101", 0) == 5 and int("0o17", 0) == 15 and int("000", 0) == 0
assert int(" 1_0 ") == 10 and int("0x_1f", 16) == 31 and int("Z", 36) == 35
assert int("-9223372036854775808") == -9223372036854775807 - 1
### C2 int base above 36 -> ValueError: int() base must be >= 2 and <= 36, or 0
int("12", 37)
### C2 int base 1 -> ValueError: int() base must be >= 2 and <= 36, or 0
int("12", 1)
### C2 int negative base -> ValueError: int() base must be >= 2 and <= 36, or 0
int("12", -1)
### C2 leading zero with base 0 -> ValueError: invalid literal for int() with base 0: '010'
int("010", 0)
### C2 doubled underscore -> ValueError: invalid literal for int() with base 10: '1__0'
int("1__0")
### C2 bare prefix -> ValueError: invalid literal for int() with base 16: '0x'
int("0x", 16)
### C2 explicit base on a number -> TypeError: int() can't convert non-string with explicit base
int(5, 10)
### C3 empty tensor whose stride overflows -> RuntimeError: Stride calculation overflowed
torch.zeros(0, 2**62, 2)
### C3 empty tensor with a 4-d overflowing stride -> RuntimeError: Stride calculation overflowed
torch.empty(0, 2**62, 2, 1)
### C3 sizes whose running product overflows -> RuntimeError: Storage size calculation overflowed with sizes=[4294967296, 4294967296, 0]
torch.empty(2**32, 2**32, 0)
### C3 storage bytes overflow -> RuntimeError: Storage size calculation overflowed with sizes=[4611686018427387904]
torch.zeros(2**62)
### C3 empty shapes PyTorch accepts -> ok
assert torch.ones(2**62, 2, 0).shape == (2**62, 2, 0)
big = 2**62 + (2**62 - 1)
assert torch.zeros(0, big).stride() == (big, 1)
x = torch.zeros(2**62, 2, 0).permute(2, 0, 1)
assert x.sum(-1).shape == (0, 2**62)
assert x.tolist() == []
### C3 view of a permuted empty tensor -> RuntimeError: Stride calculation overflowed
torch.zeros(2**62, 2, 0).permute(2, 0, 1).unflatten(0, (1, -1))
### C3 indexing a permuted empty tensor -> RuntimeError: Storage size calculation overflowed with sizes=[4611686018427387904, 2]
torch.zeros(2**62, 2, 0).permute(2, 0, 1).repeat_interleave(2, 0)
### C4 product over an empty dim with a huge output -> RuntimeError: Storage size calculation overflowed with sizes=[4611686018427387904]
torch.zeros(0, 2**62).prod(0)
### C4 std over an empty dim with a huge output -> RuntimeError: Storage size calculation overflowed with sizes=[4611686018427387904]
torch.zeros(2**62, 0).std(-1)
### C4 any over an empty dim with a 2**33 output -> RuntimeError
torch.zeros(0, 2**33).any(0)
### C4 logsumexp over an empty dim -> RuntimeError
torch.zeros(0, 2**33).logsumexp(0)
### C4 repeat_interleave of a long empty dim -> RuntimeError
torch.zeros(0, 2**62).repeat_interleave(2, -1)
### H2 tolist of 2**62 empty rows -> MemoryError: tolist()'s nested lists would hold 4611686018427387905 items, above the limit of 1000000
torch.zeros(2**62, 0).tolist()
### H2 unbind into 2**62 pieces -> MemoryError: unbind()'s tuple would hold 4611686018427387904 items, above the limit of 1000000
torch.zeros(2**62, 0).unbind(0)
### H2 split into 2**62 pieces -> MemoryError: split()'s tuple would hold 4611686018427387904 items, above the limit of 1000000
torch.zeros(0, 2**62).split(1, -1)
### H2 chunk into 2**40 pieces -> MemoryError: chunk()'s tuple would hold 1099511627776 items, above the limit of 1000000
torch.zeros(0, 2**62).chunk(2**40, -1)
### H2 chunk count above the size is fine -> ok
assert len(torch.zeros(10).chunk(10**12)) == 10
### timeout while catching ZeroDivisionError -> TimeoutError
while True:
    try:
        1 / 0
    except ZeroDivisionError:
        pass
### timeout while catching RecursionError -> TimeoutError
def deep(n):
    return deep(n + 1)
while True:
    try:
        deep(0)
    except RecursionError:
        pass
### chr of a negative number -> ValueError: chr() arg not in range(0x110000)
chr(-1)
### __len__ returning -1 -> ValueError: __len__() should return >= 0
class Negative:
    def __len__(self): return -1
len(Negative())
### __len__ decides truth -> ok
class Empty:
    def __len__(self): return 0
assert not Empty()
assert (1 if Empty() else 2) == 2
### __bool__ returning 5 -> TypeError: __bool__ should return bool, returned int
class Five:
    def __bool__(self): return 5
if Five(): pass
### format width past 64 bits -> ValueError: Too many decimal digits in format string
f"{1:99999999999999999999}"
### format precision past 64 bits -> ValueError: Too many decimal digits in format string
'{:.99999999999999999999}'.format(1.0)
### top-level nonlocal -> SyntaxError: nonlocal declaration not allowed at module level
nonlocal x
### with on an int -> TypeError: 'int' object does not support the context manager protocol
with 5:
    pass
### user context manager -> ok
log = []
class Manager:
    def __init__(self, swallow): self.swallow = swallow
    def __enter__(self):
        log.append('enter')
        return 42
    def __exit__(self, kind, value, traceback):
        log.append(kind.__name__ if kind else None)
        return self.swallow
with Manager(False) as v:
    log.append(v)
with Manager(True):
    1 / 0
assert log == ['enter', 42, None, 'enter', 'ZeroDivisionError'], log
### MRO conflict -> ok
class A: pass
class B(A): pass
try:
    class C(A, B): pass
    assert False, 'accepted'
except TypeError as error:
    assert str(error) == 'Cannot create a consistent method resolution\norder (MRO) for bases A, B', str(error)
### duplicate base -> TypeError: duplicate base class A
class A: pass
class C(A, A): pass
### nn.Module() builds a module -> ok
m = nn.Module()
assert repr(m) == 'Module()'
### C3 tile of an empty tensor with long dims -> ok
assert torch.zeros(2**31, 0, 2**31).tile(2).shape == (2**31, 0, 2**32)
### H7 dict comprehension of 20000 items in linear time -> ok
d = {i: i * 2 for i in range(20000)}
assert len(d) == 20000 and d[19999] == 39998 and d[True] == 2 and 1.0 in d
del d[5]
assert 5 not in d and d[6] == 12
assert {(1, 2.0): 'x'}[(1.0, 2)] == 'x'
### H7 substring search in linear time -> ok
assert 'a' * 10**4 + 'b' in 'a' * 10**5 + 'b'
assert ('a' * 10**5 + 'b').find('a' * 10**4 + 'b') == 90000
assert ('a' * 10**5).count('aa') == 50000
assert 'e' in 'cafe\u0301'
### H7 sorted of 300000 ints natively -> ok
x = sorted(range(3 * 10**5, 0, -1))
assert x[0] == 1 and x[-1] == 3 * 10**5
assert sorted(['aa', 'b', 'ab'], key=len, reverse=True) == ['aa', 'ab', 'b']
assert sorted(['b', 'a', 'B', 'é']) == ['B', 'a', 'b', 'é']
### Found by the edge-shape fuzzer: flip of an empty tensor with a 2**62 dim -> ok
assert torch.zeros(2**62, 2, 0).flip(0).shape == (2**62, 2, 0)
### Found by the edge-shape fuzzer: roll along a dim of 2**63 - 1 -> ok
assert torch.empty(2**62 + (2**62 - 1), 0).roll(1, 0).shape == (2**62 + (2**62 - 1), 0)
assert torch.arange(5).roll(-7).tolist() == [2, 3, 4, 0, 1]
### Found by the edge-shape fuzzer: unsqueeze whose new stride wraps -> RuntimeError: as_strided: Negative strides are not supported at the moment, got strides: [-4611686018427387904, 4611686018427387904, 4611686018427387904, 1]
torch.empty(2**62 + (2**62 - 1), 0, 2**62).unsqueeze(0)
### H7 set.add 20000 times in linear time -> ok
s = set()
for i in range(20000):
    s.add(i % 15000)
assert len(s) == 15000 and 14999 in s and 15000 not in s and 1.0 in s
assert list({3, 1, 2}) == [1, 2, 3]
t = {'b', 'a'}
t.add('c')
t.discard('a')
assert sorted(t) == ['b', 'c'] and 'a' not in t
### Found by the fuzzer: tril_indices over 10**18 rows -> RuntimeError: this would allocate more memory than exists (2999999999999999994 elements)
torch.tril_indices(10**18, 3, -1)
### tril_indices and triu_indices with edge offsets -> ok
assert torch.triu_indices(10**18, 3, 1).shape == (2, 3)
assert torch.tril_indices(10**18, 0).shape == (2, 0)
assert torch.tril_indices(3, 3, -2**62 - 2**62).shape == (2, 0)
assert torch.tril_indices(3, 3, 2**62 + (2**62 - 1)).shape == (2, 9)
assert torch.tril_indices(4, 3, -1).tolist() == [[1, 2, 2, 3, 3, 3], [0, 0, 1, 0, 1, 2]]
### Found by the edge-shape fuzzer (seed 1): flatten of an empty tensor with long dims -> ok
assert torch.empty(2**31, 2**32, 0, 3).flatten().shape == (0,)
### flatten whose merged dims overflow -> RuntimeError: flatten(): the merged size of dims [2147483648, 4294967296] does not fit in 64 bits
torch.empty(2**31, 2**32, 0, 3).flatten(0, 1)
### Found by the op sweep: softmax, chunk and diagonal of empty tensors with long dims -> ok
assert torch.empty(2**31, 2**32, 0, 3).softmax(-1).shape == (2**31, 2**32, 0, 3)
assert torch.empty(2**31, 2**32, 0, 3).log_softmax(-1).shape == (2**31, 2**32, 0, 3)
big = 2**62 + (2**62 - 1)
assert [c.shape for c in torch.empty(0, big).chunk(2, -1)] == [(0, 2**62), (0, 2**62 - 1)]
assert torch.empty(0, big).diagonal().shape == (0,)
assert torch.arange(10).chunk(3)[-1].tolist() == [8, 9]
### padding to a width of -2**63 (found by make fuzz) -> ok
assert 'ab'.center(-2**63, '*') == 'ab'
assert 'ab'.ljust(-2**63) == 'ab' and 'ab'.rjust(-2**63) == 'ab'
assert '-5'.zfill(-2**63) == '-5'
### recurrent layers whose gate rows overflow int64 (found by make fuzz) -> TypeError: empty(): argument 'size' failed to unpack the object at pos 1 with error "Overflow when unpacking long long
import torch.nn as nn
nn.GRU(4, 2**63 - 1, bias=False)
### a recurrent cell whose gate rows overflow int64 -> TypeError: empty(): argument 'size' failed to unpack the object at pos 1 with error "Overflow when unpacking long long
import torch.nn as nn
nn.LSTMCell(4, 2**62)
### membership in a range past 64 bits is arithmetic -> ok
assert 2**64 in range(2**65) and 2**64 + 1 not in range(2**64)
assert next(reversed(range(2**70))) == 2**70 - 1
### adaptive pooling to a negative size (found by make fuzz) -> RuntimeError: adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {-1, -1}
import torch.nn.functional as F
F.adaptive_avg_pool2d(torch.randn(2, 3, 7, 6), -1)
### adaptive 1-d pooling to a negative size -> RuntimeError: adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {1, -1}
import torch.nn.functional as F
F.adaptive_avg_pool1d(torch.randn(3, 7), -1)
### repeating a string builds it by doubling, exactly -> ok
s = 'ab' * (3 * 10**4 + 1)
assert len(s) == 6 * 10**4 + 2 and s.endswith('abab') and s.count('ba') == 3 * 10**4
assert 'é€' * 3 == 'é€é€é€' and 'x' * 0 == '' and '' * 10**18 == '' and 'q' * -5 == ''
### round() to a number of digits past every float and int (found by make fuzz) -> ok

assert round(2.5, -2**63) == 0.0 and str(round(-2.5, -400)) == '-0.0'
assert round(5, -2**63) == 0 and round(-5, -19) == 0 and round(5 * 10**18, -19) == 0
assert round(-7e307, -308) == -1e308 and round(123.456, -1) == 120.0 and round(1.5, 2**63 - 1) == 1.5
### a transformer with 2**62 layers stops at the time limit (found by make fuzz) -> any
import torch.nn as nn
t = nn.Transformer(8, 2, 2**62, 1, 12, 0.0)
### an LSTM with 2**63-1 layers is refused before its layout is built (found by make fuzz) -> RuntimeError: this would allocate more memory than exists (9223372036854775807 elements)
import torch.nn as nn
m = nn.LSTM(3, 4, num_layers=2**63-1, bidirectional=True)
### replicate padding by 10**18 is refused before its position list is built (found by make fuzz) -> RuntimeError: Storage size calculation overflowed with sizes=[1, 2, 1000000000000000007, 8]
x = torch.arange(40.).view(1, 2, 4, 5)
y = F.pad(x.clone().requires_grad_(), (1, 2, 3, 10**18), mode='replicate')
### adaptive average pooling to 2**31 cells is refused before its cells are listed (found by make fuzz) -> RuntimeError
s = torch.randn(2, 4, 9, requires_grad=True)
F.adaptive_avg_pool1d(s, 2**31)
### a float32 product along a long dim with no outputs reads nothing (found by make fuzz) -> ok
x = torch.ones(2**32, 3, 2, 0).mT
assert x.prod(0).shape == (3, 0, 2) and torch.ones(5, 0).prod(0).shape == (0,)
assert torch.ones(0, 4).prod(0).tolist() == [1.0, 1.0, 1.0, 1.0]
### unfold with a stride past the image takes one position, without overflowing (found by make fuzz) -> ok
x = torch.randn(1, 2, 4, 5).requires_grad_()
y = F.unfold(x, (2, 3), padding=1, stride=(2**63-1, 1))
y.sum().backward()
assert y.shape == (1, 12, 5) and F.unfold(x, (2, 3), padding=1, stride=(2**62, 2**62)).shape == (1, 12, 1)
### rolling back a shift of -2**63 reduces it first, without overflowing (found by make fuzz) -> ok
x = torch.randn(3, 4, requires_grad=True)
torch.roll(x, -2**63, 1)[0].sum().backward()
assert x.grad.tolist() == [[1.0] * 4, [0.0] * 4, [0.0] * 4]
y = torch.arange(12.).view(3, 4).requires_grad_()
(torch.roll(y, 5) * torch.arange(12.).view(3, 4)).sum().backward()
assert y.grad[0].tolist() == [5.0, 6.0, 7.0, 8.0]
### std over an empty dim whose output could not exist is refused, not an overflow (found by make fuzz) -> RuntimeError
x = torch.empty(3, 2**31, 2**31, 0)
y = x.std(-1)
### sum over a billions-long expanded dim stops at the time limit -> TimeoutError
x = torch.randn(3, 4, requires_grad=True)
x.permute(1, 0).unsqueeze(0).expand(2**31, 4, 3).sum().backward()
### sum along a billions-long expanded dim stops at the time limit -> TimeoutError
torch.randn(3, 4).unsqueeze(0).expand(2**31, 3, 4).sum(0)
### min along a billions-long expanded dim stops at the time limit -> TimeoutError
torch.randn(3, 4).unsqueeze(0).expand(2**31, 3, 4).min(0)
### generators left suspended after ignoring GeneratorExit are bounded, not one thread each without end -> MemoryError
def g():
    while True:
        try:
            yield 1
        except BaseException:
            pass
for i in range(600):
    it = g()
    next(it)
### a generator that yields from itself ends in RecursionError -> RecursionError
def g():
    yield from g()
next(g())
### deep recursion inside a generator's body is a RecursionError on its own stack -> RecursionError
def r(n):
    return r(n + 1)
def g():
    yield r(0)
next(g())
### thousands of generators dropped halfway are closed and free their threads -> ok
def walk(n):
    try:
        for i in range(n):
            yield i
    finally:
        pass
for i in range(1000):
    it = walk(5)
    assert next(it) == 0
assert sum(walk(100)) == 4950
### an endless generator drained into a list stops at the limits -> TimeoutError
def naturals():
    k = 0
    while True:
        yield k
        k += 1
x = list(naturals())
### split sizes near 2**63 are refused without overflowing their sum (found by make fuzz) -> RuntimeError
torch.ones(2, 3).split([2**63-1, 1])
### split sizes that overflow only when all are added are refused too -> RuntimeError
torch.ones(2, 3).split([2**62, 2**62, 2**62, 2**62])
### random_split lengths near 2**63 are refused without overflowing their sum -> ValueError
from torch.utils.data import random_split
random_split(range(3), [2**63-1, 1])
### random_split with a negative length slices as torch's Python does -> ok
from torch.utils.data import random_split
parts = random_split(range(3), [-1, 4], generator=torch.Generator().manual_seed(0))
assert [[s[i] for i in range(len(s))] for s in parts] == [[2, 0], [1]]
### copies of an empty transpose with 2**62 rows return at once -> ok
x = torch.zeros(1, 0, 2**62).mT
assert x.triu().shape == (1, 2**62, 0)
assert x.clone().shape == (1, 2**62, 0)
assert x.tril(-1).float().shape == (1, 2**62, 0)
### a custom Function whose backward calls backward on its own output -> RecursionError
class Rec(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2
    @staticmethod
    def backward(ctx, g):
        out.backward()
        return g
out = Rec.apply(torch.ones(1, requires_grad=True))
out.backward()

### regex catastrophic backtracking -> TimeoutError
import re
re.match(r'(a+)+$', 'a' * 40 + 'b')
### regex nested empty repetition -> ok
import re
re.match(r'((a*)*)*b', 'a' * 5000 + 'b')
re.findall(r'(|a)*', 'a' * 1000)
### regex group repeated over a long string -> RecursionError
import re
re.match(r'(?:a|b)*c', 'ab' * 200000 + 'c')
### regex repetition count too large -> OverflowError
import re
re.compile('x{4294967295}')
### regex huge bounded repeat -> ok
import re
re.match(r'(?:ab){0,4294967294}', 'ab' * 1000)
### json deeply nested -> RecursionError
import json
json.loads('[' * 100000)
### MultiheadAttention whose packed projection rows pass int64 -> TypeError
nn.MultiheadAttention(2**62, 2)
### slice step near int64 max -> ok
x = torch.arange(12.).reshape(3, 4)
assert x.t().reshape(-1)[::2**63-1].tolist() == [0.0]
assert x[0, 1::2**63-1].tolist() == [1.0]
assert len([1, 2, 3][::2**63-1]) == 1
### randrange with a step near int64 max -> ok
import random
random.seed(0)
v = random.randrange(0, 2**63-1, 2**62)
assert v in (0, 2**62)
assert random.randrange(-2**63, 2**63-1, 2**63-1) in (-2**63, -1, 2**63-2)
### interpolate an empty batch to a width past memory -> RuntimeError
x = torch.randn(0, 2, 4, 4)
F.interpolate(x, scale_factor=(6.1 / 4, 5.10**18 / 4), mode='bicubic')
### interpolate nearest on an empty batch to a width past memory -> RuntimeError
F.interpolate(torch.randn(0, 2, 4, 4), scale_factor=(1, 5.10**18 / 4), mode='nearest')
### circular padding of an empty batch to a width past memory -> RuntimeError
F.pad(torch.zeros(0, 3, 10**18), (1, 1), mode='circular').shape
### reflect padding of an empty batch to a width past memory -> RuntimeError
F.pad(torch.zeros(0, 3, 10**18), (1, 1), mode='reflect').shape
