/// Containers, reprs, class checks and hooks: the second half of `ModuleTests`' cases.
extension RecordedCaseReplayTests.ModuleTests {
    static let containerCases: [ModuleCase] = [
        ModuleCase(
            "subclasses of Sequential, ModuleList and LayerNorm keep their behaviour and repr",
            program: #"""
import torch
import torch.nn as nn
_ = torch.manual_seed(0)
class MySeq(nn.Sequential):
    def __init__(self, *layers):
        super().__init__(*layers)
        self.extra = 1
seq = MySeq(nn.Linear(2, 2), nn.ReLU())
print(seq)
print(len(seq), seq[1], [type(m).__name__ for m in seq], seq.extra)
print(seq(torch.ones(1, 2)))
print(list(seq._modules.keys()), list(seq[0]._parameters.keys()))
class Stack(nn.ModuleList):
    pass
stack = Stack([nn.ReLU(), nn.ReLU()])
print(stack, len(stack), isinstance(stack, nn.ModuleList))
class Norm(nn.LayerNorm):
    pass
print(Norm(3), Norm(3).weight.shape)
"""#,
            expected: #"""
MySeq(
  (0): Linear(in_features=2, out_features=2, bias=True)
  (1): ReLU()
)
2 ReLU() ['Linear', 'ReLU'] 1
tensor([[0.1017, 0.0000]], grad_fn=<ReluBackward0>)
['0', '1'] ['weight', 'bias']
Stack(
  (0-1): 2 x ReLU()
) 2 True
Norm((3,), eps=1e-05, elementwise_affine=True, bias=True) torch.Size([3])

"""#),
        ModuleCase(
            "container + and +=, __class__, and training a container-built model",
            program: #"""
import torch
import torch.nn as nn
_ = torch.manual_seed(0)
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(3, 4)])
        self.layers += [nn.ReLU()]
        self.head = nn.Sequential(nn.Linear(4, 2)) + nn.Sequential(nn.Tanh())
    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return self.head(x)
model = Net()
print(model)
print(model.__class__.__name__, type(model.head[0]).__name__, type(model.head[0]) is nn.Linear)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
print(sum(p.numel() for p in model.parameters()))
model(torch.ones(2, 3)).sum().backward()
_ = opt.step()
print(model.head[0].bias)
sd = model.state_dict()
_ = sd['head.0.bias'].fill_(1.0)
print(model.head[0].bias)
try:
    nn.Sequential(nn.ReLU()) + [nn.Tanh()]
except ValueError as e:
    print(e)
"""#,
            expected: #"""
Net(
  (layers): ModuleList(
    (0): Linear(in_features=3, out_features=4, bias=True)
    (1): ReLU()
  )
  (head): Sequential(
    (0): Linear(in_features=4, out_features=2, bias=True)
    (1): Tanh()
  )
)
Net Linear True
26
Parameter containing:
tensor([-0.2771, -0.1468], requires_grad=True)
Parameter containing:
tensor([1., 1.], requires_grad=True)
add operator supports only objects of Sequential class, but <class 'list'> is given.

"""#),
        ModuleCase(
            "ModuleList indexing, slicing, editing and its collapsed repr",
            program: #"""
import torch
import torch.nn as nn
_ = torch.manual_seed(0)
layers = nn.ModuleList([nn.Linear(2, 2), nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 3)])
print(layers)
print(len(layers), layers[-1], layers[1:3])
_ = layers.append(nn.Tanh())
_ = layers.extend([nn.Sigmoid()])
layers.insert(0, nn.Identity())
del layers[1]
print([type(l).__name__ for l in layers])
print([n for n, _ in layers.named_children()])
try:
    layers[10]
except IndexError as e:
    print(e)
try:
    layers(1)
except NotImplementedError as e:
    print(e)
print(nn.ModuleList())
"""#,
            expected: #"""
ModuleList(
  (0-1): 2 x Linear(in_features=2, out_features=2, bias=True)
  (2): ReLU()
  (3): Linear(in_features=2, out_features=3, bias=True)
)
4 Linear(in_features=2, out_features=3, bias=True) ModuleList(
  (0): Linear(in_features=2, out_features=2, bias=True)
  (1): ReLU()
)
['Identity', 'Linear', 'ReLU', 'Linear', 'Tanh', 'Sigmoid']
['0', '1', '2', '3', '4', '5']
index 10 is out of range
Module [ModuleList] is missing the required "forward" function
ModuleList()

"""#),
        ModuleCase(
            "ModuleDict and Sequential behave as containers",
            program: #"""
import torch
import torch.nn as nn
_ = torch.manual_seed(0)
heads = nn.ModuleDict({'cls': nn.Linear(2, 3), 'act': nn.ReLU()})
heads['extra'] = nn.Tanh()
print(heads)
print(list(heads.keys()), 'cls' in heads, len(heads), [k for k in heads])
print([(k, type(v).__name__) for k, v in heads.items()])
try:
    heads['none']
except KeyError as e:
    print(repr(e))
seq = nn.Sequential(nn.Linear(3, 2), nn.ReLU(), nn.Linear(2, 1))
print(seq[0], seq[-1], len(seq))
print(seq[1:])
print(seq(torch.ones(1, 3)))
print([n for n, _ in seq.named_parameters()])
_ = seq.append(nn.Sigmoid())
print(len(seq), seq[3])
"""#,
            expected: #"""
ModuleDict(
  (cls): Linear(in_features=2, out_features=3, bias=True)
  (act): ReLU()
  (extra): Tanh()
)
['cls', 'act', 'extra'] True 3 ['cls', 'act', 'extra']
[('cls', 'Linear'), ('act', 'ReLU'), ('extra', 'Tanh')]
KeyError('none')
Linear(in_features=3, out_features=2, bias=True) Linear(in_features=2, out_features=1, bias=True) 3
Sequential(
  (1): ReLU()
  (2): Linear(in_features=2, out_features=1, bias=True)
)
tensor([[-0.3079]], grad_fn=<AddmmBackward0>)
['0.weight', '0.bias', '2.weight', '2.bias']
4 Sigmoid()

"""#),
        ModuleCase(
            "ParameterList turns tensors into Parameters and prints their sizes",
            program: #"""
import torch
import torch.nn as nn
class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.weights = nn.ParameterList([nn.Parameter(torch.zeros(3)), torch.ones(2, 3)])
m = Classifier()
print(m)
print([n for n, _ in m.named_parameters()], m.weights[1].requires_grad, len(m.weights))
_ = m.weights.append(torch.ones(()))
print(m.weights)
print(nn.ParameterList())
"""#,
            expected: #"""
Classifier(
  (weights): ParameterList(
      (0): Parameter containing: [torch.float32 of size 3]
      (1): Parameter containing: [torch.float32 of size 2x3]
  )
)
['weights.0', 'weights.1'] True 2
ParameterList(
    (0): Parameter containing: [torch.float32 of size 3]
    (1): Parameter containing: [torch.float32 of size 2x3]
    (2): Parameter containing: [torch.float32 of size ]
)
ParameterList()

"""#),
        ModuleCase(
            "the nested repr with extra_repr, buffers and empty modules",
            program: #"""
import torch
import torch.nn as nn
class DropPath(nn.Module):
    def __init__(self, p=0.1):
        super().__init__()
        self.p = p
    def extra_repr(self):
        return f'drop_prob={round(self.p, 3):0.3f}'
class Two(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer('b', torch.zeros(2))
    def extra_repr(self):
        return 'first=1\nsecond=2'
class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm = nn.LayerNorm(4)
        self.drop_path = DropPath()
        self.mlp = nn.Sequential(nn.Linear(4, 8), nn.GELU(), nn.Dropout(0.1))
        self.two = Two()
        self.skip = None
class Empty(nn.Module):
    pass
print(Block())
print(Empty(), nn.Module())
print(nn.ModuleList([Block(), Block()]))
"""#,
            expected: #"""
Block(
  (norm): LayerNorm((4,), eps=1e-05, elementwise_affine=True, bias=True)
  (drop_path): DropPath(drop_prob=0.100)
  (mlp): Sequential(
    (0): Linear(in_features=4, out_features=8, bias=True)
    (1): GELU(approximate='none')
    (2): Dropout(p=0.1, inplace=False)
  )
  (two): Two(
    first=1
    second=2
  )
)
Empty() Module()
ModuleList(
  (0-1): 2 x Block(
    (norm): LayerNorm((4,), eps=1e-05, elementwise_affine=True, bias=True)
    (drop_path): DropPath(drop_prob=0.100)
    (mlp): Sequential(
      (0): Linear(in_features=4, out_features=8, bias=True)
      (1): GELU(approximate='none')
      (2): Dropout(p=0.1, inplace=False)
    )
    (two): Two(
      first=1
      second=2
    )
  )
)

"""#),
        ModuleCase(
            "isinstance, issubclass and subclasses of built-in layers",
            program: #"""
import torch
import torch.nn as nn
class LayerNorm(nn.LayerNorm):
    def __init__(self, num_channels, eps=1e-6):
        super().__init__(num_channels, eps=eps)
    def forward(self, x):
        return super().forward(x) * 2
class Config(object):
    def __init__(self):
        self.n = 1
ln = LayerNorm(3)
print(ln)
print(ln(torch.tensor([[1.0, 2.0, 4.0]])))
print([n for n, _ in ln.named_parameters()], ln.normalized_shape, ln.eps)
print(isinstance(ln, nn.LayerNorm), isinstance(ln, nn.Module), isinstance(ln, nn.Linear))
print(issubclass(LayerNorm, nn.LayerNorm), issubclass(LayerNorm, nn.Module), issubclass(LayerNorm, nn.Linear))
print(isinstance(nn.Linear(1, 1), nn.Linear), isinstance(nn.ReLU(), (nn.Linear, nn.ReLU)), isinstance(nn.ReLU(), nn.Module))
print(issubclass(Config, nn.Module), isinstance(Config(), nn.Module), Config().n)
print(type(nn.Linear(1, 1)).__name__, type(nn.Linear(1, 1)) is nn.Linear)
try:
    nn.Module()(1)
except NotImplementedError as e:
    print(e)
"""#,
            expected: #"""
LayerNorm((3,), eps=1e-06, elementwise_affine=True, bias=True)
tensor([[-2.1381, -0.5345,  2.6726]], grad_fn=<MulBackward0>)
['weight', 'bias'] (3,) 1e-06
True True False
True True False
True True True
False False 1
Linear True
Module [Module] is missing the required "forward" function

"""#),
        ModuleCase(
            "forward hooks and pre-hooks run, replace output and can be removed",
            program: #"""
import torch
import torch.nn as nn
_ = torch.manual_seed(0)
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(2, 2)
    def forward(self, x):
        return self.lin(x)
m = Net()
calls = []
def hook(module, inputs, output):
    calls.append((type(module).__name__, type(inputs).__name__, len(inputs), tuple(output.shape)))
def pre(module, inputs):
    calls.append(('pre', tuple(inputs[0].shape)))
def replace(module, inputs, output):
    return output * 0 + 1
h1 = m.register_forward_hook(hook)
h2 = m.lin.register_forward_pre_hook(pre)
_ = m(torch.ones(3, 2))
print(calls)
h1.remove()
h2.remove()
_ = m(torch.ones(3, 2))
print(len(calls))
h3 = m.lin.register_forward_hook(replace)
print(m(torch.ones(1, 2)))
"""#,
            expected: #"""
[('pre', (3, 2)), ('Net', 'tuple', 1, (3, 2))]
2
tensor([[1., 1.]], grad_fn=<AddBackward0>)

"""#),
        ModuleCase(
            "shared modules and tied weights are listed once",
            program: #"""
import torch
import torch.nn as nn
class Tied(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Linear(2, 2, bias=False)
        self.dec = nn.Linear(2, 2, bias=False)
        self.dec.weight = self.enc.weight
        self.again = self.enc
m = Tied()
print([n for n, _ in m.named_parameters()])
print([n for n, _ in m.named_modules()])
print([n for n, _ in m.named_modules(remove_duplicate=False)])
print(list(m.state_dict().keys()))
print(m)
"""#,
            expected: #"""
['enc.weight']
['', 'enc', 'dec']
['', 'enc', 'dec', 'again']
['enc.weight', 'dec.weight', 'again.weight']
Tied(
  (enc): Linear(in_features=2, out_features=2, bias=False)
  (dec): Linear(in_features=2, out_features=2, bias=False)
  (again): Linear(in_features=2, out_features=2, bias=False)
)

"""#),
    ]
}
