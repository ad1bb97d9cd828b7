/// `torch.distributed` as a single process sees it before `init_process_group`: available,
/// not initialized, and every collective raising PyTorch's error. Real training code
/// imports it and guards with `is_initialized()`; TensorTutor never opens a process group.
extension Interpreter {
    func makeDistributedNamespace() -> Namespace {
        let distributed = Namespace(name: "torch.distributed")
        distributed.members["is_available"] = .builtin(Builtin("is_available", isOp: false) { _, _ in .bool(true) })
        distributed.members["is_initialized"] = .builtin(Builtin("is_initialized", isOp: false) { _, _ in .bool(false) })
        let collectives = ["get_world_size", "get_rank", "all_reduce", "all_gather", "broadcast", "reduce", "barrier",
                           "gather", "scatter", "all_to_all", "new_group", "destroy_process_group"]
        for name in collectives {
            distributed.members[name] = .builtin(Builtin(name, isOp: false) { _, _ in
                throw PythonError.valueError("Default process group has not been initialized, please make sure to call init_process_group.")
            })
        }
        distributed.members["init_process_group"] = .builtin(Builtin("init_process_group", isOp: false) { _, _ in
            throw PythonError("RuntimeError", "TensorTutor runs one process without a network: torch.distributed.init_process_group is not available")
        })
        let reduceOp = Namespace(name: "torch.distributed.ReduceOp")
        for name in ["SUM", "AVG", "PRODUCT", "MIN", "MAX"] { reduceOp.members[name] = .string("RedOpType.\(name)") }
        distributed.members["ReduceOp"] = .module(reduceOp)
        return distributed
    }
}
