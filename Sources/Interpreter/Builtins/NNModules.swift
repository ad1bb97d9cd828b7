import Glibc
import Autograd
import Ops
import TensorEngine

/// An `nn` layer implemented natively: `nn.Linear`, `nn.Softmax`, ... Its parameters,
/// buffers, children and training flag live in `registry`, as a user module's do, so
/// the module-tree methods (`named_parameters`, `state_dict`, `eval`, ...) treat both alike.
class NNModule: NativeObject {
    let name: String
    let registry = ModuleRegistry()

    /// The `nn` classes this module is an instance of: its own, and the built-in class a
    /// subclass extends (`NonDynamicallyQuantizableLinear` is an `nn.Linear`).
    var classNames: [String] { [name] }

    var training: Bool {
        get { registry.training }
        set { registry.training = newValue }
    }

    /// Parameters in registration order (`weight`, then `bias`); each is an
    /// `nn.Parameter`, a leaf that requires grad.
    var parameters: [(name: String, tensor: Tensor)] {
        get { registry.parameters.entries.compactMap { entry in entry.item.map { (entry.name, $0) } } }
        set {
            registry.parameters.removeAll()
            for parameter in newValue {
                if !parameter.tensor.isParameter {
                    parameter.tensor.isParameter = true
                    try? parameter.tensor.setRequiresGrad(true)
                }
                registry.parameters.set(parameter.name, parameter.tensor)
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

    /// The repr without an interpreter at hand; `Interpreter.moduleRepr` prints children too.
    func repr() -> String { "\(name)(\(extraRepr()))" }

    /// The full nested repr of `module` (this layer, or a user subclass instance built on
    /// it); containers with their own layout override it.
    func repr(_ interpreter: Interpreter, as module: Value) throws -> String { try interpreter.genericModuleRepr(module) }

    /// Declared here, not only in the protocol extension, so that containers can override it.
    func iterate() throws -> [Value]? { nil }

    func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value? {
        try interpreter.callModule(.native(self), registry, arguments) { try self.forward(interpreter, $0) }
    }

    func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        if let value = registry.lookup(attribute) ?? registry.plainAttributes[attribute] { return value }
        if attribute == "forward" {
            return .builtin(Builtin(attribute, owner: name) { interpreter, arguments in try self.forward(interpreter, arguments) })
        }
        return try interpreter.moduleMethod(.native(self), registry, attribute)
    }

    func setAttribute(_ attribute: String, _ value: Value) throws -> Bool {
        if try !registry.assign(attribute, value) { registry.plainAttributes[attribute] = value }
        return true
    }

    /// A new layer of the same kind and configuration, for `copy.deepcopy`; its registry
    /// is filled afterwards. Nil for layers that do not know how to copy themselves yet.
    func makeCopy(_ interpreter: Interpreter) throws -> NNModule? {
        type(of: self) == NNModule.self ? NNModule(name: name) : nil
    }

    /// Kept for layers that walk their own parameters; the module tree finds them all.
    func allParameters() -> [(name: String, tensor: Tensor)] { namedModuleMembers(.native(self), .parameters) }
}

/// `nn.Linear(in_features, out_features, bias=True)`, initialized exactly as PyTorch does.
final class LinearModule: NNModule {
    let inFeatures: Int
    let outFeatures: Int

    /// A layer with `other`'s sizes and no parameters yet, drawing nothing from the generator.
    private init(sizesOf other: LinearModule) {
        self.inFeatures = other.inFeatures
        self.outFeatures = other.outFeatures
        super.init(name: other.name)
    }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? { LinearModule(sizesOf: self) }

    override var classNames: [String] { name == "Linear" ? [name] : [name, "Linear"] }

    /// `name` is the class a subclass prints as (`NonDynamicallyQuantizableLinear`).
    init(inFeatures: Int, outFeatures: Int, bias: Bool, dtype: DType, name: String = "Linear") throws {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        super.init(name: name)
        parameters = try defaultInitializedParameters(weightShape: [outFeatures, inFeatures], fanIn: inFeatures,
                                                      biasCount: bias ? outFeatures : nil, dtype: dtype)
    }

    override func extraRepr() -> String {
        "in_features=\(inFeatures), out_features=\(outFeatures), bias=\(registry.parameters.item("bias") != nil ? "True" : "False")"
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
        // By name, not position: weight_norm replaces `weight` with a computed attribute.
        guard case let .tensor(weight)? = registry.lookup("weight") ?? registry.plainAttributes["weight"] else {
            throw PythonError.attributeError("'Linear' object has no attribute 'weight'")
        }
        var bias: Tensor?
        if case let .tensor(given)? = registry.lookup("bias") { bias = given }
        return .tensor(try linear(input, weight: weight, bias: bias))
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
    /// The function of the input; it is also given the module's training flag.
    let body: (Interpreter, Tensor, _ training: Bool) throws -> Value

    convenience init(name: String, description: String = "", body: @escaping (Interpreter, Tensor) throws -> Value) {
        self.init(name: name, description: description, trainingBody: { interpreter, input, _ in try body(interpreter, input) })
    }

    /// For layers that act differently in training (Dropout): the body reads the flag of
    /// whichever module runs it, so a deep copy put in eval mode stops dropping.
    init(name: String, description: String, trainingBody: @escaping (Interpreter, Tensor, Bool) throws -> Value) {
        self.description = description
        self.body = trainingBody
        super.init(name: name)
    }

    override func extraRepr() -> String { description }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? {
        FunctionModule(name: name, description: description, trainingBody: body)
    }

    /// The options PyTorch's layers keep as attributes (`dropout.p`, `act.negative_slope`,
    /// `softmax.dim`) are exactly the `key=value` pairs of their repr.
    override func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        if let text = reprOption(attribute) {
            return try Interpreter.literalEvalBuiltin(interpreter, CallArguments([.string(text)]))
        }
        return try super.attribute(attribute, interpreter: interpreter)
    }

    private func reprOption(_ key: String) -> String? {
        var depth = 0, start = description.startIndex
        var pieces: [Substring] = []
        for index in description.indices {
            switch description[index] {
            case "(", "[": depth += 1
            case ")", "]": depth -= 1
            case "," where depth == 0:
                pieces.append(description[start..<index])
                start = description.index(after: index)
            default: break
            }
        }
        pieces.append(description[start...])
        for piece in pieces {
            let parts = piece.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0] == key { return String(parts[1]) }
        }
        return nil
    }

    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        try body(interpreter, try arguments.bind("forward", ["input"]).tensor("input"), training)
    }
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
                    default: return .tensor(try Autodiff.softmax(try Autodiff.unary(.negate, input), dim: axis))
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
        define("Dropout") { interpreter, arguments in
            let options = try interpreter.dropoutModuleOptions(arguments)
            return .native(FunctionModule(name: "Dropout", description: options.description) { interpreter, input, training in
                .tensor(try interpreter.functionalDropout(input, p: options.probability, training: training, inplace: options.inplace))
            })
        }
        let functional = makeFunctionalMembers()
        for family in [activationModuleMembers(functional: functional), lossModuleMembers(functional: functional), normalizationModuleMembers(),
                       layerModuleMembers(), moduleContainerMembers()] {
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
                tensor.markWrittenInPlace()
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
        members.merge(makeFanInitMembers()) { _, fanBased in fanBased }
        return members
    }

    /// PyTorch's legacy rule for softmax without `dim`, with its deprecation warning.
    func implicitSoftmaxDim(_ name: String, rank: Int) throws -> Int {
        warn("Implicit dimension choice for \(name) has been deprecated. Change the call to include dim=X as an argument.")
        return (rank == 0 || rank == 1 || rank == 3) ? 0 : 1
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
                default: return .tensor(try Autodiff.softmax(try Autodiff.unary(.negate, input), dim: dim, dtype: dtype))
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
        for family in [functionalMiscMembers(), functionalLayerMembers(), functionalDistanceMembers(), functionalAttentionMembers(),
                       opTableFunctionalMembers()] {
            members.merge(family) { _, new in new }
        }
        return members
    }

    /// The `F.` functions the op table implements (the losses, ...).
    private func opTableFunctionalMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        for entry in OpTable.all where entry.implementation != nil {
            for qualifiedName in entry.qualifiedNames where qualifiedName.hasPrefix("torch.nn.functional.") {
                let name = String(qualifiedName.dropFirst("torch.nn.functional.".count))
                let inPlace = entry.isInPlace(as: qualifiedName)
                members[name] = .builtin(Builtin(name) { interpreter, arguments in
                    try interpreter.callOp(entry, receiver: nil, inPlace: inPlace, arguments)
                })
            }
        }
        return members
    }
}
