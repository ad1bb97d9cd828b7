# User optimizers and schedulers on torch.optim.Optimizer and LRScheduler/_LRScheduler
# (DINO's LARS, warmup-then-cosine schedules), isinstance of the built-in ones, the base
# state_dict/load_state_dict, the base errors, and id().
LARS = '''import math
import torch.nn as nn
class LARS(torch.optim.Optimizer):
    def __init__(self, params, lr=0, weight_decay=0, momentum=0.9, eta=0.001,
                 weight_decay_filter=None, lars_adaptation_filter=None):
        defaults = dict(lr=lr, weight_decay=weight_decay, momentum=momentum,
                        eta=eta, weight_decay_filter=weight_decay_filter,
                        lars_adaptation_filter=lars_adaptation_filter)
        super().__init__(params, defaults)

    @torch.no_grad()
    def step(self):
        for g in self.param_groups:
            for p in g['params']:
                dp = p.grad
                if dp is None:
                    continue
                if p.ndim != 1:
                    dp = dp.add(p, alpha=g['weight_decay'])
                if p.ndim != 1:
                    param_norm = torch.norm(p)
                    update_norm = torch.norm(dp)
                    one = torch.ones_like(param_norm)
                    q = torch.where(param_norm > 0.,
                                    torch.where(update_norm > 0,
                                                (g['eta'] * param_norm / update_norm), one), one)
                    dp = dp.mul(q)
                param_state = self.state[p]
                if 'mu' not in param_state:
                    param_state['mu'] = torch.zeros_like(p)
                mu = param_state['mu']
                mu.mul_(g['momentum']).add_(dp)
                p.add_(mu, alpha=-g['lr'])

class WarmupCosine(torch.optim.lr_scheduler._LRScheduler):
    def __init__(self, optimizer, warmup, total, last_epoch=-1):
        self.warmup = warmup
        self.total = total
        super(WarmupCosine, self).__init__(optimizer, last_epoch)

    def get_lr(self):
        if self.last_epoch < self.warmup:
            return [base_lr * (self.last_epoch + 1) / self.warmup for base_lr in self.base_lrs]
        progress = (self.last_epoch - self.warmup) / max(1, self.total - self.warmup)
        return [base_lr * 0.5 * (1 + math.cos(math.pi * progress)) for base_lr in self.base_lrs]

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
x = torch.randn(5, 3)
'''
CASES = [("optim", source) for source in [
    LARS + "opt = LARS(net.parameters(), lr=0.1, weight_decay=1e-4)\n(repr(opt), isinstance(opt, torch.optim.Optimizer))",
    LARS + "opt = LARS(net.parameters(), lr=0.1, weight_decay=1e-4)\nsched = WarmupCosine(opt, warmup=2, total=5)\nout = [sched.get_last_lr()]\nfor step in range(4):\n    opt.zero_grad()\n    loss = net(x).pow(2).mean()\n    loss.backward()\n    opt.step()\n    sched.step()\n    out.append((loss.item(), sched.get_last_lr(), opt.param_groups[0]['lr']))\n(out, net[0].weight, opt.state[net[0].weight]['mu'])",
    LARS + "opt = LARS(net.parameters(), lr=0.1)\nnet(x).sum().backward()\nopt.step()\nsd = opt.state_dict()\nopt2 = LARS(net.parameters(), lr=0.3)\nopt2.load_state_dict(sd)\n(sorted(sd['state'].keys()), sd['param_groups'], opt2.param_groups[0]['lr'], torch.equal(opt2.state[net[2].bias]['mu'], opt.state[net[2].bias]['mu']))",
    LARS + "sgd = torch.optim.SGD(net.parameters(), lr=0.5)\ns2 = WarmupCosine(sgd, warmup=1, total=3)\nsgd.step()\ns2.step()\n(isinstance(sgd, torch.optim.Optimizer), s2.get_last_lr(), sgd.param_groups[0]['initial_lr'], isinstance(torch.optim.lr_scheduler.StepLR(sgd, 1), torch.optim.lr_scheduler.LRScheduler))",
    LARS + "LARS([])",
    LARS + "WarmupCosine(3, 1, 2)",
    "from torch.optim.optimizer import Optimizer, required\nclass Bare(Optimizer):\n    def __init__(self, params):\n        super().__init__(params, {'lr': required})\nBare([torch.ones(1, requires_grad=True)])",
    "class Plain(torch.optim.Optimizer):\n    pass\nw = torch.ones(2, requires_grad=True)\nopt = Plain([{'params': [w]}, {'params': torch.zeros(1, requires_grad=True), 'lr': 0.5}], {'lr': 0.1, 'momentum': 0})\n(w * 2).sum().backward()\nopt.zero_grad(set_to_none=False)\n(repr(opt), w.grad, len(opt.param_groups))",
    "class Plain(torch.optim.Optimizer):\n    pass\nw = torch.ones(2, requires_grad=True)\nPlain([w, w * 2], {'lr': 0.1})",
    "class Plain(torch.optim.Optimizer):\n    pass\nw = torch.ones(2, requires_grad=True)\nopt = Plain([w], {'lr': 0.1})\nopt.add_param_group({'params': w})",
    "class Plain(torch.optim.Optimizer):\n    pass\nPlain([torch.ones(1, requires_grad=True)], {}).step()",
    "a = torch.ones(1)\nb = a\nc = torch.ones(1)\nitems = [a, c]\n(id(a) == id(b), id(a) == id(c), id(None) == id(None), id(3) == id(3), id(items[0]) == id(a), id(torch.float32) == id(torch.float32))",
]]
