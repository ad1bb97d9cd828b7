import Autograd
import TensorEngine

/// A tensor's `grad_fn`: PyTorch's node object, with `name()` and `next_functions`.
final class GradFunction: NativeObject {
    let node: Node

    init(_ node: Node) { self.node = node }

    var typeName: String { node.name }

    func repr() -> String { "<\(node.isCustomFunction ? "torch.autograd.function." : "")\(node.name) object at 0x\(String(UInt(bitPattern: ObjectIdentifier(node)), radix: 16))>" }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "name": return .builtin(Builtin("name", owner: node.name) { _, _ in .string(self.node.qualifiedName) })
        case "next_functions":
            return .tuple(node.nextEdges.map { edge in
                guard let edge else { return .tuple([.none, .int(0)]) }
                return .tuple([.native(GradFunction(edge.node)), .int(Int64(edge.inputNumber))])
            })
        case "__name__": return .string(node.name)
        case "metadata":
            if let stored = node.userMetadata as? DictStorage { return .dict(stored) }
            let created = DictStorage()
            node.userMetadata = created
            return .dict(created)
        case "variable":
            guard let accumulator = node as? AccumulateGrad else { return nil }
            return .tensor(accumulator.variable)
        default: return nil
        }
    }
}

extension Interpreter {
    /// `repr(tensor)`: PyTorch's text plus autograd's suffix, and the Parameter header.
    func tensorRepr(_ tensor: Tensor) -> String {
        let text = tensor.repr(options: .current, extraSuffixes: tensor.autogradReprSuffixes)
        return tensor.isParameter ? "Parameter containing:\n" + text : text
    }

    /// `torch.autograd`: `grad` and `backward` (custom `Function`s come with the library).
    func makeAutogradNamespace() -> Namespace {
        let namespace = Namespace(name: "torch.autograd")
        namespace.members["Variable"] = .native(AutogradVariableClass())
        namespace.members["grad"] = .builtin(Builtin("grad") { interpreter, arguments in
            let bound = try arguments.bind("grad", ["outputs", "inputs", "grad_outputs", "retain_graph", "create_graph", "only_inputs", "allow_unused", "is_grads_batched", "materialize_grads"])
            let outputs = try interpreter.tensorList(try bound.value("outputs"), function: "grad")
            let inputs = try interpreter.tensorList(try bound.value("inputs"), function: "grad")
            let seeds = try bound.optional("grad_outputs").map { try interpreter.tensorList($0, function: "grad").map { Optional($0) } } ?? []
            let retain = try bound.optional("retain_graph").map { try interpreter.truthy($0) } ?? false
            try interpreter.refuseHigherOrderGradients(bound, in: "grad")
            // materialize_grads gives an unused input zeros instead of None, and implies allow_unused.
            let materialize = try bound.optional("materialize_grads").map { try interpreter.truthy($0) } ?? false
            let allowUnused = try bound.optional("allow_unused").map { try interpreter.truthy($0) }
            if materialize && allowUnused == false {
                throw PythonError.valueError("Expected allow_unused to be True or not passed when materialize_grads=True")
            }
            let gradients = try BackwardEngine.grad(outputs, gradients: seeds, inputs: inputs, retainGraph: retain)
            if !(allowUnused ?? materialize), let unused = gradients.firstIndex(where: { $0 == nil }) {
                throw PythonError.runtimeError("The differentiated Tensor at index \(unused) appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.")
            }
            return .tuple(try zip(inputs, gradients).map { input, gradient in
                if let gradient { return .tensor(gradient) }
                return materialize ? .tensor(try Tensor.zeros(shape: input.shape, dtype: input.dtype)) : .none
            })
        })
        namespace.members["backward"] = .builtin(Builtin("backward") { interpreter, arguments in
            let bound = try arguments.bind("backward", ["tensors", "grad_tensors", "retain_graph", "create_graph", "grad_variables", "inputs"])
            let roots = try interpreter.tensorList(try bound.value("tensors"), function: "backward")
            let seeds = try bound.optional("grad_tensors").map { try interpreter.tensorList($0, function: "backward").map { Optional($0) } } ?? []
            let retain = try bound.optional("retain_graph").map { try interpreter.truthy($0) } ?? false
            let inputs = try bound.optional("inputs").map { try interpreter.tensorList($0, function: "backward") }
            try interpreter.refuseHigherOrderGradients(bound, in: "backward")
            if interpreter.isObserved { interpreter.observer?.willRunBackward(from: roots) }
            try BackwardEngine.backward(roots, gradients: seeds, retainGraph: retain, inputs: inputs)
            return .none
        })
        return namespace
    }

    /// `create_graph=True`: the backward formulas run on raw engine ops, so the gradients
    /// they give have no history. Refused, rather than returned without the graph the
    /// caller asked for (a gradient penalty would silently contribute nothing).
    func refuseHigherOrderGradients(_ bound: BoundArguments, in function: String) throws {
        if try bound.optional("create_graph").map({ try truthy($0) }) ?? false {
            throw PythonError.notImplemented("\(function)(create_graph=True) (higher-order gradients) is not supported by TensorTutor's autograd yet")
        }
    }

    /// A tensor or a sequence of tensors, as autograd's functions accept them.
    func tensorList(_ value: Value, function: String) throws -> [Tensor] {
        if case let .tensor(tensor) = value { return [tensor] }
        return try iterate(value).map { item in
            guard case let .tensor(tensor) = item else {
                throw PythonError.typeError("\(function)(): expected a Tensor or a sequence of Tensors, got \(item.typeName)")
            }
            return tensor
        }
    }

    /// Whether `builtin` is `nn.Parameter`, which stands for the class of parameters.
    func isParameterType(_ builtin: Builtin) -> Bool {
        guard case let .module(nn)? = modules["torch.nn"], case let .builtin(parameter)? = nn.members["Parameter"] else { return false }
        return parameter === builtin
    }

    /// `nn.Parameter(data, requires_grad=True)`: the same storage, as a leaf that
    /// requires grad and prints as a Parameter.
    func makeParameter(_ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind("Parameter", ["data", "requires_grad"])
        let data = try bound.optionalTensor("data") ?? (try Tensor.zeros(shape: [0], dtype: .float32))
        let parameter = data.detach()
        parameter.isParameter = true
        let requiresGrad = try bound.optional("requires_grad").map { try truthy($0) } ?? true
        if requiresGrad { try parameter.setRequiresGrad(true, source: .factory) }
        return .tensor(parameter)
    }
}

/// Functions whose result has no gradient in PyTorch either, though they read a tensor
/// that requires grad: fresh tensors shaped like it, random draws, and copies cut from
/// the graph.
private let nonDifferentiableBuiltins: Set<String> = [
    "detach", "zeros_like", "ones_like", "empty_like", "full_like", "rand_like", "randn_like", "randint_like",
    "new_zeros", "new_ones", "new_empty", "new_full", "new_tensor", "tensor", "as_tensor", "bernoulli",
    "multinomial", "normal", "poisson", "numpy", "tolist", "item", "requires_grad_", "detach_",
    "combinations",  // with r = 0: an empty vector, cut from the graph in PyTorch too
]

extension Interpreter {
    /// An op with no backward formula yet would silently drop the gradient of an input
    /// that requires grad; its result instead gets a node that says so if a backward
    /// pass reaches it.
    func markLostGradient(_ builtin: Builtin, _ arguments: CallArguments, _ result: Value) {
        guard builtin.isOp, case let .tensor(output) = result, output.dtype.isFloatingPoint, !output.requiresGrad else { return }
        // This runs after every builtin call: a scan that allocates nothing (does any input
        // require grad?) comes before collecting, the name lookup and the thread-local mode.
        func requiresGrad(_ value: Value) -> Bool {
            switch value {
            case let .tensor(tensor): tensor.requiresGrad && tensor !== output
            case let .list(list): list.items.contains(where: requiresGrad)
            case let .tuple(items): items.contains(where: requiresGrad)
            default: false
            }
        }
        let receiverRequiresGrad = builtin.receiver.map { $0.requiresGrad && $0 !== output } ?? false
        guard receiverRequiresGrad || arguments.positional.contains(where: requiresGrad)
                || arguments.keywords.contains(where: { requiresGrad($0.value) }),
              !nonDifferentiableBuiltins.contains(builtin.name), GradMode.isEnabled else { return }
        var inputs: [Tensor] = builtin.receiver.map { [$0] } ?? []
        func collect(_ value: Value) {
            switch value {
            case let .tensor(tensor): inputs.append(tensor)
            case let .list(list): list.items.forEach(collect)
            case let .tuple(items): items.forEach(collect)
            default: break
            }
        }
        arguments.positional.forEach(collect)
        arguments.keywords.forEach { collect($0.value) }
        Autodiff.markNotDifferentiable(output, inputs: inputs, name: builtin.name)
    }
}

extension Interpreter {
    /// The autograd graph of `value` drawn as a tree, its leaves named after the session's
    /// variables and module parameters (`net.fc1.weight`).
    public func graphDrawing(of value: Value) throws -> String {
        guard case let .tensor(tensor) = value else {
            throw PythonError.typeError("a graph is drawn for a tensor, not a \(value.typeName)")
        }
        let names = leafNames()
        return GraphDrawing.draw(tensor) { names[ObjectIdentifier($0)] }
    }

    /// The graphs of the tensors the latest `backward()` calls started from.
    public func backwardGraphDrawings() -> [String] {
        let names = leafNames()
        return BackwardEngine.recentRoots.map { root in GraphDrawing.draw(root) { names[ObjectIdentifier($0)] } }
    }

    /// The session's names for leaves that require grad: variables, and the parameters of
    /// the modules variables hold (`net.fc1.weight`, `self.net.bias`).
    public func leafNames() -> [ObjectIdentifier: String] {
        var names: [ObjectIdentifier: String] = [:]
        func nameParameters(of module: Value, prefix: String) {
            for parameter in namedModuleMembers(module, .parameters, prefix: prefix) {
                names[ObjectIdentifier(parameter.tensor)] = parameter.name
            }
        }
        for (name, value) in globals.variables.sorted(by: { $0.key < $1.key }) where !name.hasPrefix("__") {
            switch value {
            case let .tensor(tensor) where tensor.requiresGrad && tensor.isLeaf:
                names[ObjectIdentifier(tensor)] = names[ObjectIdentifier(tensor)] ?? name
            case .native(is NNModule): nameParameters(of: value, prefix: name)
            case let .instance(instance) where instance.moduleRegistry != nil: nameParameters(of: value, prefix: name)
            case let .instance(holder):
                // A plain object such as a prelude's `self`: name the modules it holds.
                for key in holder.attributeOrder {
                    guard let attribute = holder.attributes[key] else { continue }
                    if case .native(is NNModule) = attribute { nameParameters(of: attribute, prefix: "\(name).\(key)") }
                    if case let .instance(child) = attribute, child.moduleRegistry != nil { nameParameters(of: attribute, prefix: "\(name).\(key)") }
                }
            default: break
            }
        }
        return names
    }
}
