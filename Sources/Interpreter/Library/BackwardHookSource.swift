/// `module.register_full_backward_hook` and `register_full_backward_pre_hook`, written in
/// Python as torch/utils/hooks.py's `BackwardHook` is. A module call with such hooks passes
/// its tensor inputs and outputs through one identity `BackwardHookFunction` each, so the
/// outputs print `grad_fn=<BackwardHookFunctionBackward>`. The output node's backward
/// sees grad_output first (pre-hooks may replace it); the input node's backward then calls
/// the hooks with (module, grad_input, grad_output), and a hook may replace grad_input.
let backwardHookLibrarySource = #"""
class BackwardHookFunction(Function):
    @staticmethod
    def forward(ctx, hook, role, *args):
        ctx.hook = hook
        ctx.role = role
        # The output node's hooks see None for an output that got no gradient; the input
        # node's see zeros for an input that got none.
        ctx.set_materialize_grads(role == "input")
        ctx.mark_non_differentiable(*[arg for arg in args if not arg.requires_grad])
        return args

    @staticmethod
    def backward(ctx, *grads):
        if ctx.role == "input":
            grads = ctx.hook.input_gradients(grads)
        else:
            grads = ctx.hook.output_gradients(grads)
        return (None, None) + tuple(grads)


def _pack_with_none(indices, values, size):
    packed = [None] * size
    for index, value in zip(indices, values):
        packed[index] = value
    return tuple(packed)


class BackwardHook:
    def __init__(self, module, user_hooks, user_pre_hooks):
        self.module = module
        self.user_hooks = user_hooks
        self.user_pre_hooks = user_pre_hooks
        self.grad_outputs = None
        self.n_inputs = -1
        self.n_outputs = -1
        self.input_tensors_index = None
        self.output_tensors_index = None

    def input_gradients(self, grads):
        if self.grad_outputs is None:
            return grads
        res = _pack_with_none(self.input_tensors_index, grads, self.n_inputs)
        for hook in self.user_hooks:
            out = hook(self.module, res, self.grad_outputs)
            if out is None:
                continue
            if len(out) != len(res):
                raise RuntimeError(f"Backward hook returned an invalid number of grad_input, got {len(out)}, but expected {len(res)}")
            res = out
        self.grad_outputs = None
        return tuple(res[index] for index in self.input_tensors_index)

    def output_gradients(self, grads):
        self.grad_outputs = _pack_with_none(self.output_tensors_index, grads, self.n_outputs)
        expected = len(self.grad_outputs)
        for pre_hook in self.user_pre_hooks:
            replaced = pre_hook(self.module, self.grad_outputs)
            if replaced is None:
                continue
            if len(replaced) != expected:
                raise RuntimeError(f"Backward pre hook returned an invalid number of grad_output, got {len(replaced)}, but expected {expected}")
            self.grad_outputs = replaced
        local_grad_outputs = self.grad_outputs
        if self.input_tensors_index is None:
            if self.user_hooks:
                warnings.warn("Full backward hook is firing when gradients are computed with respect to module outputs since "
                              "no inputs require gradients. See https://docs.pytorch.org/docs/main/generated/torch.nn.Module.html"
                              "#torch.nn.Module.register_full_backward_hook for more details.", stacklevel=5)
                grad_inputs = _pack_with_none([], [], self.n_inputs)
                for hook in self.user_hooks:
                    res = hook(self.module, grad_inputs, self.grad_outputs)
                    if res is not None and not (isinstance(res, tuple) and all(el is None for el in res)):
                        raise RuntimeError("Backward hook for Modules where no input requires gradient should always return None "
                                           "or None for all gradients.")
            self.grad_outputs = None
        return tuple(local_grad_outputs[index] for index in self.output_tensors_index)

    def _apply_on_tensors(self, role, args):
        indices = [index for index, arg in enumerate(args) if isinstance(arg, torch.Tensor)]
        tensors = [args[index] for index in indices]
        if not (any(tensor.requires_grad for tensor in tensors) and torch.is_grad_enabled()):
            return args, None
        wrapped = BackwardHookFunction.apply(self, role, *tensors)
        result = list(args)
        for index, tensor in zip(indices, wrapped):
            result[index] = tensor
        return tuple(result), indices

    def setup_input_hook(self, args):
        result, self.input_tensors_index = self._apply_on_tensors("input", args)
        self.n_inputs = len(args)
        return result

    def setup_output_hook(self, result):
        if not isinstance(result, (torch.Tensor, tuple)):
            warnings.warn("For backward hooks to be called, module output should be a Tensor or a tuple of Tensors but "
                          f"received {type(result)}")
        is_tuple = isinstance(result, tuple)
        args = result if is_tuple else (result,)
        wrapped, self.output_tensors_index = self._apply_on_tensors("output", args)
        self.n_outputs = len(args)
        return wrapped if is_tuple else wrapped[0]
"""#
