/// `torch.jit` and `torch.fx` as eager PyTorch sees them: `Final[...]` is an annotation,
/// `@torch.jit.ignore` / `unused` / `script` and `torch.fx.wrap` return what they are
/// given, and `is_scripting()` is False. Nothing is compiled or traced.
extension Interpreter {
    func makeJitNamespace() -> Namespace {
        let jit = Namespace(name: "torch.jit")
        jit.members["Final"] = .native(TypingForm("Final"))
        for name in ["ignore", "unused", "export", "script", "interface"] {
            jit.members[name] = .builtin(Builtin(name, isOp: false) { _, arguments in
                // `@torch.jit.ignore(drop=True)` is a decorator factory; the bare form is the decorator.
                if arguments.positional.isEmpty { return .builtin(Builtin(name, isOp: false) { _, inner in inner.positional.first ?? .none }) }
                return arguments.positional[0]
            })
        }
        for name in ["is_scripting", "is_tracing"] {
            jit.members[name] = .builtin(Builtin(name, isOp: false) { _, _ in .bool(false) })
        }
        return jit
    }

    func makeFXNamespace() -> Namespace {
        let fx = Namespace(name: "torch.fx")
        // `torch.fx.wrap("name")` registers a name for tracing; as a decorator it returns the function.
        fx.members["wrap"] = .builtin(Builtin("wrap", isOp: false) { _, arguments in arguments.positional.first ?? .none })
        return fx
    }
}
