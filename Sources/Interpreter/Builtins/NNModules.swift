import Glibc
import Autograd
import TensorEngine

/// An `nn` layer implemented natively: `nn.Linear`, `nn.Softmax`, ...
class NNModule: NativeObject {
    let name: String
    var training = true
    /// Parameters in registration order (`weight`, then `bias`); each is an
    /// `nn.Parameter`, a leaf that requires grad.
    var parameters: [(name: String, tensor: Tensor)] = [] {
        didSet {
            for parameter in parameters where !parameter.tensor.isParameter {
                parameter.tensor.isParameter = true
                try? parameter.tensor.setRequiresGrad(true)
            }
        }
    }

    init(name: String) { self.name = name }

    var typeName: String { name }

    /// The text inside the parentheses of the repr, e.g. `dim=-1`.
    func extraRepr() -> String { "" }

    func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        throw PythonError.notImplemented("Module [\(name)] is missing the required \"forward\" function")
    }

    func repr() -> String { "\(name)(\(extraRepr()))" }

    func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value? {
        try forward(interpreter, arguments)
    }

    func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        if let parameter = parameters.first(where: { $0.name == attribute }) { return .tensor(parameter.tensor) }
        func method(_ body: @escaping Builtin.Body) -> Value { .builtin(Builtin(attribute, owner: name, body)) }
        switch attribute {
        case "training": return .bool(training)
        case "forward": return method { interpreter, arguments in try self.forward(interpreter, arguments) }
        case "eval": return method { _, _ in self.setTraining(false); return .native(self) }
        case "train": return method { interpreter, arguments in
            self.setTraining(try interpreter.truthy(arguments.positional.first ?? .bool(true)))
            return .native(self)
        }
        case "parameters": return method { _, _ in .list(ListStorage(self.allParameters().map { .tensor($0.tensor) })) }
        case "named_parameters": return method { _, _ in
            .list(ListStorage(self.allParameters().map { .tuple([.string($0.name), .tensor($0.tensor)]) }))
        }
        case "to", "cpu", "requires_grad_", "float": return method { _, _ in .native(self) }
        case "zero_grad": return method { _, _ in
            for parameter in self.allParameters() { parameter.tensor.grad = nil }
            return .none
        }
        default: return nil
        }
    }

    func setAttribute(_ attribute: String, _ value: Value) throws -> Bool {
        if let index = parameters.firstIndex(where: { $0.name == attribute }), case let .tensor(tensor) = value {
            parameters[index].tensor = tensor
            return true
        }
        return false
    }

    func setTraining(_ mode: Bool) { training = mode }

    func allParameters() -> [(name: String, tensor: Tensor)] { parameters }
}

/// `nn.Linear(in_features, out_features, bias=True)`, initialized exactly as PyTorch does.
final class LinearModule: NNModule {
    let inFeatures: Int
    let outFeatures: Int

    init(inFeatures: Int, outFeatures: Int, bias: Bool, dtype: DType) throws {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        super.init(name: "Linear")
        parameters = try defaultInitializedParameters(weightShape: [outFeatures, inFeatures], fanIn: inFeatures,
                                                      biasCount: bias ? outFeatures : nil, dtype: dtype)
    }

    override func extraRepr() -> String {
        "in_features=\(inFeatures), out_features=\(outFeatures), bias=\(parameters.count > 1 ? "True" : "False")"
    }

    override func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        switch attribute {
        case "in_features": return .int(Int64(inFeatures))
        case "out_features": return .int(Int64(outFeatures))
        case "bias" where parameters.count == 1: return Value.none
        default: return try super.attribute(attribute, interpreter: interpreter)
        }
    }

    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        let input = try arguments.bind("forward", ["input"]).tensor("input")
        return .tensor(try linear(input, weight: parameters[0].tensor, bias: parameters.count > 1 ? parameters[1].tensor : nil))
    }
}

/// `F.linear`: x @ W^T + b.
func linear(_ input: Tensor, weight: Tensor, bias: Tensor?) throws -> Tensor {
    guard input.dtype == weight.dtype else {
        throw TensorError.runtime("mat1 and mat2 must have the same dtype, but got \(input.dtype.scalarTypeName) and \(weight.dtype.scalarTypeName)")
    }
    return try Autodiff.linear(input, weight: weight, bias: bias)
}

/// A layer that applies one function of its input, configured by keyword arguments.
final class FunctionModule: NNModule {
    let description: String
    let body: (Interpreter, Tensor) throws -> Value

    init(name: String, description: String = "", body: @escaping (Interpreter, Tensor) throws -> Value) {
        self.description = description
        self.body = body
        super.init(name: name)
    }

    override func extraRepr() -> String { description }

    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        try body(interpreter, try arguments.bind("forward", ["input"]).tensor("input"))
    }
}

/// `nn.Sequential(*layers)`.
final class SequentialModule: NNModule {
    let layers: [Value]

    init(layers: [Value]) {
        self.layers = layers
        super.init(name: "Sequential")
    }

    override func repr() -> String {
        guard !layers.isEmpty else { return "Sequential()" }
        let lines = layers.enumerated().map { index, layer -> String in
            let text: String
            if case let .native(object) = layer { text = object.repr() } else { text = layer.typeName }
            return "  (\(index)): " + text.replacingOccurrences(of: "\n", with: "\n  ")
        }
        return "Sequential(\n" + lines.joined(separator: "\n") + "\n)"
    }

    override func setTraining(_ mode: Bool) {
        training = mode
        for case let .native(layer as NNModule) in layers { layer.setTraining(mode) }
    }

    override func allParameters() -> [(name: String, tensor: Tensor)] {
        layers.enumerated().flatMap { index, layer -> [(name: String, tensor: Tensor)] in
            guard case let .native(module as NNModule) = layer else { return [] }
            return module.allParameters().map { ("\(index).\($0.name)", $0.tensor) }
        }
    }

    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        var value = arguments.positional.first ?? .none
        for layer in layers { value = try interpreter.call(layer, CallArguments([value])) }
        return value
    }

    override func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        if attribute == "__getitem__" { return nil }
        return try super.attribute(attribute, interpreter: interpreter)
    }

    func iterate() throws -> [Value]? { layers }
}

extension Interpreter {
    func makeNNMembers() -> [String: Value] {
        var members: [String: Value] = ["Module": .native(ModuleBaseClass())]
        func define(_ name: String, _ body: @escaping Builtin.Body) {
            members[name] = .builtin(Builtin(name, body))
        }
        define("Linear") { _, arguments in
            let bound = try arguments.bind("Linear", ["in_features", "out_features", "bias", "device", "dtype"])
            let module = try LinearModule(inFeatures: try bound.int("in_features"), outFeatures: try bound.int("out_features"),
                                          bias: try bound.bool("bias", default: true), dtype: try bound.dtype("dtype") ?? defaultFloatDType)
            return .native(module)
        }
        for name in ["Softmax", "LogSoftmax", "Softmin"] {
            define(name) { _, arguments in
                let dim = try arguments.bind(name, ["dim"]).optionalInt("dim")
                let description = "dim=\(dim.map(String.init) ?? "None")"
                return .native(FunctionModule(name: name, description: description) { interpreter, input in
                    let functionName = name == "Softmax" ? "softmax" : (name == "LogSoftmax" ? "log_softmax" : "softmin")
                    let axis = try dim ?? interpreter.implicitSoftmaxDim(functionName, rank: input.rank)
                    switch name {
                    case "Softmax": return .tensor(try Autodiff.softmax(input, dim: axis))
                    case "LogSoftmax": return .tensor(try Autodiff.logSoftmax(input, dim: axis))
                    default: return .tensor(try Autodiff.unary(.negate, input).softmax(dim: axis))
                    }
                })
            }
        }
        define("Identity") { _, _ in .native(FunctionModule(name: "Identity") { _, input in .tensor(input) }) }
        define("Flatten") { _, arguments in
            let bound = try arguments.bind("Flatten", ["start_dim", "end_dim"])
            let start = try bound.int("start_dim", default: 1)
            let end = try bound.int("end_dim", default: -1)
            return .native(FunctionModule(name: "Flatten", description: "start_dim=\(start), end_dim=\(end)") { _, input in
                .tensor(try Autodiff.flatten(input, start, end))
            })
        }
        define("Dropout") { _, arguments in
            let bound = try arguments.bind("Dropout", ["p", "inplace"])
            let p = try bound.double("p", default: 0.5)
            guard p >= 0, p <= 1 else { throw PythonError.valueError("dropout probability has to be between 0 and 1, but got \(pythonFloatRepr(p))") }
            var module: FunctionModule!
            module = FunctionModule(name: "Dropout", description: "p=\(pythonFloatRepr(p)), inplace=False") { _, input in
                guard module.training else { return .tensor(input) }
                return .tensor(try Autodiff.dropout(input, p: p, generator: Generator.default))
            }
            return .native(module)
        }
        define("Sequential") { _, arguments in .native(SequentialModule(layers: arguments.positional)) }
        let functional = makeFunctionalMembers()
        for family in [activationModuleMembers(functional: functional), lossModuleMembers(functional: functional), normalizationModuleMembers(), layerModuleMembers()] {
            members.merge(family) { _, new in new }
        }
        return members
    }

    func makeInitMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        func define(_ name: String, _ parameters: [String], _ body: @escaping (Tensor, BoundArguments) throws -> Void) {
            members[name] = .builtin(Builtin(name) { _, arguments in
                let bound = try arguments.bind(name, parameters)
                let tensor = try bound.tensor("tensor")
                try body(tensor, bound)
                return .tensor(tensor)
            })
        }
        define("uniform_", ["tensor", "a", "b", "generator"]) { tensor, bound in
            try Generator.default.uniform_(tensor, from: try bound.double("a", default: 0), to: try bound.double("b", default: 1))
        }
        define("normal_", ["tensor", "mean", "std", "generator"]) { tensor, bound in
            try Generator.default.normal_(tensor, mean: try bound.double("mean", default: 0), std: try bound.double("std", default: 1))
        }
        define("zeros_", ["tensor"]) { tensor, _ in tensor.fill(.int(0)) }
        define("ones_", ["tensor"]) { tensor, _ in tensor.fill(.int(1)) }
        define("constant_", ["tensor", "val"]) { tensor, bound in tensor.fill(.float(try bound.double("val"))) }
        return members
    }

    /// PyTorch's legacy rule for softmax without `dim`, with its deprecation warning.
    func implicitSoftmaxDim(_ name: String, rank: Int) throws -> Int {
        warn("Implicit dimension choice for \(name) has been deprecated. Change the call to include dim=X as an argument.")
        return (rank == 0 || rank == 1 || rank == 3) ? 0 : 1
    }

    /// Attributes that `nn.Module` gives to instances of user subclasses.
    func nnModuleAttribute(_ instance: Instance, _ name: String) throws -> Value? {
        guard instance.classObject.lookup("__tensortutor_module__") != nil else { return nil }
        let receiver = Value.instance(instance)
        func method(_ body: @escaping Builtin.Body) -> Value { .builtin(Builtin(name, owner: instance.classObject.name, body)) }
        switch name {
        case "training": return .bool(true)
        case "eval", "train":
            return method { interpreter, arguments in
                let mode = name == "train" ? try interpreter.truthy(arguments.positional.first ?? .bool(true)) : false
                instance.set("training", .bool(mode))
                for key in instance.attributeOrder {
                    if case let .native(module as NNModule)? = instance.attributes[key] { module.setTraining(mode) }
                }
                return receiver
            }
        case "to", "cpu", "float", "requires_grad_": return method { _, _ in receiver }
        case "zero_grad":
            return method { interpreter, _ in
                for (_, parameter) in interpreter.namedModuleParameters(instance) { parameter.grad = nil }
                return .none
            }
        case "parameters":
            return method { interpreter, _ in
                .list(ListStorage(interpreter.namedModuleParameters(instance).map { .tensor($0.tensor) }))
            }
        case "named_parameters":
            return method { interpreter, _ in
                .list(ListStorage(interpreter.namedModuleParameters(instance).map { .tuple([.string($0.name), .tensor($0.tensor)]) }))
            }
        default: return nil
        }
    }

    /// Every Parameter of a user module, its own and its submodules', named by path and
    /// each listed once, in registration order (as `named_parameters()`).
    func namedModuleParameters(_ instance: Instance) -> [(name: String, tensor: Tensor)] {
        var seen = Set<ObjectIdentifier>()
        var result: [(name: String, tensor: Tensor)] = []
        func add(_ name: String, _ tensor: Tensor) {
            if seen.insert(ObjectIdentifier(tensor)).inserted { result.append((name, tensor)) }
        }
        func walk(_ instance: Instance, prefix: String) {
            for key in instance.attributeOrder {
                switch instance.attributes[key] {
                case let .tensor(tensor)? where tensor.isParameter: add(prefix + key, tensor)
                case let .native(module as NNModule)?:
                    for parameter in module.allParameters() { add(prefix + key + "." + parameter.name, parameter.tensor) }
                case let .instance(child)? where child.classObject.lookup("__tensortutor_module__") != nil:
                    walk(child, prefix: prefix + key + ".")
                case let .list(list)?:
                    for (index, item) in list.items.enumerated() {
                        if case let .native(module as NNModule) = item {
                            for parameter in module.allParameters() { add("\(prefix)\(key).\(index).\(parameter.name)", parameter.tensor) }
                        } else if case let .instance(child) = item, child.classObject.lookup("__tensortutor_module__") != nil {
                            walk(child, prefix: "\(prefix)\(key).\(index).")
                        }
                    }
                default: break
                }
            }
        }
        walk(instance, prefix: "")
        return result
    }

    func nnModuleRepr(_ instance: Instance) throws -> String? {
        guard instance.classObject.lookup("__tensortutor_module__") != nil else { return nil }
        var lines: [String] = []
        for key in instance.attributeOrder {
            if case let .native(module as NNModule)? = instance.attributes[key] {
                lines.append("  (\(key)): " + module.repr().replacingOccurrences(of: "\n", with: "\n  "))
            }
        }
        if lines.isEmpty { return "\(instance.classObject.name)()" }
        return "\(instance.classObject.name)(\n" + lines.joined(separator: "\n") + "\n)"
    }

    func makeFunctionalMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        for name in ["softmax", "log_softmax", "softmin"] {
            members[name] = .builtin(Builtin(name) { interpreter, arguments in
                let bound = try arguments.bind(name, ["input", "dim", "_stacklevel", "dtype"])
                let input = try bound.tensor("input")
                let dim = try bound.optionalInt("dim") ?? interpreter.implicitSoftmaxDim(name, rank: input.rank)
                let dtype = try bound.dtype("dtype")
                switch name {
                case "softmax": return .tensor(try Autodiff.softmax(input, dim: dim, dtype: dtype))
                case "log_softmax": return .tensor(try Autodiff.logSoftmax(input, dim: dim, dtype: dtype))
                default: return .tensor(try Autodiff.unary(.negate, input).softmax(dim: dim, dtype: dtype))
                }
            })
        }
        members["linear"] = .builtin(Builtin("linear") { _, arguments in
            let bound = try arguments.bind("linear", ["input", "weight", "bias"])
            return .tensor(try linear(try bound.tensor("input"), weight: try bound.tensor("weight"), bias: try bound.optionalTensor("bias")))
        })
        for (name, member) in extraFunctionalMembers() { members[name] = member }
        return members
    }

    /// Functional families added in other files (losses, attention, ...).
    func extraFunctionalMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        for family in [functionalActivationMembers(), functionalLossMembers(), functionalMiscMembers(), functionalLayerMembers()] {
            members.merge(family) { _, new in new }
        }
        return members
    }
}
