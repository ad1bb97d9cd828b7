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
        for (name, method) in tensorMethods where !name.hasSuffix("_") || name == "relu_" {
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
                if name == "pow", !input.isTensorValue, let exponent = arguments.positional.first ?? arguments.keywords.first(where: { $0.name == "exponent" })?.value,
                   case .tensor = exponent {
                    // pow(Scalar self, Tensor exponent): the base stays a number (PowBackward2).
                    return .tensor(try Autodiff.binary(.power, try toOperand(input, function: "pow"), try toOperand(exponent, function: "pow")))
                }
                return try method(interpreter, try interpreter.tensorArgument(input, function: name), arguments)
            }
        }
        for entry in OpTable.all where entry.implementation != nil {
            for qualifiedName in entry.qualifiedNames where qualifiedName.hasPrefix("torch.") && qualifiedName.split(separator: ".").count == 2 {
                define(String(qualifiedName.dropFirst("torch.".count))) { interpreter, arguments in
                    try interpreter.callOp(entry, receiver: nil, arguments)
                }
            }
        }
        for dtype in DType.allCases { torch.members[dtype.rawValue] = .dtype(dtype) }
        for (alias, dtype) in [("float", DType.float32), ("double", .float64), ("long", .int64), ("int", .int32), ("short", .int16), ("half", .float16)] {
            torch.members[alias] = .dtype(dtype)
        }
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
        torch.members["utils"] = .module(Namespace(name: "torch.utils", members: ["data": .module(data)]))
        torch.members["pi"] = .float(Double.pi)
        torch.members["e"] = .float(M_E)
        torch.members["inf"] = .float(.infinity)
        torch.members["nan"] = .float(.nan)
        torch.members["Tensor"] = .native(TensorTypeObject())
        torch.members["from_numpy"] = stdlibFunction("from_numpy", torchFromNumPy)
        torch.members["__version__"] = .string("2.15.0 (TensorTutor engine)")
        defineFactories(define)
        defineRandomFunctions(define)
        defineJoinsAndMisc(define)
        defineShapeHelpers(define)
        defineLegacyConstructors(torch)
        torch.members["special"] = .module(makeSpecialNamespace(torch: torch))
        torch.members["linalg"] = .module(makeLinalgNamespace())
        torch.members["distributions"] = .module(makeDistributionsNamespace())
        torch.members.merge(distanceTorchMembers()) { _, distance in distance }
        return torch
    }

    private func defineFactories(_ define: (String, @escaping Builtin.Body) -> Void) {
        define("tensor") { interpreter, arguments in
            let bound = try arguments.bind("tensor", ["data", "*", "dtype", "device", "requires_grad", "pin_memory"])
            let data = try bound.value("data")
            if case let .tensor(tensor) = data {
                interpreter.warn("To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() or sourceTensor.detach().clone().requires_grad_(True), rather than torch.tensor(sourceTensor).")
                return .tensor(try Autodiff.clone(tensor).to(try bound.dtype("dtype") ?? tensor.dtype))
            }
            if case let .native(array as NDArray) = data { return .tensor(try array.tensor.contiguousCopy().to(try bound.dtype("dtype") ?? array.tensor.dtype)) }
            return .tensor(try interpreter.tensorFromNested(data, dtype: try bound.dtype("dtype")))
        }
        define("as_tensor") { interpreter, arguments in
            let bound = try arguments.bind("as_tensor", ["data", "dtype", "device"])
            if case let .tensor(tensor) = try bound.value("data") { return .tensor(try Autodiff.to(tensor, try bound.dtype("dtype") ?? tensor.dtype)) }
            if case let .native(array as NDArray) = try bound.value("data") { return .tensor(try array.tensor.detach().to(try bound.dtype("dtype") ?? array.tensor.dtype)) }
            return .tensor(try interpreter.tensorFromNested(try bound.value("data"), dtype: try bound.dtype("dtype")))
        }
        define("arange") { _, arguments in
            let bound = try arguments.bind("arange", ["start", "end", "step", "*", "dtype", "device", "requires_grad"])
            func scalar(_ name: String) throws -> Scalar? {
                guard let value = bound.optional(name) else { return nil }
                switch value {
                case let .int(number): return .int(number)
                case let .float(number): return .float(number)
                case let .bool(flag): return .int(flag ? 1 : 0)
                case let .tensor(tensor) where tensor.count == 1: return try tensor.item()
                case let .native(big as BigIntObject): return .float(Double(try unsignedScalar(big.value)))
                default: throw PythonError.typeError("arange(): argument '\(name)' must be Number, not \(value.typeName)")
                }
            }
            var start = try scalar("start") ?? .int(0)
            var end = try scalar("end")
            if end == nil { end = start; start = .int(0) }
            // A big int is an unsigned 64-bit scalar, which an integer arange (all other
            // bounds ints, no float dtype) must convert to int64 and cannot.
            let bounds = ["start", "end", "step"].compactMap { bound.optional($0) }
            if bounds.contains(where: \.isBigInt), !bounds.contains(where: { if case .float = $0 { true } else { false } }),
               try bound.dtype("dtype")?.isFloatingPoint != true {
                throw PythonError.runtimeError("value cannot be converted to type int64_t without overflow")
            }
            return .tensor(try Factory.arange(start: start, end: end ?? .int(0), step: try scalar("step") ?? .int(1), dtype: try bound.dtype("dtype")))
        }
        define("linspace") { _, arguments in
            let bound = try arguments.bind("linspace", ["start", "end", "steps", "*", "dtype", "device", "requires_grad"])
            // linspace has a Tensor and a Number overload, so a missing `steps` is no one
            // overload's error.
            guard bound.has("steps") else { throw arguments.invalidCombination("linspace") }
            return .tensor(try Factory.linspace(start: try bound.double("start"), end: try bound.double("end"), steps: try bound.int("steps"), dtype: try bound.dtype("dtype")))
        }
        for (name, fill) in [("zeros", Scalar.int(0)), ("ones", Scalar.int(1)), ("empty", Scalar.int(0))] {
            define(name) { _, arguments in
                let bound = try arguments.bind(name, ["size", "*", "dtype", "device", "requires_grad", "layout", "out", "pin_memory", "memory_format"], variadic: true)
                if name == "zeros", try bound.shape("size").contains(where: { $0 < 0 }) {
                    throw PythonError.runtimeError("zeros: Dimension size must be non-negative.")
                }
                return .tensor(try Factory.full(shape: try bound.shape("size"), value: fill, dtype: try bound.dtype("dtype") ?? defaultFloatDType))
            }
            define(name + "_like") { _, arguments in
                let bound = try arguments.bind(name + "_like", ["input", "*", "dtype", "device", "requires_grad", "layout", "memory_format"])
                let input = try bound.tensor("input")
                return .tensor(try Factory.full(shape: input.shape, value: fill, dtype: try bound.dtype("dtype") ?? input.dtype))
            }
        }
        define("full") { _, arguments in
            let bound = try arguments.bind("full", ["size", "fill_value", "*", "dtype", "device", "requires_grad"])
            let dtype = try bound.dtype("dtype")
            // A big int infers int64, which cannot hold it: PyTorch's overflow error.
            guard case let .scalar(value) = try bound.fillOperand("fill_value", dtype: dtype ?? .int64) else {
                throw PythonError.typeError("full(): argument 'fill_value' must be Number")
            }
            return .tensor(try Factory.full(shape: try bound.shape("size"), value: value, dtype: dtype))
        }
        define("full_like") { _, arguments in
            let bound = try arguments.bind("full_like", ["input", "fill_value", "*", "dtype", "device", "requires_grad"])
            let input = try bound.tensor("input")
            let dtype = try bound.dtype("dtype") ?? input.dtype
            guard case let .scalar(value) = try bound.fillOperand("fill_value", dtype: dtype) else {
                throw PythonError.typeError("full_like(): argument 'fill_value' must be Number")
            }
            return .tensor(try Factory.full(shape: input.shape, value: value, dtype: dtype))
        }
        define("eye") { _, arguments in
            let bound = try arguments.bind("eye", ["n", "m", "*", "dtype", "device", "requires_grad"])
            return .tensor(try Factory.eye(rows: try bound.int("n"), columns: try bound.optionalInt("m"), dtype: try bound.dtype("dtype")))
        }
        define("meshgrid") { interpreter, arguments in
            let bound = try arguments.bind("meshgrid", ["tensors", "*", "indexing"], variadic: true)
            var items: [Value] = []
            if let first = bound.values["tensors"] { items.append(first) }
            items += bound.extra
            if items.count == 1, case .tensor = items[0] {} else if items.count == 1 { items = try interpreter.iterate(items[0]) }
            let tensors = try items.map { try interpreter.tensorArgument($0, function: "meshgrid") }
            var indexing = "ij"
            if let value = bound.optional("indexing") {
                guard case let .string(text) = value else { throw PythonError.typeError("meshgrid(): indexing must be str") }
                indexing = text
            } else if tensors.count > 1 {
                interpreter.warn("torch.meshgrid: in an upcoming release, it will be required to pass the indexing argument.")
            }
            return .tuple(try Factory.meshgrid(tensors, indexing: indexing).map { .tensor($0) })
        }
    }

    private func defineJoinsAndMisc(_ define: (String, @escaping Builtin.Body) -> Void) {
        for name in ["cat", "concat", "concatenate"] {
            define(name) { interpreter, arguments in
                let bound = try arguments.bind(name, ["tensors", "dim", "*", "axis", "out"])
                let tensors = try interpreter.iterate(try bound.value("tensors")).map { try interpreter.tensorArgument($0, function: name) }
                let dim = try bound.optionalInt("axis") ?? bound.int("dim", default: 0)
                return .tensor(try Autodiff.concatenate(tensors, dim: dim))
            }
        }
        define("stack") { interpreter, arguments in
            let bound = try arguments.bind("stack", ["tensors", "dim", "*", "out"])
            let tensors = try interpreter.iterate(try bound.value("tensors")).map { try interpreter.tensorArgument($0, function: "stack") }
            return .tensor(try Autodiff.stack(tensors, dim: try bound.int("dim", default: 0)))
        }
        for (name, dim) in [("hstack", 1), ("vstack", 0), ("column_stack", 1)] {
            define(name) { interpreter, arguments in
                let tensors = try interpreter.iterate(try arguments.bind(name, ["tensors"]).value("tensors")).map { try interpreter.tensorArgument($0, function: name) }
                let lifted = try tensors.map { tensor -> Tensor in
                    if name == "vstack" && tensor.rank < 2 { return try Autodiff.reshape(tensor, [1, -1]) }
                    if name == "column_stack" && tensor.rank < 2 { return try Autodiff.reshape(tensor, [-1, 1]) }
                    return tensor
                }
                let axis = name == "hstack" && (lifted.first?.rank ?? 1) == 1 ? 0 : dim
                return .tensor(try Autodiff.concatenate(lifted, dim: axis))
            }
        }
        define("einsum") { interpreter, arguments in
            guard case let .string(equation)? = arguments.positional.first else {
                throw PythonError.typeError("einsum(): argument 'equation' must be str")
            }
            var operands = Array(arguments.positional.dropFirst())
            if operands.count == 1, case .tensor = operands[0] {} else if operands.count == 1 { operands = try interpreter.iterate(operands[0]) }
            return .tensor(try Autodiff.einsum(equation, try operands.map { try interpreter.tensorArgument($0, function: "einsum") }))
        }
        define("is_tensor") { _, arguments in
            if case .tensor? = arguments.positional.first { return .bool(true) }
            return .bool(false)
        }
        define("is_floating_point") { _, arguments in
            guard case let .tensor(tensor)? = arguments.positional.first else { throw PythonError.typeError("is_floating_point(): argument 'input' must be Tensor") }
            return .bool(tensor.dtype.isFloatingPoint)
        }
        define("numel") { _, arguments in
            guard case let .tensor(tensor)? = arguments.positional.first else { throw PythonError.typeError("numel(): argument 'input' must be Tensor") }
            return .int(Int64(tensor.count))
        }
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
    var typeName: String { "type" }
    /// `torch.Tensor([1, 2])` builds a float32 tensor; `torch.Tensor(2, 3)` an uninitialized one.
    func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value? {
        try interpreter.legacyConstruct(arguments, dtype: defaultFloatDType, name: "Tensor")
    }
    func repr() -> String { "<class 'torch.Tensor'>" }
    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        name == "__name__" ? .string("Tensor") : nil
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
