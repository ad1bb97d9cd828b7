/// `torch.compile`, written in Python on `torch.autograd.Function`. TensorTutor runs the
/// model eagerly, as PyTorch's `backend="eager"` would, so values are those of an ordinary
/// call; what compiling changes that a user sees is kept: a module comes back wrapped in an
/// `OptimizedModule` (its state_dict keys prefixed `_orig_mod.`), and a compiled module's
/// output carries one `CompiledFunctionBackward` node over its inputs and parameters.
/// Random ops differ: inductor draws its own random numbers, this runs the eager ones.
let compileLibrarySource = #"""
class CompiledFunction(Function):
    @staticmethod
    def forward(ctx, module, kwargs, count, *values):
        ctx.module = module
        ctx.kwargs = kwargs
        ctx.count = count
        ctx.rng_state = torch.get_rng_state()
        ctx.inputs = [None if torch.is_tensor(value) else value for value in values]
        ctx.save_for_backward(*[value for value in values if torch.is_tensor(value)])
        return module(*values[:count], **kwargs)

    @staticmethod
    def backward(ctx, *grads):
        saved = iter(ctx.saved_tensors)
        values = [next(saved) if value is None else value for value in ctx.inputs]
        inputs = []
        for value in values[:ctx.count]:
            if torch.is_tensor(value):
                copy = value.detach()
                copy.requires_grad = value.requires_grad
                value = copy
            inputs.append(value)
        # The recomputation draws the forward's random numbers again (dropout's mask).
        surrounding = torch.get_rng_state()
        torch.set_rng_state(ctx.rng_state)
        with torch.enable_grad():
            outputs = ctx.module(*inputs, **ctx.kwargs)
        torch.set_rng_state(surrounding)
        if not isinstance(outputs, tuple):
            outputs = (outputs,)
        pairs = [(out, grad) for out, grad in zip(outputs, grads)
                 if torch.is_tensor(out) and out.requires_grad and grad is not None]
        wanted = [value for value in inputs + values[ctx.count:] if torch.is_tensor(value) and value.requires_grad]
        found = torch.autograd.grad([out for out, _ in pairs], wanted, [grad for _, grad in pairs], allow_unused=True) if pairs and wanted else []
        by_id = {id(value): grad for value, grad in zip(wanted, found)}
        return (None, None, None) + tuple(by_id.get(id(value)) for value in inputs + values[ctx.count:])


class OptimizedModule(torch.nn.Module):
    def __init__(self, mod):
        super().__init__()
        self._orig_mod = mod

    def forward(self, *args, **kwargs):
        params = [param for param in self._orig_mod.parameters() if param.requires_grad]
        if not torch.is_grad_enabled() or not params and not any(torch.is_tensor(arg) and arg.requires_grad for arg in args):
            return self._orig_mod(*args, **kwargs)
        return CompiledFunction.apply(self._orig_mod, kwargs, len(args), *args, *params)

    def __getattr__(self, name):
        if name == "_orig_mod":
            raise AttributeError(name)
        return getattr(self._orig_mod, name)


def compile(model=None, *, fullgraph=False, dynamic=None, backend="inductor", mode=None, options=None, disable=False):
    if model is None:
        def compile_wrapper(model):
            return compile(model, fullgraph=fullgraph, dynamic=dynamic, backend=backend, mode=mode, options=options, disable=disable)
        return compile_wrapper
    if disable:
        return model
    if isinstance(model, torch.nn.Module):
        return OptimizedModule(model)
    if not callable(model):
        raise AssertionError(f"A callable function is expected, but {type(model)} is provided.")
    return model
"""#
