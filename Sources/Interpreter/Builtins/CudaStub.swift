/// `torch.cuda`, `torch.backends` and mixed precision as PyTorch sees them on a machine
/// without a GPU. Training scripts ask `torch.cuda.is_available()`, seed CUDA, set cuDNN
/// flags and wrap their steps in `autocast` and a `GradScaler`; on the CPU PyTorch makes
/// each of these a no-op (a disabled autocast, a scaler that scales by nothing), and so
/// does TensorTutor.
extension Interpreter {
    func makeCudaNamespace() -> Namespace {
        let cuda = Namespace(name: "torch.cuda")
        let constants: [(String, Value)] = [("is_available", .bool(false)), ("device_count", .int(0)), ("is_initialized", .bool(false))]
        for (name, value) in constants { cuda.members[name] = .builtin(Builtin(name, isOp: false) { _, _ in value }) }
        for name in ["manual_seed", "manual_seed_all", "empty_cache", "reset_peak_memory_stats", "ipc_collect"] {
            cuda.members[name] = .builtin(Builtin(name, isOp: false) { _, _ in .none })
        }
        for name in ["current_device", "synchronize", "get_device_name", "get_device_properties", "set_device", "max_memory_allocated", "memory_allocated"] {
            cuda.members[name] = .builtin(Builtin(name, isOp: false) { _, _ in throw noGPU() })
        }
        let amp = Namespace(name: "torch.cuda.amp")
        amp.members["autocast"] = .builtin(Builtin("autocast", isOp: false) { interpreter, _ in
            interpreter.warnDeprecatedCudaAmp("autocast")
            return .native(DisabledAutocast())
        })
        amp.members["GradScaler"] = .builtin(Builtin("GradScaler", isOp: false) { interpreter, arguments in
            interpreter.warnDeprecatedCudaAmp("GradScaler")
            if try arguments.bind("GradScaler", ["init_scale", "growth_factor", "backoff_factor", "growth_interval", "enabled"])
                .optional("enabled").map({ try interpreter.truthy($0) }) ?? true {
                interpreter.warn("torch.cuda.amp.GradScaler is enabled, but CUDA is not available.  Disabling.")
            }
            return .native(DisabledGradScaler())
        })
        cuda.members["amp"] = .module(amp)
        return cuda
    }

    /// `torch.amp` and `torch.autocast`: the device-generic spellings of the same no-ops.
    func makeAmpMembers() -> [String: Value] {
        let autocast = Value.builtin(Builtin("autocast", isOp: false) { _, _ in .native(DisabledAutocast()) })
        let amp = Namespace(name: "torch.amp")
        amp.members["autocast"] = autocast
        amp.members["GradScaler"] = .builtin(Builtin("GradScaler", isOp: false) { interpreter, arguments in
            let bound = try arguments.bind("GradScaler", ["device", "init_scale", "growth_factor", "backoff_factor", "growth_interval", "enabled"])
            let device = try bound.optional("device").map { try interpreter.str($0) } ?? "cuda"
            if device == "cuda", try bound.optional("enabled").map({ try interpreter.truthy($0) }) ?? true {
                interpreter.warn("torch.cuda.amp.GradScaler is enabled, but CUDA is not available.  Disabling.")
            }
            return .native(DisabledGradScaler())
        })
        var members: [String: Value] = ["amp": .module(amp), "autocast": autocast]
        // Autocast is never on here (see `DisabledAutocast`); its default dtypes are PyTorch's.
        members["is_autocast_enabled"] = .builtin(Builtin("is_autocast_enabled", isOp: false) { _, arguments in
            _ = try arguments.bind("is_autocast_enabled", ["device_type"])
            return .bool(false)
        })
        members["get_autocast_dtype"] = .builtin(Builtin("get_autocast_dtype", isOp: false) { interpreter, arguments in
            let device = try interpreter.str(try arguments.bind("get_autocast_dtype", ["device_type"]).value("device_type"))
            return .dtype(device == "cpu" ? .bfloat16 : .float16)
        })
        members["get_autocast_cpu_dtype"] = .builtin(Builtin("get_autocast_cpu_dtype", isOp: false) { _, _ in .dtype(.bfloat16) })
        members["get_autocast_gpu_dtype"] = .builtin(Builtin("get_autocast_gpu_dtype", isOp: false) { _, _ in .dtype(.float16) })
        return members
    }

    /// `torch.backends`: cuDNN's flags are plain attributes a script may set; no backend
    /// other than the CPU is available.
    func makeBackendsNamespace() -> Namespace {
        let cudnn = Namespace(name: "torch.backends.cudnn", members: [
            "benchmark": .bool(false), "deterministic": .bool(false), "enabled": .bool(true), "allow_tf32": .bool(true),
        ])
        cudnn.members["is_available"] = .builtin(Builtin("is_available", isOp: false) { _, _ in .bool(false) })
        let mps = Namespace(name: "torch.backends.mps")
        for name in ["is_available", "is_built"] { mps.members[name] = .builtin(Builtin(name, isOp: false) { _, _ in .bool(false) }) }
        let matmul = Namespace(name: "torch.backends.cuda.matmul", members: ["allow_tf32": .bool(false), "allow_fp16_reduced_precision_reduction": .bool(true)])
        let cudaBackend = Namespace(name: "torch.backends.cuda", members: ["matmul": .module(matmul)])
        return Namespace(name: "torch.backends", members: ["cudnn": .module(cudnn), "mps": .module(mps), "cuda": .module(cudaBackend)])
    }

    fileprivate func warnDeprecatedCudaAmp(_ name: String) {
        try? issueWarning("`torch.cuda.amp.\(name)(args...)` is deprecated. Please use `torch.amp.\(name)('cuda', args...)` instead.",
                          category: ["FutureWarning", "Warning"], module: "__main__", raisesErrors: false)
    }
}

private func noGPU() -> PythonError {
    PythonError.runtimeError("Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx")
}

/// `autocast` without a GPU: entering changes nothing, and as a decorator it returns the
/// function it wraps.
final class DisabledAutocast: NativeContextManager {
    var typeName: String { "autocast" }
    func repr() -> String { "<torch.amp.autocast_mode.autocast object>" }
    func enter(_ interpreter: Interpreter) throws -> Value { .native(self) }
    func exit(_ interpreter: Interpreter) throws {}
    func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value? { arguments.positional.first }
}

/// A `GradScaler` PyTorch has disabled (no CUDA): `scale` returns the loss unchanged and
/// `step` is the optimizer's own step.
final class DisabledGradScaler: NativeObject {
    var typeName: String { "GradScaler" }
    func repr() -> String { "<torch.amp.grad_scaler.GradScaler object>" }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        func method(_ body: @escaping (Interpreter, CallArguments) throws -> Value) -> Value { .builtin(Builtin(name, isOp: false, body)) }
        switch name {
        case "scale": return method { _, arguments in arguments.positional.first ?? .none }
        case "step": return method { interpreter, arguments in
            guard let optimizer = arguments.positional.first else {
                throw PythonError.typeError("GradScaler.step() missing 1 required positional argument: 'optimizer'")
            }
            let rest = CallArguments(Array(arguments.positional.dropFirst()), keywords: arguments.keywords)
            return try interpreter.call(try interpreter.attribute(of: optimizer, "step"), rest)
        }
        case "update", "unscale_", "load_state_dict": return method { _, _ in .none }
        case "get_scale": return method { _, _ in .float(1.0) }
        case "is_enabled": return method { _, _ in .bool(false) }
        case "state_dict": return method { _, _ in .dict(DictStorage()) }
        default: return nil
        }
    }
}
