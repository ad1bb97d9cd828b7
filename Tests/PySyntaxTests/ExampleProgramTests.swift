import Diagnostics
import Testing
import PySyntax

/// The example programs from `/work/shared/examples`, copied verbatim so the tests do not
/// depend on files outside the package.
enum ExamplePrograms {
    static let attentionBias = #"""
# Relative position bias inside windowed self-attention (Swin / Video Swin style).
# Run it with the prelude below, e.g.
#   tensortutor explain attention_bias.py --prelude attention_bias_prelude.py
if temporal:
    relative_pos_bias = self.temporal_position_bias_table[self.t_relative_coords].view(self.num_ttokens, self.num_ttokens, -1).permute(2, 0, 1).contiguous()
    attn = attn + relative_pos_bias.unsqueeze(0)
    attn = self.softmax(attn)
else:
    relative_position_bias = self.relative_position_bias_table[self.relative_position_index.view(-1)].view(
        self.window_size[0] * self.window_size[1], self.window_size[0] * self.window_size[1], -1)  # Wh*Ww,Wh*Ww,nH
    relative_position_bias = relative_position_bias.permute(2, 0, 1).contiguous()  # nH, Wh*Ww, Wh*Ww
    attn = attn + relative_position_bias.unsqueeze(0)
    if mask is not None:
        nW = mask.shape[0]
        attn = attn.view(B_ // nW, nW, self.num_heads, N, N) + mask.unsqueeze(1).unsqueeze(0)
        attn = attn.view(-1, self.num_heads, N, N)
        attn = self.softmax(attn)
    else:
        attn = self.softmax(attn)
"""#

    static let attentionBiasPrelude = #"""
# Stand-ins for the state that attention_bias.py expects: a 2x3 window,
# 2 heads, 2 windows per image, 2 images, and a shifted-window mask.
import torch
import torch.nn as nn

class WindowAttention:
    pass

torch.manual_seed(0)
self = WindowAttention()
self.window_size = (2, 3)
self.num_heads = 2
self.softmax = nn.Softmax(dim=-1)
Wh, Ww = self.window_size
coords = torch.stack(torch.meshgrid([torch.arange(Wh), torch.arange(Ww)], indexing='ij'))
coords_flatten = torch.flatten(coords, 1)
relative_coords = coords_flatten[:, :, None] - coords_flatten[:, None, :]
relative_coords = relative_coords.permute(1, 2, 0).contiguous()
relative_coords[:, :, 0] += Wh - 1
relative_coords[:, :, 1] += Ww - 1
relative_coords[:, :, 0] *= 2 * Ww - 1
self.relative_position_index = relative_coords.sum(-1)
self.relative_position_bias_table = torch.randn((2 * Wh - 1) * (2 * Ww - 1), self.num_heads) * 0.02
# temporal branch (Video Swin): 3 frames
self.num_ttokens = 3
t = torch.arange(self.num_ttokens)
self.t_relative_coords = t[:, None] - t[None, :] + self.num_ttokens - 1
self.temporal_position_bias_table = torch.randn(2 * self.num_ttokens - 1, self.num_heads) * 0.02
temporal = False
N = Wh * Ww
nW = 2
B_ = 2 * nW
attn = torch.randn(B_, self.num_heads, N, N)
mask = torch.zeros(nW, N, N)
mask[1, :3, 3:] = -100.0
mask[1, 3:, :3] = -100.0
"""#

    static let distillation = #"""
# A class-incremental training step with knowledge distillation, as it is
# commonly posted and asked about. Run it with the prelude below, e.g.
#   tensortutor explain distillation.py --prelude distillation_prelude.py
for i, (x, label) in enumerate(self.train_loader):
    x = x.to(self.device)
    label = label.to(self.device)
    outputs = self.net(x)
    target_curr = label
    pre_ce = outputs.clone()
    pre_ce = pre_ce[:, self.strat_num:self.end_num]
    loss = torch.nn.functional.cross_entropy(pre_ce, target_curr)
    loss_distill = 0
    if self.distillation:
        with torch.no_grad():
            outputs_old = self.old_model(x)
        t_one_hot = outputs_old[:0:self.strat_num]
        loss_distill = F.binary_cross_entropy(F.softmax(outputs[:0:self.strat_num] / 2.0, dim=1), F.softmax(t_one_hot, dim=1))
    loss = loss + 10 * loss_distill
"""#

    static let distillationPrelude = #"""
# Stand-ins for the objects that distillation.py expects on `self`.
import torch
import torch.nn as nn
import torch.nn.functional as F

class Trainer:
    pass

torch.manual_seed(0)
self = Trainer()
self.device = 'cpu'
self.strat_num = 5          # classes 0..4 came from the previous task
self.end_num = 10           # classes 5..9 are this task's new classes
self.distillation = True
self.net = nn.Linear(16, 10)        # new model: 10 classes seen so far
self.old_model = nn.Linear(16, 10)  # frozen copy from the previous task
# labels are already shifted to 0..4 (class id minus strat_num)
self.train_loader = [(torch.randn(8, 16), torch.randint(0, 5, (8,)))]
"""#
}

@Suite struct ExampleProgramTests {
    @Test(arguments: [
        ("attention_bias.py", ExamplePrograms.attentionBias),
        ("attention_bias_prelude.py", ExamplePrograms.attentionBiasPrelude),
        ("distillation.py", ExamplePrograms.distillation),
        ("distillation_prelude.py", ExamplePrograms.distillationPrelude),
    ])
    func parses(name: String, text: String) throws {
        let source = SourceFile(name: name, text: text)
        let module = try PythonParser.parseModule(source)
        #expect(!module.body.isEmpty)
        for statement in module.body {
            let statementText = source.text(of: statement.span)
            #expect(!statementText.isEmpty && !statementText.hasSuffix("\n") && !statementText.hasPrefix("#"))
        }
    }

    @Test func distillationShape() throws {
        let module = try parseModule(ExamplePrograms.distillation)
        #expect(module.body.count == 1)
        let loop = try #require(module.body.first)
        guard case .for(let target, let iterable, let body, _) = loop.kind else {
            Issue.record("expected a for loop")
            return
        }
        #expect(sExpression(target) == "(tuple i (tuple x label))")
        #expect(sExpression(iterable) == "(call enumerate (. self train_loader))")
        #expect(body.count == 10)
        #expect(sExpression(body[5]) == "(= pre_ce ([] pre_ce (tuple (slice _ _ _) (slice (. self strat_num) (. self end_num) _))))")
        #expect(sExpression(body[8]).hasPrefix("(if (. self distillation) {(with (call (. torch no_grad)) {(= outputs_old (call (. self old_model) x))}); (= t_one_hot ([] outputs_old (slice _ 0 (. self strat_num))))"))
    }

    @Test func attentionBiasSpans() throws {
        let source = SourceFile(name: "attention_bias.py", text: ExamplePrograms.attentionBias)
        let module = try PythonParser.parseModule(source)
        #expect(module.body.count == 1)
        guard case .if(let condition, let body, let orElse) = module.body.first?.kind else {
            Issue.record("expected an if statement")
            return
        }
        #expect(source.text(of: condition.span) == "temporal")
        #expect(body.count == 3 && orElse.count == 4)
        guard case .assign(let targets, let value) = orElse[0].kind else {
            Issue.record("expected an assignment")
            return
        }
        #expect(source.text(of: targets[0].span) == "relative_position_bias")
        #expect(source.text(of: value.span).hasPrefix("self.relative_position_bias_table[self.relative_position_index.view(-1)].view("))
        #expect(source.text(of: value.span).hasSuffix("self.window_size[0] * self.window_size[1], -1)"))
    }
}
