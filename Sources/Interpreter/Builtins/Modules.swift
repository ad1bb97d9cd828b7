import Glibc
import PySyntax
import TensorEngine

/// The importable modules and the `import` statements that bind them.
extension Interpreter {
    func makeModules() -> [String: Value] {
        let functional = Namespace(name: "torch.nn.functional", members: makeFunctionalMembers())
        let nn = Namespace(name: "torch.nn", members: makeNNMembers())
        nn.members["functional"] = .module(functional)
        let torch = makeTorchModule(nn: .module(nn), functional: .module(functional))
        let initModule = Namespace(name: "torch.nn.init", members: makeInitMembers())
        nn.members["init"] = .module(initModule)
        nn.members["utils"] = .module(Namespace(name: "torch.nn.utils", members: makeNNUtilsMembers()))
        nn.members["Parameter"] = .builtin(Builtin("Parameter") { interpreter, arguments in try interpreter.makeParameter(arguments) })
        let parallel = makeParallelNamespace()
        nn.members["parallel"] = .module(parallel)
        nn.members["DataParallel"] = parallel.members["DataParallel"]
        nn.members["parameter"] = .module(Namespace(name: "torch.nn.parameter", members: ["Parameter": nn.members["Parameter"] ?? .none]))
        var table: [String: Value] = [
            "torch": .module(torch),
            "torch.nn": .module(nn),
            "torch.nn.functional": .module(functional),
            "torch.nn.init": .module(initModule),
            "torch.optim": torch.members["optim"] ?? .none,
            "torch.optim.lr_scheduler": member(torch, "optim", "lr_scheduler"),
            "torch.utils": torch.members["utils"] ?? .none,
            "torch.jit": torch.members["jit"] ?? .none,
            "torch.fx": torch.members["fx"] ?? .none,
            "torch.distributed": torch.members["distributed"] ?? .none,
            "torch.utils.data": member(torch, "utils", "data"),
            "torch.utils.data.dataloader": member(torch, "utils", "data", "dataloader"),
            "torch.utils.data.sampler": member(torch, "utils", "data", "sampler"),
            "torch.nn.utils": nn.members["utils"] ?? .none,
            "torch.nn.utils.rnn": member(nn, "utils", "rnn"),
            "torch.nn.parameter": nn.members["parameter"] ?? .none,
            "torch.nn.parallel": nn.members["parallel"] ?? .none,
            "torch.autograd": torch.members["autograd"] ?? .none,
            "math": .module(Namespace(name: "math", members: makeMathMembers())),
            "numpy": makeNumPyModule(),
        ]
        table["torch.special"] = member(torch, "special")
        table["torch.random"] = member(torch, "random")
        table["torch.distributions"] = member(torch, "distributions")
        table["torch.distributions.categorical"] = member(torch, "distributions", "categorical")
        table.merge(makeStdlibModules()) { torchModule, _ in torchModule }
        if case let .module(collections)? = table["collections"] {
            addOptimizerBaseClasses(torch: table["torch"] ?? .none, collections: collections.members, warnings: table["warnings"] ?? .none)
        }
        table["torch.optim.optimizer"] = member(torch, "optim", "optimizer")
        addCustomFunctionClasses(torch: table["torch"] ?? .none, warnings: table["warnings"] ?? .none)
        table["torch.autograd.function"] = member(torch, "autograd", "function")
        table["torch.utils.checkpoint"] = member(torch, "utils", "checkpoint")
        return table
    }

    func importModule(_ name: ImportName) throws {
        guard let module = loadedModule(name.name) else { throw missingModule(name.name) }
        if let alias = name.alias {
            assignName(alias, module)
        } else {
            let top = String(name.name.split(separator: ".").first ?? "")
            assignName(top, loadedModule(top) ?? module)
        }
    }

    func importFrom(_ moduleName: String, _ names: [ImportName]) throws {
        guard case let .module(namespace)? = loadedModule(moduleName) else { throw missingModule(moduleName) }
        for name in names {
            if name.name == "*" {
                for (member, value) in namespace.members { assignName(member, value) }
                continue
            }
            if let value = namespace.members[name.name] ?? modules["\(moduleName).\(name.name)"] {
                assignName(name.alias ?? name.name, value)
            } else {
                throw PythonError("ImportError", "cannot import name '\(name.name)' from '\(moduleName)'")
            }
        }
    }

    private func missingModule(_ name: String) -> PythonError {
        let top = String(name.split(separator: ".").first ?? "")
        let blocked: Set<String> = ["subprocess", "shutil", "socket", "pathlib", "io", "builtins", "importlib", "ctypes", "pickle", "requests", "urllib", "http"]
        if blocked.contains(top) {
            return PythonError("ImportError", "import of '\(name)' is not allowed: TensorTutor runs tensor code only, with no file, network, process or environment access")
        }
        // Listed from the table itself, so the list stays true as modules are added: the
        // submodules of a package that exists (torch.*), else the top-level modules.
        let submodules = importableModuleNames.filter { $0.hasPrefix(top + ".") }.sorted()
        let provided = modules[top] != nil && !submodules.isEmpty
            ? submodules : Set(importableModuleNames.map { String($0.split(separator: ".").first ?? "") }).sorted()
        return PythonError("ModuleNotFoundError", "No module named '\(name)' (TensorTutor provides \(provided.joined(separator: ", ")))")
    }

    private func makeMathMembers() -> [String: Value] {
        var members: [String: Value] = [
            "pi": .float(Double.pi), "e": .float(M_E), "inf": .float(.infinity), "nan": .float(.nan), "tau": .float(2 * Double.pi),
        ]
        let functions: [String: (Double) -> Double] = [
            "sqrt": { Glibc.sqrt($0) }, "exp": { Glibc.exp($0) }, "log2": { Glibc.log2($0) }, "log10": { Glibc.log10($0) },
            "log1p": { Glibc.log1p($0) }, "expm1": { Glibc.expm1($0) }, "sin": { Glibc.sin($0) }, "cos": { Glibc.cos($0) },
            "tan": { Glibc.tan($0) }, "asin": { Glibc.asin($0) }, "acos": { Glibc.acos($0) }, "atan": { Glibc.atan($0) },
            "sinh": { Glibc.sinh($0) }, "cosh": { Glibc.cosh($0) }, "tanh": { Glibc.tanh($0) }, "erf": { Glibc.erf($0) },
            "erfc": { Glibc.erfc($0) }, "fabs": { Swift.abs($0) }, "degrees": { $0 * 180 / Double.pi }, "radians": { $0 * Double.pi / 180 },
            "gamma": { Glibc.tgamma($0) }, "lgamma": { Glibc.lgamma($0) },
        ]
        for (name, function) in functions {
            members[name] = .builtin(Builtin(name) { interpreter, arguments in
                let bound = try arguments.bind(name, ["x"])
                let x = try interpreter.pythonDouble(try bound.value("x"))
                if (name == "sqrt" && x < 0) || ((name == "log2" || name == "log10") && x <= 0) || (name == "log1p" && x <= -1) {
                    throw PythonError.valueError("math domain error")
                }
                let result = function(x)
                if name == "exp" && result.isInfinite && x.isFinite { throw PythonError.overflow("math range error") }
                return .float(result)
            })
        }
        members["log"] = .builtin(Builtin("log") { interpreter, arguments in
            let bound = try arguments.bind("log", ["x", "base"])
            let x = try interpreter.pythonDouble(try bound.value("x"))
            guard x > 0 else { throw PythonError.valueError("math domain error") }
            guard let base = bound.optional("base") else { return .float(Glibc.log(x)) }
            return .float(Glibc.log(x) / Glibc.log(try interpreter.pythonDouble(base)))
        })
        members["pow"] = .builtin(Builtin("pow") { interpreter, arguments in
            let bound = try arguments.bind("pow", ["x", "y"])
            return .float(Glibc.pow(try interpreter.pythonDouble(try bound.value("x")), try interpreter.pythonDouble(try bound.value("y"))))
        })
        members["atan2"] = .builtin(Builtin("atan2") { interpreter, arguments in
            let bound = try arguments.bind("atan2", ["y", "x"])
            return .float(Glibc.atan2(try interpreter.pythonDouble(try bound.value("y")), try interpreter.pythonDouble(try bound.value("x"))))
        })
        for name in ["floor", "ceil", "trunc"] {
            members[name] = .builtin(Builtin(name) { interpreter, arguments in
                let value = try arguments.bind(name, ["x"]).value("x")
                if case .int = value { return value }
                let x = try interpreter.pythonDouble(value)
                let rounded = name == "floor" ? x.rounded(.down) : (name == "ceil" ? x.rounded(.up) : x.rounded(.towardZero))
                return try interpreter.convertToInt(.float(rounded), base: nil)
            })
        }
        for (name, test) in [("isnan", { (x: Double) in x.isNaN }), ("isinf", { $0.isInfinite }), ("isfinite", { $0.isFinite })] {
            members[name] = .builtin(Builtin(name) { interpreter, arguments in
                .bool(test(try interpreter.pythonDouble(try arguments.bind(name, ["x"]).value("x"))))
            })
        }
        members["isclose"] = .builtin(Builtin("isclose") { interpreter, arguments in
            let bound = try arguments.bind("isclose", ["a", "b", "*", "rel_tol", "abs_tol"])
            let a = try interpreter.pythonDouble(try bound.value("a"))
            let b = try interpreter.pythonDouble(try bound.value("b"))
            let relative = try bound.double("rel_tol", default: 1e-9)
            let absolute = try bound.double("abs_tol", default: 0)
            return .bool(a == b || Swift.abs(a - b) <= Swift.max(relative * Swift.max(Swift.abs(a), Swift.abs(b)), absolute))
        })
        return members.merging(makeMathSequenceMembers()) { first, _ in first }.merging(makeMathExtraMembers()) { first, _ in first }
    }

    /// `math.prod`, `factorial`, `gcd`: over sequences and exact integers.
    private func makeMathSequenceMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        members["prod"] = .builtin(Builtin("prod") { interpreter, arguments in
            var product: Value = .int(1)
            for item in try interpreter.iterate(arguments.positional.first ?? .list(ListStorage([]))) {
                product = try interpreter.binaryOperation(.multiply, product, item)
            }
            return product
        })
        members["factorial"] = .builtin(Builtin("factorial") { interpreter, arguments in
            let n = try interpreter.pythonInt(arguments.positional.first ?? .int(0))
            guard n >= 0 else { throw PythonError.valueError("factorial() not defined for negative values") }
            // log2(n!) ≈ n·log2(n/e): refuse what would pass the big-int width at once.
            if n > 20, Double(n) * Glibc.log2(Double(n) / 2.718281828459045) > Double(BigInt.maximumBits) {
                throw PythonError("MemoryError", "factorial(\(n)) would have more than \(BigInt.maximumBits) bits")
            }
            var result: Value = .int(1)
            for k in stride(from: Int64(2), through: n, by: 1) {
                if k & 0xFF == 0 { try interpreter.checkInterrupt() }
                result = try interpreter.binaryOperation(.multiply, result, .int(k))
            }
            return result
        })
        members["gcd"] = .builtin(Builtin("gcd") { interpreter, arguments in
            // Magnitudes, since abs(-2**63) does not fit in 64 bits.
            var a = try interpreter.pythonInt(arguments.positional.first ?? .int(0)).magnitude
            var b = try interpreter.pythonInt(arguments.positional.count > 1 ? arguments.positional[1] : .int(0)).magnitude
            while b != 0 { (a, b) = (b, a % b) }
            guard let result = Int64(exactly: a) else { throw PythonError.overflow("gcd() result does not fit in 64 bits") }
            return .int(result)
        })
        return members
    }
}

/// A nested member of a namespace, `torch.utils.data` as `member(torch, "utils", "data")`.
private func member(_ root: Namespace, _ path: String...) -> Value {
    var current: Value = .module(root)
    for name in path {
        guard case let .module(namespace) = current, let next = namespace.members[name] else { return .none }
        current = next
    }
    return current
}
