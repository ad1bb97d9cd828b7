/// `nn.DataParallel` and `torch.nn.parallel` as a machine without GPUs sees them. Training
/// scripts wrap their model unconditionally (`model = nn.DataParallel(model)`); on the CPU
/// PyTorch keeps the wrapper, with the model as its `module` child, and forwards every call
/// to it. So `state_dict()` keys gain the `module.` prefix, exactly as in PyTorch.
final class DataParallelModule: NNModule {
    /// Like any module attribute, a wrapped `nn.Module` becomes the child `module` and
    /// anything else a plain attribute, which fails only when the wrapper is called.
    init(wrapping module: Value?) throws {
        super.init(name: "DataParallel")
        if let module { _ = try setAttribute("module", module) }
        registry.plainAttributes["device_ids"] = .list(ListStorage([]))
    }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? { try DataParallelModule(wrapping: nil) }

    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        try interpreter.call(registry.lookup("module") ?? registry.plainAttributes["module"] ?? .none, arguments)
    }
}

extension Interpreter {
    /// `torch.nn.parallel`: the single-process wrapper works; the multi-process one needs
    /// a process group, which TensorTutor never opens, so it raises PyTorch's error.
    func makeParallelNamespace() -> Namespace {
        let parallel = Namespace(name: "torch.nn.parallel")
        parallel.members["DataParallel"] = .builtin(Builtin("DataParallel") { interpreter, arguments in
            let bound = try arguments.bind("DataParallel", ["module", "device_ids", "output_device", "dim"])
            return .native(try DataParallelModule(wrapping: try bound.value("module")))
        })
        parallel.members["DistributedDataParallel"] = .builtin(Builtin("DistributedDataParallel") { _, _ in
            throw PythonError.valueError("Default process group has not been initialized, please make sure to call init_process_group.")
        })
        parallel.members["data_parallel"] = .builtin(Builtin("data_parallel") { _, _ in
            throw PythonError("RuntimeError", "device type could not be determined")
        })
        return parallel
    }
}
