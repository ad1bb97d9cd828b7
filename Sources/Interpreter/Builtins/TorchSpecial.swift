import Ops
import Autograd
import TensorEngine

/// `torch.special`: PyTorch's scipy-style names. Most are other names for functions
/// the interpreter already has; `entr` is its own op.
extension Interpreter {
    func makeSpecialNamespace(torch: Namespace) -> Namespace {
        let special = Namespace(name: "torch.special")
        func define(_ name: String, _ body: @escaping Builtin.Body) {
            special.members[name] = .builtin(Builtin(name, body))
        }
        define("entr") { _, arguments in
            let input = try arguments.bind("special_entr", ["input"]).tensor("input")
            return .tensor(try Autodiff.entr(input, floatType: defaultFloatDType))
        }
        // Same op under PyTorch's scipy name: `expit` is `sigmoid`.
        for (name, target) in [("erf", "erf"), ("erfc", "erfc"), ("expit", "sigmoid"), ("logit", "logit"), ("exp2", "exp2"),
                               ("expm1", "expm1"), ("log1p", "log1p"), ("round", "round"), ("sinc", "sinc"), ("logsumexp", "logsumexp")] {
            guard let function = torch.members[target] else { continue }
            special.members[name] = .builtin(Builtin(name) { interpreter, arguments in try interpreter.call(function, arguments) })
        }
        // `dim` is required here, unlike `torch.softmax`'s implicit-dim form.
        for name in ["softmax", "log_softmax"] {
            define(name) { _, arguments in
                let bound = try arguments.bind("special_\(name)", ["input", "dim", "*", "dtype"])
                let input = try bound.tensor("input")
                guard bound.has("dim") else {
                    throw PythonError.typeError("special_\(name)() missing 1 required positional arguments: \"dim\"")
                }
                let dim = try bound.int("dim")
                let dtype = try bound.dtype("dtype")
                return .tensor(name == "softmax" ? try Autodiff.softmax(input, dim: dim, dtype: dtype) : try Autodiff.logSoftmax(input, dim: dim, dtype: dtype))
            }
        }
        // Table ops declared with a `torch.special.` alias (`torch.special.gammaln`).
        for entry in OpTable.all where entry.implementation != nil {
            for qualifiedName in entry.aliases where qualifiedName.hasPrefix("torch.special.") {
                let name = String(qualifiedName.dropFirst("torch.special.".count))
                define(name) { interpreter, arguments in
                    try interpreter.callOp(entry, receiver: nil, nativeName: "special_" + name, arguments)
                }
            }
        }
        return special
    }
}

/// `Tensor.unfold(dimension, size, step)`: sliding windows as a view.
func specialTensorMethods() -> [String: TensorMethod] {
    ["unfold": { _, tensor, arguments in
        let bound = try arguments.bind("unfold", ["dimension", "size", "step"])
        return .tensor(try Autodiff.unfold(tensor, dim: try bound.int("dimension"), size: try bound.int("size"), step: try bound.int("step")))
    }]
}
