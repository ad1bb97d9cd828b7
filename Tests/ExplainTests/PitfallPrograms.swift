/// Small programs with one known pitfall each (and clean ones), with the findings an
/// explainer must report: `code@line`, warnings and errors only (infos are allowed).
struct PitfallProgram: Sendable, CustomStringConvertible {
    let name: String
    let prelude: String?
    let code: String
    let expected: [String]

    init(_ name: String, prelude: String? = nil, _ code: String, expect expected: [String]) {
        self.name = name
        self.prelude = prelude
        self.code = code
        self.expected = expected
    }

    var description: String { name }
}

enum Fixtures {
    static let distillationPrelude = """
        import torch
        import torch.nn as nn
        import torch.nn.functional as F

        class Trainer:
            pass

        torch.manual_seed(0)
        self = Trainer()
        self.device = 'cpu'
        self.strat_num = 5
        self.end_num = 10
        self.distillation = True
        self.net = nn.Linear(16, 10)
        self.old_model = nn.Linear(16, 10)
        self.train_loader = [(torch.randn(8, 16), torch.randint(0, 5, (8,)))]
        """

    /// The forum code as posted: `[:0:k]` for `[:, 0:k]`, BCE on softmax outputs, T on one side.
    static let distillation = """
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
        """

    /// The corrected version: `[:, 0:k]` slices, KL with T on both sides and T². Only the
    /// name `t_one_hot` is still wrong: it holds soft probabilities.
    static let distillationCorrected = """
        T = 2.0
        for i, (x, label) in enumerate(self.train_loader):
            outputs = self.net(x)
            pre_ce = outputs[:, self.strat_num:self.end_num]
            loss = F.cross_entropy(pre_ce, label)
            with torch.no_grad():
                outputs_old = self.old_model(x)
            t_one_hot = F.softmax(outputs_old[:, 0:self.strat_num] / T, dim=1)
            loss_distill = F.kl_div(F.log_softmax(outputs[:, 0:self.strat_num] / T, dim=1), t_one_hot, reduction='batchmean') * T * T
            loss = loss + 10 * loss_distill
        """

    static let attentionPrelude = """
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
        """

    static let attentionBias = """
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
        """

    static let programs: [PitfallProgram] = [
        PitfallProgram("distillation as posted", prelude: distillationPrelude, distillation,
                       expect: ["empty-slice@16", "one-hot-misnomer@16", "nan-produced@17", "bce-on-softmax@17", "temperature-mismatch@17",
                                "empty-slice@17", "nan-produced@18"]),
        // The teacher's softmax as a KL target is a soft target on purpose, whatever its name.
        PitfallProgram("distillation corrected", prelude: distillationPrelude, distillationCorrected, expect: []),
        PitfallProgram("Swin relative position bias", prelude: attentionPrelude, attentionBias, expect: []),
        PitfallProgram("empty slice", """
            x = torch.randn(4, 10)
            k = 3
            y = x[:0:k]
            """, expect: ["empty-slice@3"]),
        PitfallProgram("log of a negative", """
            x = torch.tensor([-1.0, 4.0])
            y = torch.log(x)
            """, expect: ["nan-produced@2"]),
        PitfallProgram("mean over empty", """
            scores = torch.randn(5)
            picked = scores[scores > 10.0]
            average = picked.mean()
            """, expect: ["nan-produced@3"]),
        PitfallProgram("fully masked attention row", """
            scores = torch.randn(3, 4)
            blocked = torch.tensor([[True, True, False, False], [True, True, True, True], [False, False, False, False]])
            scores = scores.masked_fill(blocked, float('-inf'))
            attn = F.softmax(scores, dim=-1)
            """, expect: ["all-masked-row@4"]),
        PitfallProgram("BCE on softmax outputs", """
            logits = torch.randn(4, 5)
            targets = torch.randint(0, 5, (4,))
            probs = F.softmax(logits, dim=1)
            onehot_targets = F.one_hot(targets, 5).float()
            loss = F.binary_cross_entropy(probs, onehot_targets)
            """, expect: ["bce-on-softmax@5"]),
        PitfallProgram("temperature on the student only", """
            T = 4.0
            student = torch.randn(8, 10)
            teacher = torch.randn(8, 10)
            loss = F.kl_div(F.log_softmax(student / T, dim=1), F.softmax(teacher, dim=1), reduction='batchmean') * T * T
            """, expect: ["temperature-mismatch@4"]),
        PitfallProgram("targets not shifted into the sliced logits", """
            logits = torch.randn(6, 10)
            labels = torch.tensor([5, 7, 9, 6, 5, 8])
            new_logits = logits[:, 5:10]
            loss = F.cross_entropy(new_logits, labels)
            """, expect: ["target-out-of-range@4"]),
        PitfallProgram("softmax without dim", """
            x = torch.randn(2, 3)
            p = F.softmax(x)
            """, expect: ["implicit-softmax-dim@2"]),
        PitfallProgram("softmax over a size-1 dim", """
            score = torch.randn(4, 1)
            p = torch.softmax(score, dim=1)
            """, expect: ["softmax-size-one@2"]),
        PitfallProgram("[4, 1] minus [4]", """
            pred = torch.randn(4, 1)
            y = torch.randn(4)
            loss = ((pred - y) ** 2).mean()
            """, expect: ["broadcast-outer@3"]),
        PitfallProgram("view of a transpose", """
            x = torch.randn(3, 4).t()
            y = x.view(12)
            """, expect: ["view-noncontiguous@2"]),
        PitfallProgram("shapes that do not broadcast", """
            a = torch.randn(2, 3)
            b = torch.randn(4)
            c = a + b
            """, expect: ["shape-mismatch@3"]),
        PitfallProgram("lossy floor division in a shape", """
            B_ = 10
            nW = 4
            buffer = torch.zeros(B_ // nW, nW, 3)
            """, expect: ["floor-division@3"]),
        PitfallProgram("softmax of int64", """
            idx = torch.arange(6)
            p = idx.softmax(0)
            """, expect: ["dtype-mismatch@2"]),
        PitfallProgram("masked_fill with a float mask", """
            x = torch.randn(3)
            m = torch.tensor([1.0, 0.0, 1.0])
            y = x.masked_fill(m, 0.0)
            """, expect: ["dtype-mismatch@3"]),
        PitfallProgram("column index past the end", """
            x = torch.randn(3, 4)
            y = x[:, 4]
            """, expect: ["index-out-of-range@2"]),
        PitfallProgram("dim past the rank", """
            x = torch.randn(3, 4)
            y = x.sum(dim=2)
            """, expect: ["dim-out-of-range@2"]),
        PitfallProgram("Hinton distillation, clean", """
            T = 4.0
            alpha = 0.7
            student_logits = torch.randn(8, 10)
            teacher_logits = torch.randn(8, 10)
            labels = torch.randint(0, 10, (8,))
            soft = F.kl_div(F.log_softmax(student_logits / T, dim=1), F.softmax(teacher_logits / T, dim=1), reduction='batchmean') * T * T
            hard = F.cross_entropy(student_logits, labels)
            loss = alpha * soft + (1 - alpha) * hard
            """, expect: []),
        PitfallProgram("causal attention and pairwise distances, clean", """
            q = torch.randn(2, 4, 8)
            k = torch.randn(2, 4, 8)
            scores = q @ k.transpose(-2, -1) / math.sqrt(8)
            causal = torch.tril(torch.ones(4, 4)).bool()
            scores = scores.masked_fill(~causal, -1e9)
            attn = F.softmax(scores, dim=-1)
            x = torch.arange(5.0)
            distances = (x[:, None] - x[None, :]).abs()
            bias = torch.randn(2, 4, 4)
            out = attn + bias
            one_hot = F.one_hot(torch.tensor([0, 2, 1]), 3)
            """, expect: []),
    ]
}
