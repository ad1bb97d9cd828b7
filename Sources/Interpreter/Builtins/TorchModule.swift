import Glibc
import Autograd
import Ops
import TensorEngine

/// The `torch` namespace: factories, random functions, dtypes, and every tensor
/// method that PyTorch also offers as `torch.name(input, ...)`.
extension Interpreter {
    func makeTorchModule(nn: Value, functional: Value) -> Namespace {
        let torch = Namespace(name: "torch")
        func define(_ name: String, _ body: @escaping Builtin.Body) {
            torch.members[name] = .builtin(Builtin(name, body))
        }
        // In-place methods are torch functions only where the table declares it (`torch.clamp_`).
        for (name, method) in tensorMethods where !name.hasSuffix("_") || OpTable.byQualifiedName["torch." + name] != nil {
            define(name) { interpreter, arguments in
                var arguments = arguments
                var input: Value
                if let index = arguments.keywords.firstIndex(where: { $0.name == "input" }) {
                    input = arguments.keywords.remove(at: index).value
                } else if !arguments.positional.isEmpty {
                    input = arguments.positional.removeFirst()
                } else {
                    throw PythonError.typeError("\(name)() missing 1 required positional arguments: \"input\"")
                }
                if name == "where", case .tensor = input {
                    // torch.where(condition, x, y) differs from x.where(condition, y).
                    guard arguments.positional.count == 2 else {
                        if arguments.positional.isEmpty, case let .tensor(condition) = input {
                            return try interpreter.call(try interpreter.tensorAttribute(condition, "nonzero"), CallArguments(keywords: [("as_tuple", .bool(true))]))
                        }
                        throw PythonError.typeError("where() takes 3 positional arguments")
                    }
                    guard case let .tensor(condition) = input else { throw PythonError.typeError("where(): condition must be a Tensor") }
                    let (a, b) = try Interpreter.whereOperands(arguments.positional[0], arguments.positional[1])
                    return .tensor(try Autodiff.whereSelect(condition, a, b))
                }
                if name == "max" || name == "min", case .tensor = input, case .tensor? = arguments.positional.first {
                    return try method(interpreter, try interpreter.tensorArgument(input, function: name), arguments)
                }
                return try method(interpreter, try interpreter.tensorArgument(input, function: name), arguments)
            }
        }
        for entry in OpTable.all where entry.implementation != nil {
            for qualifiedName in entry.qualifiedNames where qualifiedName.hasPrefix("torch.") && qualifiedName.split(separator: ".").count == 2 {
                let name = String(qualifiedName.dropFirst("torch.".count))
                // An alias is its own native function in PyTorch: its errors name it (`concat()`).
                let nativeName = name == entry.name ? nil : name
                let inPlace = entry.isInPlace(as: qualifiedName)
                define(name) { interpreter, arguments in
                    try interpreter.callOp(entry, receiver: nil, inPlace: inPlace, nativeName: nativeName, arguments)
                }
            }
        }
        for dtype in DType.allCases { torch.members[dtype.rawValue] = .dtype(dtype) }
        for (alias, dtype) in [("float", DType.float32), ("double", .float64), ("long", .int64), ("int", .int32), ("short", .int16), ("half", .float16)] {
            torch.members[alias] = .dtype(dtype)
        }
        defineSubmodules(torch, nn: nn)
        torch.members["pi"] = .float(Double.pi)
        torch.members["strided"] = .native(TensorLayout.strided)
        torch.members["e"] = .float(M_E)
        torch.members["inf"] = .float(.infinity)
        torch.members["nan"] = .float(.nan)
        torch.members["Tensor"] = .native(tensorType)
        torch.members["from_numpy"] = stdlibFunction("from_numpy", torchFromNumPy)
        torch.members["__version__"] = .string("2.15.0 (TensorTutor engine)")
        defineHandBoundFunctions(define)
        torch.members["default_generator"] = .native(GeneratorObject(Generator.default))
        torch.members["random"] = .module(Namespace(name: "torch.random", members: torch.members.filter {
            ["manual_seed", "seed", "initial_seed", "get_rng_state", "set_rng_state", "default_generator"].contains($0.key)
        }))
        defineLegacyConstructors(torch)
        torch.members["special"] = .module(makeSpecialNamespace(torch: torch))
        torch.members["linalg"] = .module(makeLinalgNamespace())
        torch.members["distributions"] = .module(makeDistributionsNamespace())
        torch.members.merge(distanceTorchMembers()) { _, distance in distance }
        torch.members.merge(functionalAliasMembers(functional)) { existing, _ in existing }
        return torch
    }

    /// The `torch` functions bound by hand, not from the op table. They are defined after the
    /// table's, so a name here would hide an entry's implementation.
    func defineHandBoundFunctions(_ define: (String, @escaping Builtin.Body) -> Void) {
        defineFactories(define)
        defineRandomFunctions(define)
        defineJoinsAndMisc(define)
        defineShapeHelpers(define)
    }

    /// The names `defineHandBoundFunctions` defines, for the check that the table and the
    /// hand bindings do not both claim a function.
    var handBoundFunctionNames: Set<String> {
        var names: Set<String> = []
        defineHandBoundFunctions { name, _ in names.insert(name) }
        return names
    }

    /// `torch.nn`, `torch.autograd`, `torch.optim`, `torch.utils.data`, `torch.jit`, `torch.fx`.
    private func defineSubmodules(_ torch: Namespace, nn: Value) {
        torch.members["nn"] = nn
        let autograd = makeAutogradNamespace()
        torch.members["autograd"] = .module(autograd)
        let optim = Namespace(name: "torch.optim", members: makeOptimMembers())
        optim.members["lr_scheduler"] = .module(Namespace(name: "torch.optim.lr_scheduler", members: makeSchedulerMembers()))
        torch.members["optim"] = .module(optim)
        let data = Namespace(name: "torch.utils.data", members: makeDataMembers())
        data.members["dataloader"] = .module(Namespace(name: "torch.utils.data.dataloader", members: ["DataLoader": data.members["DataLoader"] ?? .none]))
        data.members["sampler"] = .module(Namespace(name: "torch.utils.data.sampler", members: data.members.filter { $0.key.hasSuffix("Sampler") }))
        torch.members["jit"] = .module(makeJitNamespace())
        torch.members["fx"] = .module(makeFXNamespace())
        torch.members["distributed"] = .module(makeDistributedNamespace())
        torch.members["cuda"] = .module(makeCudaNamespace())
        torch.members["backends"] = .module(makeBackendsNamespace())
        torch.members.merge(makeAmpMembers()) { _, new in new }
        torch.members.merge(makeForeachMembers()) { existing, _ in existing }
        torch.members["utils"] = .module(Namespace(name: "torch.utils", members: ["data": .module(data)]))
    }

    private func defineJoinsAndMisc(_ define: (String, @escaping Builtin.Body) -> Void) {
        defineTypeQueries(define)
        defineModeSwitches(define)
        // `torch._assert(condition, message)`, the traceable assert timm's PatchEmbed uses:
        // `assert condition, message`.
        define("_assert") { interpreter, arguments in
            let bound = try arguments.bind("_assert", ["condition", "message"])
            if try !interpreter.truthy(try bound.value("condition")) {
                throw PythonError("AssertionError", try interpreter.str(try bound.value("message")))
            }
            return .none
        }
        definePrintingAndComparison(define)
        defineTensordot(define)
    }

    /// `is_tensor`, `numel`, `result_type`, `finfo`, ...: questions about tensors and dtypes.
    private func defineTypeQueries(_ define: (String, @escaping Builtin.Body) -> Void) {
        define("is_tensor") { _, arguments in
            if case .tensor? = arguments.positional.first { return .bool(true) }
            return .bool(false)
        }
        define("typename") { interpreter, arguments in
            .string(try interpreter.torchTypename(try arguments.bind("typename", ["obj"]).value("obj")))
        }
        define("is_floating_point") { _, arguments in
            guard case let .tensor(tensor)? = arguments.positional.first else { throw PythonError.typeError("is_floating_point(): argument 'input' must be Tensor") }
            return .bool(tensor.dtype.isFloatingPoint)
        }
        define("numel") { _, arguments in
            guard case let .tensor(tensor)? = arguments.positional.first else { throw PythonError.typeError("numel(): argument 'input' must be Tensor") }
            return .int(Int64(tensor.count))
        }
    }

    /// Grad mode, threads, devices and the default dtype: session-wide switches.
    private func defineModeSwitches(_ define: (String, @escaping Builtin.Body) -> Void) {
        define("no_grad") { _, _ in .native(GradModeContext(enabled: false)) }
        define("enable_grad") { _, _ in .native(GradModeContext(enabled: true)) }
        define("inference_mode") { _, _ in .native(GradModeContext(enabled: false)) }
        define("set_grad_enabled") { interpreter, arguments in
            // A call sets the mode at once; used in `with`, it is restored on exit.
            let enabled = try interpreter.truthy(arguments.positional.first ?? .bool(true))
            let context = GradModeContext(enabled: enabled, previous: interpreter.gradEnabled)
            interpreter.gradEnabled = enabled
            return .native(context)
        }
        define("is_grad_enabled") { interpreter, _ in .bool(interpreter.gradEnabled) }
        define("get_num_threads") { interpreter, _ in .int(Int64(interpreter.threadCount)) }
        define("set_num_threads") { interpreter, arguments in
            let bound = try arguments.bind("set_num_threads", ["int"])
            let given = try bound.value("int")
            guard case let .int(count) = given else {
                throw PythonError("RuntimeError", "set_num_threads expects an int, but got \(given.typeName)")
            }
            guard count > 0, count <= Int64(Int32.max) else {
                throw PythonError("RuntimeError", "set_num_threads expects a positive integer")
            }
            interpreter.threadCount = Int(count)
            return .none
        }
        define("device") { _, arguments in
            guard case let .string(name)? = arguments.positional.first else { return .native(Device("cpu")) }
            return .native(Device(String(name.prefix { $0 != ":" })))
        }
        define("Size") { interpreter, arguments in
            .size(try interpreter.iterate(arguments.positional.first ?? .tuple([])).map { try interpreter.pythonIntValue($0) })
        }
        define("get_default_dtype") { _, _ in .dtype(defaultFloatDType) }
        define("set_default_dtype") { _, arguments in
            if case .dtype(.float32)? = arguments.positional.first { return .none }
            throw PythonError("NotImplementedError", "TensorTutor keeps float32 as the default dtype")
        }
    }

    /// `set_printoptions`, and `allclose`, `isclose`, `equal`, `result_type`, `promote_types`,
    /// `can_cast`, `finfo`, `iinfo`.
    private func definePrintingAndComparison(_ define: (String, @escaping Builtin.Body) -> Void) {
        define("set_printoptions") { _, arguments in
            let bound = try arguments.bind("set_printoptions", ["precision", "threshold", "edgeitems", "linewidth", "profile", "sci_mode"])
            var options = PrintOptions.current
            if let profile = bound.optional("profile"), case let .string(name) = profile, let preset = PrintOptions(profile: name) { options = preset }
            // Options are clamped to sizes printing can honour: a precision of 2**62 digits or
            // 2**62 edge items would overflow the layout arithmetic, not print anything useful.
            if let precision = try bound.optionalInt("precision") { options.precision = Swift.min(Swift.max(precision, 0), 1000) }
            if let threshold = bound.optional("threshold") {
                let value = try toDouble(threshold, function: "set_printoptions", argument: "threshold")
                options.threshold = value.isInfinite ? Int.max : Int(saturatingInt64(value))
            }
            if let edgeItems = try bound.optionalInt("edgeitems") { options.edgeItems = Swift.min(Swift.max(edgeItems, 0), 1 << 40) }
            if let lineWidth = try bound.optionalInt("linewidth") { options.lineWidth = Swift.min(Swift.max(lineWidth, -(1 << 40)), 1 << 40) }
            options.sciMode = bound.has("sci_mode") ? try bound.bool("sci_mode", default: false) : nil
            PrintOptions.current = options
            return .none
        }
        define("allclose") { interpreter, arguments in
            let close = try interpreter.closeness(arguments, name: "allclose")
            return .bool(!close.bools().contains(false))
        }
        define("isclose") { interpreter, arguments in .tensor(try interpreter.closeness(arguments, name: "isclose")) }
        define("equal") { _, arguments in
            let bound = try arguments.bind("equal", ["input", "other"])
            let a = try bound.tensor("input")
            let b = try bound.tensor("other")
            guard a.shape == b.shape else { return .bool(false) }
            return .bool(!(try Autodiff.binary(.equal, .tensor(a), .tensor(b)).bools().contains(false)))
        }
        define("result_type") { _, arguments in
            let bound = try arguments.bind("result_type", ["tensor1", "tensor2"])
            return .dtype(resultType(try bound.operand("tensor1"), try bound.operand("tensor2")))
        }
        define("promote_types") { _, arguments in
            let bound = try arguments.bind("promote_types", ["type1", "type2"])
            guard let a = try bound.dtype("type1"), let b = try bound.dtype("type2") else { throw PythonError.typeError("promote_types(): expected dtypes") }
            return .dtype(DType.promote(a, b))
        }
        define("can_cast") { _, arguments in
            let bound = try arguments.bind("can_cast", ["from_", "to"])
            guard let a = try bound.dtype("from_"), let b = try bound.dtype("to") else { throw PythonError.typeError("can_cast(): expected dtypes") }
            return .bool(canCast(from: a, to: b))
        }
        define("finfo") { _, arguments in
            let dtype: DType
            if case let .dtype(given)? = arguments.positional.first { dtype = given } else { dtype = defaultFloatDType }
            guard dtype.isFloatingPoint else { throw PythonError.typeError("torch.finfo() requires a floating point input type.") }
            return .native(FloatInfo(dtype))
        }
        define("iinfo") { _, arguments in
            guard case let .dtype(dtype)? = arguments.positional.first, dtype.isIntegral else {
                throw PythonError.typeError("torch.iinfo() requires an integer input type.")
            }
            return .native(IntegerInfo(dtype))
        }
    }

    func closeness(_ arguments: CallArguments, name: String) throws -> Tensor {
        let bound = try arguments.bind(name, ["input", "other", "rtol", "atol", "equal_nan"])
        let a = try bound.tensor("input")
        let b = try bound.tensor("other")
        let relative = try bound.double("rtol", default: 1e-5)
        let absolute = try bound.double("atol", default: 1e-8)
        let equalNaN = try bound.bool("equal_nan", default: false)
        let shape = try broadcastShapes(a.shape, b.shape)
        let left = try Autodiff.expand(a, shape).doubles()
        let right = try Autodiff.expand(b, shape).doubles()
        let flags = zip(left, right).map { x, y -> Bool in
            if x.isNaN || y.isNaN { return equalNaN && x.isNaN && y.isNaN }
            if x == y { return true }
            return Swift.abs(x - y) <= absolute + relative * Swift.abs(y)
        }
        return try Tensor(values: flags, shape: shape)
    }
}

/// `torch.Tensor`, for `isinstance(x, torch.Tensor)`.
final class TensorTypeObject: NativeObject {
    /// Methods a program assigned to the class (`torch.Tensor.cuda = lambda self: self`, as
    /// single-process drivers stub out device moves); every tensor then finds them first.
    var patchedMethods: [String: Value] = [:]

    var typeName: String { "type" }
    func setAttribute(_ name: String, _ value: Value) throws -> Bool {
        patchedMethods[name] = value
        return true
    }
    /// `torch.Tensor([1, 2])` builds a float32 tensor; `torch.Tensor(2, 3)` an uninitialized one.
    func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value? {
        try interpreter.legacyConstruct(arguments, dtype: defaultFloatDType, name: "Tensor")
    }
    func repr() -> String { "<class 'torch.Tensor'>" }
    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        if let patched = patchedMethods[name] { return patched }
        return name == "__name__" ? .string("Tensor") : nil
    }
}

/// `torch.finfo(dtype)`.
final class FloatInfo: NativeObject {
    let dtype: DType
    init(_ dtype: DType) { self.dtype = dtype }
    var typeName: String { "finfo" }
    func repr() -> String { "finfo(dtype=\(dtype.rawValue))" }
    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        // torch.finfo only accepts floating dtypes, which all have limits.
        guard let limits = dtype.floatLimits else { return nil }
        switch name {
        case "eps": return .float(limits.eps)
        case "max": return .float(limits.max)
        case "min": return .float(-limits.max)
        case "tiny", "smallest_normal": return .float(limits.tiny)
        case "bits": return .int(Int64(dtype.itemSize * 8))
        case "dtype": return .string(dtype.rawValue)
        default: return nil
        }
    }
}

/// `torch.iinfo(dtype)`.
final class IntegerInfo: NativeObject {
    let dtype: DType
    init(_ dtype: DType) { self.dtype = dtype }
    var typeName: String { "iinfo" }
    func repr() -> String { "iinfo(type=\(dtype.rawValue))" }
    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        let bits = dtype.itemSize * 8
        switch name {
        case "bits": return .int(Int64(bits))
        case "max": return .int(dtype == .uint8 ? 255 : (bits == 64 ? Int64.max : (Int64(1) << (bits - 1)) - 1))
        case "min": return .int(dtype == .uint8 ? 0 : (bits == 64 ? Int64.min : -(Int64(1) << (bits - 1))))
        default: return nil
        }
    }
}
