import Diagnostics
import Interpreter
import Testing

/// One program and what PyTorch 2.15 printed when it ran.
struct ModuleCase: CustomTestStringConvertible, Sendable {
    let title: String
    let program: String
    let expected: String

    init(_ title: String, program: String, expected: String) {
        self.title = title
        self.program = program
        self.expected = expected
    }

    var testDescription: String { title }
}

/// The `nn.Module` machinery, checked by running small programs and comparing what they
/// print with PyTorch's output. Nested in the replay suite, whose `.serialized` trait it
/// inherits: both seed and draw from the one global generator (building a Linear draws),
/// so running beside the recorded cases would change their numbers and theirs ours.
extension RecordedCaseReplayTests {
    @Suite("nn.Module machinery")
    struct ModuleTests {
        /// What a program printed, followed by its uncaught error, if any.
        static func output(of source: String) -> String {
            var printed = ""
            let runner = ProgramRunner()
            runner.onEvent = { event in
                switch event {
                case let .printed(text): printed += text
                case let .error(error): printed += "\(error.type): \(error.message)\n"
                default: break
                }
            }
            runner.run(SourceFile(name: "<module test>", text: source))
            return printed
        }

        @Test("prints what PyTorch printed", arguments: treeCases + containerCases)
        func matchesPyTorch(_ recorded: ModuleCase) {
            #expect(Self.output(of: recorded.program) == recorded.expected)
        }

        /// Registration, tree walks, modes and saved state.
        static let treeCases: [ModuleCase] = [
            ModuleCase(
                "named_parameters, named_buffers, named_modules and state_dict follow PyTorch's order",
                program: #"""
    import torch
    import torch.nn as nn
    class Inner(nn.Module):
        def __init__(self):
            super().__init__()
            self.drop = nn.Dropout(0.5)
            self.register_buffer('running', torch.ones(2))
            self.register_buffer('scratch', torch.zeros(1), persistent=False)
            self.scale = nn.Parameter(torch.ones(2))
    class Outer(nn.Module):
        def __init__(self):
            super().__init__()
            self.first = nn.Linear(2, 2)
            self.inner = Inner()
            self.shared = self.first
            self.blocks = nn.ModuleList([Inner(), nn.Sequential(nn.Linear(2, 2), nn.ReLU())])
            self.alpha = nn.Parameter(torch.zeros(1))
            self.empty = None
    m = Outer()
    print([n for n, _ in m.named_parameters()])
    print([n for n, _ in m.named_buffers()])
    print([n for n, _ in m.named_modules()])
    print([n for n, _ in m.named_children()])
    print(list(m.state_dict().keys()))
    print(len(list(m.parameters())), len(list(m.buffers())), len(list(m.modules())), len(list(m.children())))
    print([n for n, _ in m.named_parameters(prefix='model', recurse=False)])
    print(m.empty, m.get_submodule('blocks.1.0'))
    """#,
                expected: #"""
    ['alpha', 'first.weight', 'first.bias', 'inner.scale', 'blocks.0.scale', 'blocks.1.0.weight', 'blocks.1.0.bias']
    ['inner.running', 'inner.scratch', 'blocks.0.running', 'blocks.0.scratch']
    ['', 'first', 'inner', 'inner.drop', 'blocks', 'blocks.0', 'blocks.0.drop', 'blocks.1', 'blocks.1.0', 'blocks.1.1']
    ['first', 'inner', 'blocks']
    ['alpha', 'first.weight', 'first.bias', 'inner.scale', 'inner.running', 'shared.weight', 'shared.bias', 'blocks.0.scale', 'blocks.0.running', 'blocks.1.0.weight', 'blocks.1.0.bias']
    7 4 10 3
    ['model.alpha']
    None Linear(in_features=2, out_features=2, bias=True)

    """#),
            ModuleCase(
                "attribute assignment registers as __setattr__ does, with its errors",
                program: #"""
    import torch
    import torch.nn as nn
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.lin = nn.Linear(1, 1)
            self.register_buffer('stat', torch.zeros(2))
    m = Net()
    for attempt in [lambda: setattr(m, 'lin', 3), lambda: setattr(m.lin, 'weight', torch.zeros(1, 1)),
                    lambda: setattr(m, 'stat', 'text'), lambda: m.register_buffer('lin', torch.zeros(1)),
                    lambda: m.register_buffer('a.b', torch.zeros(1)), lambda: m.register_buffer('c', 3),
                    lambda: m.register_parameter('p', torch.zeros(1)), lambda: m.add_module('x', 5),
                    lambda: m.missing]:
        try:
            attempt()
        except (TypeError, KeyError, AttributeError) as e:
            print(type(e).__name__, e)
    m.stat = torch.ones(2)
    m.lin = None
    m.w = nn.Parameter(torch.ones(1))
    m.w = None
    print(list(m.state_dict().keys()), m.stat, m.lin, m.w)
    m.lin = nn.Linear(2, 2)
    m.tag = 'plain'
    del m.stat
    print([n for n, _ in m.named_parameters()], [n for n, _ in m.named_buffers()], m.tag)
    """#,
                expected: #"""
    TypeError cannot assign 'int' as child module 'lin' (torch.nn.Module or None expected)
    TypeError cannot assign 'torch.FloatTensor' as parameter 'weight' (torch.nn.Parameter or None expected)
    TypeError cannot assign 'str' as buffer 'stat' (torch.nn.Buffer, torch.Tensor or None expected)
    KeyError "attribute 'lin' already exists"
    KeyError 'buffer name can\'t contain "."'
    TypeError cannot assign 'int' object to buffer 'c' (torch Tensor or None required)
    TypeError cannot assign 'torch.FloatTensor' object to parameter 'p' (torch.nn.Parameter or None required)
    TypeError int is not a Module subclass
    AttributeError 'Net' object has no attribute 'missing'
    ['stat'] tensor([1., 1.]) None None
    ['lin.weight', 'lin.bias'] [] plain

    """#),
            ModuleCase(
                "eval() and train() reach every nested module",
                program: #"""
    import torch
    import torch.nn as nn
    _ = torch.manual_seed(0)
    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.drop = nn.Dropout(0.5)
        def forward(self, x):
            return self.drop(x)
    class Middle(nn.Module):
        def __init__(self):
            super().__init__()
            self.block = Block()
            self.layers = nn.ModuleList([nn.Sequential(nn.Dropout(0.3))])
        def forward(self, x):
            return self.layers[0](self.block(x))
    class Outer(nn.Module):
        def __init__(self):
            super().__init__()
            self.middle = Middle()
        def forward(self, x):
            return self.middle(x)
    m = Outer()
    x = torch.ones(2, 4)
    print(m(x))
    print(m.eval() is m, m.training, m.middle.block.drop.training, m.middle.layers[0][0].training)
    print(m(x))
    _ = m.train()
    print([mod.training for mod in m.modules()])
    _ = m.middle.train(False)
    print([mod.training for mod in m.modules()])
    try:
        m.train(1)
    except ValueError as e:
        print(e)
    """#,
                expected: #"""
    tensor([[0.0000, 0.0000, 2.8571, 0.0000],
            [0.0000, 0.0000, 2.8571, 2.8571]])
    True False False False
    tensor([[1., 1., 1., 1.],
            [1., 1., 1., 1.]])
    [True, True, True, True, True, True, True]
    [True, False, False, False, False, False, False]
    training mode is expected to be boolean

    """#),
            ModuleCase(
                "apply visits children first; zero_grad and requires_grad_ cover the tree",
                program: #"""
    import torch
    import torch.nn as nn
    _ = torch.manual_seed(0)
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.body = nn.Sequential(nn.Linear(3, 2), nn.Tanh())
            self.head = nn.Linear(2, 1)
        def forward(self, x):
            return self.head(self.body(x))
        def init(self, m):
            if isinstance(m, nn.Linear):
                nn.init.constant_(m.weight, 0.5)
                nn.init.zeros_(m.bias)
    m = Net()
    seen = []
    print(m.apply(lambda mod: seen.append(type(mod).__name__)) is m, seen)
    _ = m.apply(m.init)
    print(m.head.weight)
    m(torch.ones(4, 3)).sum().backward()
    print(m.body[0].weight.grad)
    m.zero_grad()
    print(m.body[0].weight.grad, m.head.bias.grad)
    _ = m.requires_grad_(False)
    print([p.requires_grad for p in m.parameters()])
    print(m.to('cpu') is m, m.float() is m, m.cpu() is m)
    """#,
                expected: #"""
    True ['Linear', 'Tanh', 'Sequential', 'Linear', 'Net']
    Parameter containing:
    tensor([[0.5000, 0.5000]], requires_grad=True)
    tensor([[0.3614, 0.3614, 0.3614],
            [0.3614, 0.3614, 0.3614]])
    None None
    [False, False, False, False]
    True True True

    """#),
            ModuleCase(
                "state_dict and load_state_dict copy values and report keys as PyTorch does",
                program: #"""
    import torch
    import torch.nn as nn
    _ = torch.manual_seed(0)
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.lin = nn.Linear(2, 1)
            self.register_buffer('center', torch.zeros(1, 2))
            self.register_buffer('mask', torch.ones(2), persistent=False)
    a, b = Net(), Net()
    sd = a.state_dict()
    print(list(sd.keys()))
    print(sd['lin.weight'].requires_grad, sd['lin.weight'].grad_fn)
    print(b.load_state_dict(sd))
    print(torch.equal(a.lin.weight, b.lin.weight), b.lin.weight.requires_grad)
    print(b.load_state_dict({'lin.weight': torch.zeros(1, 2)}, strict=False))
    print(b.lin.weight)
    try:
        b.load_state_dict({'lin.weight': torch.zeros(1, 2), 'extra': torch.zeros(1), 'lin.bias': torch.zeros(3)})
    except RuntimeError as e:
        print(e)
    try:
        b.load_state_dict({'lin.weight': torch.zeros(1, 2)})
    except RuntimeError as e:
        print(e)
    """#,
                expected: #"""
    ['center', 'lin.weight', 'lin.bias']
    False None
    <All keys matched successfully>
    True True
    _IncompatibleKeys(missing_keys=['center', 'lin.bias'], unexpected_keys=[])
    Parameter containing:
    tensor([[0., 0.]], requires_grad=True)
    Error(s) in loading state_dict for Net:
    	Missing key(s) in state_dict: "center". 
    	Unexpected key(s) in state_dict: "extra". 
    	size mismatch for lin.bias: copying a param with shape torch.Size([3]) from checkpoint, the shape in current model is torch.Size([1]).
    Error(s) in loading state_dict for Net:
    	Missing key(s) in state_dict: "center", "lin.bias". 

    """#),
            ModuleCase(
                "double(), half() and to(dtype) convert floating parameters and buffers across the tree",
                program: #"""
    import torch, torch.nn as nn
    _ = torch.manual_seed(0)
    class Tied(nn.Module):
        def __init__(self):
            super().__init__()
            self.a = nn.Linear(2, 2)
            self.b = nn.Linear(2, 2)
            self.b.weight = self.a.weight
            self.register_buffer('steps', torch.zeros(1, dtype=torch.int64))
            self.register_buffer('avg', torch.zeros(2))
    m = Tied()
    _ = m.double()
    print(m.a.weight.dtype, m.b.weight is m.a.weight, m.a.weight.requires_grad, m.steps.dtype, m.avg.dtype)
    print(m.a(torch.ones(1, 2, dtype=torch.float64)).dtype)
    print([n for n, _ in m.named_parameters()])
    _ = m.to(torch.float32)
    print(m.a.bias.dtype, m.to('cpu') is m)
    try:
        m.to(torch.int64)
    except TypeError as e:
        print(e)
    print(m.half().a.weight.dtype)
    """#,
                expected: #"""
    torch.float64 True True torch.int64 torch.float64
    torch.float64
    ['a.weight', 'a.bias', 'b.bias']
    torch.float32 True
    nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=torch.int64
    torch.float16

    """#),
            ModuleCase(
                "deep copies through __deepcopy__ keep ties, share nothing and draw no random numbers",
                program: #"""
    import torch
    import torch.nn as nn
    # Python's copy.deepcopy calls __deepcopy__; PyTorch's output was recorded with `from copy import deepcopy`.
    def deepcopy(value):
        return value.__deepcopy__({})
    _ = torch.manual_seed(0)
    class Head(nn.Module):
        def __init__(self):
            super().__init__()
            self.body = nn.Sequential(nn.Linear(2, 3), nn.Dropout(0.5), nn.LayerNorm(3))
            self.out = nn.Linear(3, 2, bias=False)
            self.tied = nn.Linear(3, 2, bias=False)
            self.tied.weight = self.out.weight
            self.register_buffer('center', torch.zeros(1, 2))
            self.tags = ['a', {'k': torch.ones(1)}]
            self.scale = 2.0
        def forward(self, x):
            return self.out(self.body(x)) * self.scale - self.center
    student = Head()
    teacher = deepcopy(student)
    print(teacher)
    print(teacher.out.weight is student.out.weight, teacher.tied.weight is teacher.out.weight)
    print(torch.equal(teacher.body[0].weight, student.body[0].weight), teacher.body[0].weight.requires_grad)
    print(teacher.tags, teacher.tags is student.tags, teacher.scale)
    _ = teacher.eval()
    print(student.body[1].training, teacher.body[1].training)
    x = torch.ones(4, 2)
    print(torch.equal(teacher(x), teacher(x)))
    for p in teacher.parameters():
        p.requires_grad = False
    with torch.no_grad():
        teacher.body[0].bias.fill_(0.5)
    print(student.body[0].bias, [p.requires_grad for p in student.parameters()])
    print(torch.randn(2))
    """#,
                expected: #"""
    Head(
      (body): Sequential(
        (0): Linear(in_features=2, out_features=3, bias=True)
        (1): Dropout(p=0.5, inplace=False)
        (2): LayerNorm((3,), eps=1e-05, elementwise_affine=True, bias=True)
      )
      (out): Linear(in_features=3, out_features=2, bias=False)
      (tied): Linear(in_features=3, out_features=2, bias=False)
    )
    False True
    True True
    ['a', {'k': tensor([1.])}] False 2.0
    True False
    True
    Parameter containing:
    tensor([-0.0140,  0.5607, -0.0628], requires_grad=True) [True, True, True, True, True]
    tensor([-1.3740,  2.8474])

    """#),
            ModuleCase(
                "super(Net, self).__init__() and nn.Module.__init__(self) set a module up",
                program: #"""
    import torch
    import torch.nn as nn
    class Net(nn.Module):
        def __init__(self):
            super(Net, self).__init__()
            self.fc = nn.Linear(2, 2)
    class Old(nn.Module):
        def __init__(self):
            nn.Module.__init__(self)
            self.fc = nn.Linear(2, 2)
    print(Net(), Old())
    print(nn.Module, nn.Module.__name__)
    """#,
                expected: #"""
    Net(
      (fc): Linear(in_features=2, out_features=2, bias=True)
    ) Old(
      (fc): Linear(in_features=2, out_features=2, bias=True)
    )
    <class 'torch.nn.modules.module.Module'> Module

    """#),
            ModuleCase(
                "a module that contains itself raises RecursionError instead of crashing",
                program: #"""
    import torch.nn as nn
    m = nn.Sequential(nn.ReLU())
    m.add_module('me', m)
    print([name for name, _ in m.named_modules()])
    for attempt in [lambda: m.train(), lambda: m.state_dict(), lambda: repr(m), lambda: m.load_state_dict({}), lambda: m.apply(id)]:
        try:
            attempt()
        except RecursionError:
            print('RecursionError')
    """#,
                expected: #"""
    ['', '0']
    RecursionError
    RecursionError
    RecursionError
    RecursionError
    RecursionError

    """#),
            ModuleCase(
                "built-in layer classes print with their torch.nn.modules path",
                program: #"""
    import torch.nn as nn
    class Net(nn.Module):
        pass
    print(nn.Linear, type(nn.ReLU()), nn.Sequential, nn.CrossEntropyLoss, nn.Module)
    print(type(Net()).__name__, type(nn.LayerNorm(2)).__name__, type(nn.LayerNorm(2)) is nn.LayerNorm)
    """#,
                expected: #"""
    <class 'torch.nn.modules.linear.Linear'> <class 'torch.nn.modules.activation.ReLU'> <class 'torch.nn.modules.container.Sequential'> <class 'torch.nn.modules.loss.CrossEntropyLoss'> <class 'torch.nn.modules.module.Module'>
    Net LayerNorm True

    """#),
        ]
    }
}
