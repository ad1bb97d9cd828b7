# Recurrent layers, attention and the Transformer family, optimizer state dicts, and the
# CPU roundings real models exercise (sgemm depth split, tiny bmm, float 2-norm,
# layer_norm moments). Forward values, gradients, reprs, seeded initial weights and
# errors. Record with:
# python3 Tests/Scripts/record_cases.py Tests/Scripts/case_specs/sequence.py Tests/InterpreterTests/Fixtures/sequence_cases.jsonl
NN = "import torch.nn as nn\ntorch.manual_seed(0)\n"
SEQ = NN + "x = torch.randn(5, 3, 4, requires_grad=True)\n"

CASES = []


def add(category, setup, *bodies):
    for body in bodies:
        CASES.append((category, setup + body))


add("rnn", SEQ,
    "m = nn.LSTM(4, 6, num_layers=2, dropout=0.3)\nm",
    "m = nn.LSTM(4, 6)\n[n for n, _ in m.named_parameters()]",
    "m = nn.LSTM(4, 6)\nm.weight_hh_l0[:2, :3]",
    "m = nn.LSTM(4, 6)\nout, (h, c) = m(x)\nout[-1]",
    "m = nn.LSTM(4, 6)\nout, (h, c) = m(x)\nc",
    "m = nn.LSTM(4, 6, num_layers=2, bidirectional=True)\nout, (h, c) = m(x)\n(out.shape, h.shape, out[0, 0, 6:])",
    "m = nn.LSTM(4, 6, batch_first=True)\nout, (h, c) = m(x)\nout.sum().backward()\nx.grad[0]",
    "m = nn.LSTM(4, 6, num_layers=2, dropout=0.5)\nout, _ = m(x)\nout[2, 1]",
    "m = nn.LSTM(4, 6, num_layers=2, dropout=0.5)\nm.eval()\nout, _ = m(x)\nout[2, 1]",
    "m = nn.LSTM(4, 6, proj_size=2)\nout, (h, c) = m(x)\n(h.shape, c.shape, out[1])",
    "m = nn.LSTM(4, 6)\nout, (h, c) = m(x[:, 0])\n(out.shape, h.shape)",
    "m = nn.GRU(4, 5, bias=False)\nout, h = m(x, torch.ones(1, 3, 5))\nh",
    "m = nn.GRU(4, 5)\nout, h = m(x)\n(out ** 2).mean().backward()\nm.bias_hh_l0.grad",
    "m = nn.RNN(4, 3, nonlinearity='relu', num_layers=2)\nm",
    "m = nn.RNN(4, 3, 2, 'relu')\nout, h = m(x)\nh",
    "m = nn.RNN(4, 3)\nm.all_weights[0][1]",
    "m = nn.LSTMCell(4, 3)\nh, c = m(x[0])\n(h, c)",
    "m = nn.GRUCell(4, 3)\nm(x[0], torch.zeros(3, 3))",
    "m = nn.RNNCell(4, 3, nonlinearity='relu')\n(m, m(x[0, 0]))",
    "nn.LSTM(4, 6)(torch.randn(2, 3, 5))",
    "nn.GRU(4, 6)(x, torch.zeros(2, 3, 6))",
    "nn.LSTM(4, 6)(torch.randn(2, 3, 4, 1))",
    "nn.GRU(4, 6, proj_size=2)",
    "nn.LSTM(4, 6, dropout=0.2)",
)

ATT = NN + "m = nn.MultiheadAttention(8, 2)\nq = torch.randn(5, 3, 8, requires_grad=True)\n"
add("attention", ATT,
    "m",
    "[(n, tuple(p.shape)) for n, p in m.named_parameters()]",
    "m.in_proj_weight[3, :4]",
    "out, w = m(q, q, q)\n(out[0, 0], w[1, 2])",
    "out, w = m(q, q, q, average_attn_weights=False)\nw.shape",
    "out, w = m(q, q, q, need_weights=False)\n(w, out[4, 2, :3])",
    "mask = torch.triu(torch.ones(5, 5, dtype=torch.bool), 1)\nout, w = m(q, q, q, attn_mask=mask)\nw[0]",
    "pad = torch.tensor([[False] * 5, [False] * 3 + [True] * 2, [False] * 4 + [True]])\n"
    "out, w = m(q, q, q, key_padding_mask=pad)\nw[1]",
    "out, _ = m(q, q, q)\nout.pow(2).sum().backward()\n(q.grad[0, 0], m.out_proj.bias.grad)",
    "kv = torch.randn(7, 3, 8)\nout, w = m(q, kv, kv)\n(out.shape, w.shape, out[2, 2, :3])",
    "m2 = nn.MultiheadAttention(8, 4, kdim=5, vdim=6, batch_first=True, add_bias_kv=True, add_zero_attn=True)\n"
    "out, w = m2(torch.randn(2, 3, 8), torch.randn(2, 4, 5), torch.randn(2, 4, 6))\n(out[1, 0, :4], w.shape)",
    "m(q, q, q, attn_mask=torch.zeros(4, 4))",
    "m(q[0], q, q)",
    "nn.MultiheadAttention(8, 3)",
)

ENC = NN + "src = torch.randn(6, 2, 8)\n"
add("transformer", ENC,
    "nn.TransformerEncoderLayer(8, 2, dim_feedforward=16)",
    "layer = nn.TransformerEncoderLayer(8, 2, 16, dropout=0.0)\nlayer(src)[0, 0]",
    "layer = nn.TransformerEncoderLayer(8, 2, 16, dropout=0.0, norm_first=True, activation='gelu')\nlayer(src)[5, 1]",
    "layer = nn.TransformerEncoderLayer(8, 2, 16)\nlayer(src)[1, 1]",
    "enc = nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, 16, dropout=0.0), 2)\nenc",
    "enc = nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, 16, dropout=0.0), 2)\n"
    "enc(src, mask=nn.Transformer.generate_square_subsequent_mask(6))[:, 0, 0]",
    "layer = nn.TransformerEncoderLayer(8, 2, 16, dropout=0.0, batch_first=True)\n"
    "enc = nn.TransformerEncoder(layer, 2, norm=nn.LayerNorm(8), enable_nested_tensor=False)\n"
    "pad = torch.tensor([[False] * 6, [False] * 4 + [True] * 2])\nenc.eval()\nwith torch.no_grad():\n    y = enc(src.transpose(0, 1), src_key_padding_mask=pad)\ny[1, :, 0]",
    "layer = nn.TransformerEncoderLayer(8, 2, 16, dropout=0.0, batch_first=True)\n"
    "enc = nn.TransformerEncoder(layer, 2)\npad = torch.tensor([[False] * 6, [False] * 4 + [True] * 2])\n"
    "enc.eval()\nwith torch.no_grad():\n    y = enc(src.transpose(0, 1), src_key_padding_mask=pad)\ny[1, :, 0]",
    "nn.Transformer.generate_square_subsequent_mask(3)",
    "t = nn.Transformer(8, 2, 1, 1, 12, 0.0)\nt",
    "t = nn.Transformer(8, 2, 1, 2, 12, 0.0)\nsum(p.numel() for p in t.parameters())",
    "t = nn.Transformer(8, 2, 1, 2, 12, 0.0)\ntgt = torch.randn(4, 2, 8)\n"
    "out = t(src, tgt, tgt_mask=t.generate_square_subsequent_mask(4))\nout[3, 1]",
    "t = nn.Transformer(8, 2, 1, 1, 12, 0.0)\ntgt = torch.randn(4, 2, 8)\n"
    "(t(src, tgt) * torch.linspace(-1, 1, 8)).sum().backward()\nt.decoder.layers[0].multihead_attn.in_proj_bias.grad[:6]",
    "dec = nn.TransformerDecoderLayer(8, 2, 16, 0.0)\ndec(torch.randn(3, 2, 8), src)[2, 0]",
    "nn.TransformerEncoderLayer(8, 2, activation='tanh')",
)

OPT = NN + "model = nn.Linear(3, 2)\nx = torch.randn(4, 3)\n"
add("optimizer", OPT,
    "opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)\nfor _ in range(2):\n    opt.zero_grad()\n"
    "    model(x).pow(2).sum().backward()\n    opt.step()\nsd = opt.state_dict()\n(sd['param_groups'], list(sd['state']), sd['state'][1])",
    "opt = torch.optim.Adam(model.parameters(), lr=0.01)\nfor _ in range(3):\n    opt.zero_grad()\n"
    "    model(x).pow(2).sum().backward()\n    opt.step()\nsd = opt.state_dict()\n"
    "new = torch.optim.Adam(model.parameters(), lr=0.5)\nnew.load_state_dict(sd)\n"
    "new.zero_grad()\nmodel(x).pow(2).sum().backward()\nnew.step()\n(new.param_groups[0]['lr'], model.bias)",
    "opt = torch.optim.SGD([{'params': [model.weight], 'weight_decay': 0.1}], lr=0.1)\n"
    "opt.add_param_group({'params': model.bias, 'lr': 1.0})\n[sorted(g) for g in opt.param_groups]",
    "opt = torch.optim.SGD(model.parameters(), lr=0.1)\nopt.add_param_group({'params': [model.bias]})",
    "opt = torch.optim.SGD(model.parameters(), lr=0.1)\nopt.load_state_dict({'state': {}, 'param_groups': []})",
)

NUM = "torch.manual_seed(0)\n"
add("numerics", NUM,
    "a = torch.randn(36, 384)\nb = torch.randn(384, 2)\n(a @ b)[::7]",
    "a = torch.randn(20, 600)\nb = torch.randn(600, 5)\n(a @ b)[::5]",
    "q = torch.randn(4, 2, 6, 4)\nk = torch.randn(4, 2, 6, 4)\n(q @ k.transpose(-2, -1))[1, 1]",
    "torch.tensor([-1.1258398, -1.1523602, -0.2505786, -0.4338788]).norm()",
    "x = torch.randn(6, 13)\n(x.norm(dim=-1), x.norm(dim=0))",
    "F.normalize(torch.randn(5, 4) * 3, dim=-1)",
    "x = torch.randn(6, 24) * 2 + 0.5\nF.layer_norm(x, (24,))[::2, ::5]",
    "x = torch.randn(4, 8)\nF.layer_norm(x, (8,), torch.randn(8), torch.randn(8))",
    "x = torch.randn(3, 5)\nF.layer_norm(x, (5,))",
)

PACK = (NN + "from torch.nn.utils.rnn import pad_sequence, pack_padded_sequence, pad_packed_sequence, pack_sequence\n"
        "seqs = [torch.randn(4, 3), torch.randn(1, 3), torch.randn(3, 3)]\n")
add("packed", PACK,
    "pad_sequence(seqs, batch_first=True, padding_value=-1.0)[1]",
    "p = pack_padded_sequence(pad_sequence(seqs), [4, 1, 3], enforce_sorted=False)\n(p.batch_sizes, p.sorted_indices, p.unsorted_indices, p.data.shape)",
    "m = nn.LSTM(3, 4, num_layers=2, bidirectional=True)\np = pack_padded_sequence(pad_sequence(seqs), [4, 1, 3], enforce_sorted=False)\n"
    "out, (h, c) = m(p, (torch.randn(4, 3, 4), torch.randn(4, 3, 4)))\ny, lens = pad_packed_sequence(out, batch_first=True)\n(y[1], lens, h[3], c[0])",
    "m = nn.GRU(3, 2)\np = pack_padded_sequence(pad_sequence(seqs), [4, 1, 3], enforce_sorted=False)\n"
    "out, h = m(p)\ny, _ = pad_packed_sequence(out, total_length=5)\ny.sum().backward()\n(y.shape, h, m.weight_ih_l0.grad[0])",
    "data, sizes, sorted_idx, unsorted_idx = pack_sequence([torch.randn(3, 2), torch.randn(2, 2)])\n(sizes, sorted_idx, unsorted_idx)",
    "pack_padded_sequence(pad_sequence(seqs), [4, 1, 3])",
)
