import Autograd
import TensorEngine

extension Interpreter {
    /// `torch.nn.utils.weight_norm(module, name='weight', dim=0)`: the weight becomes two
    /// Parameters, `weight_g` (its norm over every dim but `dim`) and `weight_v` (its
    /// direction), and a forward pre-hook recomputes `weight = v · (g / ‖v‖)` before each
    /// call, as PyTorch's WeightNorm does.
    func weightNorm(_ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind("weight_norm", ["module", "name", "dim"])
        let moduleValue = try bound.value("module")
        guard case let .native(module as NNModule) = moduleValue else {
            throw PythonError.typeError("weight_norm here takes a built-in layer such as nn.Linear or nn.Conv2d")
        }
        let name = try bound.string("name", default: "weight")
        let dim = try bound.int("dim", default: 0)
        try? issueWarning("`torch.nn.utils.weight_norm` is deprecated in favor of `torch.nn.utils.parametrizations.weight_norm`.",
                          category: ["FutureWarning", "Warning"], module: "__main__", raisesErrors: false)
        guard case let .tensor(weight)? = module.registry.lookup(name), module.registry.parameters.item(name) != nil else {
            throw PythonError.attributeError("'\(module.name)' object has no parameter '\(name)'")
        }
        let otherDims = (0..<weight.rank).filter { $0 != (dim < 0 ? dim + weight.rank : dim) }
        let magnitude = try weight.norm(p: 2, dims: otherDims, keepDim: true)
        _ = module.registry.parameters.remove(name)
        let g = magnitude.detach(), v = weight.detach()
        for parameter in [g, v] {
            parameter.isParameter = true
            try parameter.setRequiresGrad(true)
        }
        module.registry.parameters.set(name + "_g", g)
        module.registry.parameters.set(name + "_v", v)
        func compute() throws -> Tensor {
            guard case let .tensor(g)? = module.registry.lookup(name + "_g"), case let .tensor(v)? = module.registry.lookup(name + "_v") else {
                throw PythonError.attributeError("'\(module.name)' object has no attribute '\(name)_g'")
            }
            let norm = try Autodiff.norm(v, p: 2, dims: otherDims, keepDim: true)
            return try Autodiff.binary(.multiply, .tensor(v), .tensor(try Autodiff.binary(.divide, .tensor(g), .tensor(norm))))
        }
        module.registry.plainAttributes[name] = .tensor(try compute())
        let hook = Builtin("WeightNorm", isOp: false) { _, _ in
            module.registry.plainAttributes[name] = .tensor(try compute())
            return .none
        }
        module.registry.lastHookID += 1
        module.registry.forwardPreHooks.append((id: module.registry.lastHookID, hook: .builtin(hook)))
        return moduleValue
    }
}
