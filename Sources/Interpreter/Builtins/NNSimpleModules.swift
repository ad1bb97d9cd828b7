import Glibc
import Autograd
import Ops
import TensorEngine

/// Small layers over existing functions: `nn.GLU`, `nn.Unflatten`, `nn.CosineSimilarity`,
/// `nn.PairwiseDistance`, `nn.PReLU` and `nn.RMSNorm`, with `F.prelu` and `F.rms_norm`.
extension Interpreter {
    func simpleLayerModuleMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        members["GLU"] = .builtin(Builtin("GLU") { interpreter, arguments in
            let dim = try arguments.bind("GLU", ["dim"]).int("dim", default: -1)
            let entry = try interpreter.functionalOp("glu")
            return .native(FunctionModule(name: "GLU", description: "dim=\(dim)") { interpreter, input in
                try interpreter.callOp(entry, receiver: nil, CallArguments([.tensor(input)], keywords: [("dim", .int(Int64(dim)))]))
            })
        })
        members["Unflatten"] = .builtin(Builtin("Unflatten") { interpreter, arguments in
            let bound = try arguments.bind("Unflatten", ["dim", "unflattened_size"])
            let (dim, sizes) = (try bound.int("dim"), try bound.value("unflattened_size"))
            guard let entry = OpTable.byQualifiedName["torch.unflatten"] else { throw PythonError.attributeError("no torch.unflatten") }
            return .native(FunctionModule(name: "Unflatten", description: "dim=\(dim), unflattened_size=\(try interpreter.repr(sizes))") {
                interpreter, input in
                try interpreter.callOp(entry, receiver: nil, CallArguments([.tensor(input), .int(Int64(dim)), sizes]))
            })
        })
        members["CosineSimilarity"] = pairModule("CosineSimilarity", ["dim": .int(1), "eps": .float(1e-8)],
                                                 order: ["dim", "eps"], function: functionalMiscMembers()["cosine_similarity"])
        members["PairwiseDistance"] = pairModule("PairwiseDistance", ["p": .float(2), "eps": .float(1e-6), "keepdim": .bool(false)],
                                                 order: ["p", "eps", "keepdim"], function: functionalDistanceMembers()["pairwise_distance"])
        members["PReLU"] = .builtin(Builtin("PReLU") { _, arguments in
            let bound = try arguments.bind("PReLU", ["num_parameters", "init", "device", "dtype"])
            let count = try bound.int("num_parameters", default: 1)
            let weight = try Tensor.zeros(shape: [count], dtype: try bound.dtype("dtype") ?? defaultFloatDType)
            initialized(weight).fill(.float(try bound.double("init", default: 0.25)))
            return .native(ParameterizedFunctionModule(name: "PReLU", description: "num_parameters=\(count)", parameters: [("weight", weight)]) {
                input, parameters in try Autodiff.prelu(input, weight: parameters[0])
            })
        })
        members["RMSNorm"] = .builtin(Builtin("RMSNorm") { interpreter, arguments in
            let bound = try arguments.bind("RMSNorm", ["normalized_shape", "eps", "elementwise_affine", "device", "dtype"])
            let shape = try bound.shape("normalized_shape")
            let eps = try bound.optional("eps").flatMap { $0.isNone ? nil : try interpreter.pythonDouble($0) }
            let affine = try bound.bool("elementwise_affine", default: true)
            let weight = try Tensor.zeros(shape: shape, dtype: try bound.dtype("dtype") ?? defaultFloatDType)
            initialized(weight).fill(.int(1))
            let description = "\(spatialTupleRepr(shape)), eps=\(eps.map(pythonFloatRepr) ?? "None"), elementwise_affine=\(affine ? "True" : "False")"
            return .native(ParameterizedFunctionModule(name: "RMSNorm", description: description, parameters: affine ? [("weight", weight)] : []) {
                input, parameters in try rmsNorm(input, shape: shape, weight: parameters.first, eps: eps)
            })
        })
        return members
    }

    func functionalSimpleMembers() -> [String: Value] {
        functionalTable([
            ("prelu", ["input", "weight"], { _, bound in
                .tensor(try Autodiff.prelu(try bound.tensor("input"), weight: try bound.tensor("weight")))
            }),
            ("rms_norm", ["input", "normalized_shape", "weight", "eps"], { interpreter, bound in
                let eps = try bound.optional("eps").flatMap { $0.isNone ? nil : try interpreter.pythonDouble($0) }
                return .tensor(try rmsNorm(try bound.tensor("input"), shape: try bound.shape("normalized_shape"),
                                           weight: try bound.optionalTensor("weight"), eps: eps))
            }),
        ])
    }

    fileprivate func functionalOp(_ name: String) throws -> OpEntry {
        guard let entry = OpTable.byQualifiedName["torch.nn.functional." + name] else { throw PythonError.attributeError("no F.\(name)") }
        return entry
    }

    /// A layer of two inputs whose forward calls `function` with them and its options,
    /// kept as attributes; PyTorch prints none of them.
    private func pairModule(_ name: String, _ defaults: [String: Value], order: [String], function: Value?) -> Value {
        .builtin(Builtin(name) { _, arguments in
            let bound = try arguments.bind(name, order)
            guard let function else { throw PythonError.attributeError("no function for \(name)") }
            let options = order.map { (name: $0, value: bound.optional($0) ?? defaults[$0] ?? Value.none) }
            let module = PairFunctionModule(name: name) { interpreter, first, second in
                try interpreter.call(function, CallArguments([.tensor(first), .tensor(second)], keywords: options))
            }
            for option in options { module.registry.plainAttributes[option.name] = option.value }
            return .native(module)
        })
    }
}

/// `F.rms_norm` as PyTorch composes it: x · rsqrt(mean(x², last dims) + eps) (· weight),
/// eps defaulting to the dtype's machine epsilon; its last node is `MulBackward0`.
func rmsNorm(_ input: Tensor, shape: [Int], weight: Tensor?, eps: Double?) throws -> Tensor {
    guard input.rank >= shape.count, Array(input.shape.suffix(shape.count)) == shape else {
        throw PythonError.runtimeError(
            "Given normalized_shape=\(formatShape(shape)), expected input with shape [*\(shape.map(String.init).joined(separator: ", "))], but got input of size\(formatShape(input.shape))")
    }
    let epsilon = eps ?? (input.dtype == .float64 ? Double.ulpOfOne : Double(Float.ulpOfOne))
    let dims = Array((input.rank - shape.count)..<input.rank)
    let meanSquare = try Autodiff.mean(try Autodiff.binary(.power, .tensor(input), .scalar(.int(2))), dims: dims, keepDim: true)
    let scale = try Autodiff.unary(.rsqrt, try Autodiff.binary(.add, .tensor(meanSquare), .scalar(.float(epsilon))))
    let normalized = try Autodiff.binary(.multiply, .tensor(input), .tensor(scale))
    guard let weight else { return normalized }
    return try Autodiff.binary(.multiply, .tensor(normalized), .tensor(weight))
}

/// A layer with parameters drawn from no generator, whose forward is a function of its
/// input and those parameters.
final class ParameterizedFunctionModule: NNModule {
    let description: String
    let body: (Tensor, [Tensor]) throws -> Tensor

    init(name: String, description: String, parameters: [(name: String, tensor: Tensor)], body: @escaping (Tensor, [Tensor]) throws -> Tensor) {
        (self.description, self.body) = (description, body)
        super.init(name: name)
        self.parameters = parameters
    }

    override func extraRepr() -> String { description }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? {
        ParameterizedFunctionModule(name: name, description: description, parameters: [], body: body)
    }

    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        let input = try arguments.bind("forward", ["input"]).tensor("input")
        return .tensor(try body(input, parameters.map(\.tensor)))
    }
}

/// A parameterless layer whose forward takes two tensors.
final class PairFunctionModule: NNModule {
    let body: (Interpreter, Tensor, Tensor) throws -> Value

    init(name: String, body: @escaping (Interpreter, Tensor, Tensor) throws -> Value) {
        self.body = body
        super.init(name: name)
    }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? { PairFunctionModule(name: name, body: body) }

    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind("forward", ["x1", "x2"])
        return try body(interpreter, try bound.tensor("x1"), try bound.tensor("x2"))
    }
}

extension Interpreter {
    /// `torch.nn.utils.parameters_to_vector` (one `cat` of the flattened parameters, so
    /// CatBackward0) and `vector_to_parameters` (each parameter's data set from its slice).
    func parameterVectorMembers() -> [String: Value] {
        [
            "parameters_to_vector": .builtin(Builtin("parameters_to_vector", isOp: false) { interpreter, arguments in
                let parameters = try interpreter.tensorList(try arguments.bind("parameters_to_vector", ["parameters"]).value("parameters"),
                                                            function: "parameters_to_vector")
                return .tensor(try Autodiff.concatenate(try parameters.map { try Autodiff.view($0, [-1]) }, dim: 0))
            }),
            "vector_to_parameters": .builtin(Builtin("vector_to_parameters", isOp: false) { interpreter, arguments in
                let bound = try arguments.bind("vector_to_parameters", ["vec", "parameters"])
                guard case let .tensor(vector) = try bound.value("vec") else {
                    throw PythonError.typeError("expected torch.Tensor, but got: \(try bound.value("vec").typeName)")
                }
                var offset = 0
                for parameter in try interpreter.tensorList(try bound.value("parameters"), function: "vector_to_parameters") {
                    let piece = try vector.narrow(0, start: offset, length: parameter.count).reshape(parameter.shape)
                    try parameter.copy(from: piece)
                    offset += parameter.count
                }
                return .none
            }),
        ]
    }
}
