import Autograd
import TensorEngine

/// `nn.ReflectionPad1d` ... `nn.CircularPad3d`, `nn.ConstantPad1d/2d/3d` and
/// `nn.ZeroPad1d/2d/3d`: each keeps its padding as a tuple and calls `F.pad` with it.
extension Interpreter {
    func paddingModuleMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        for spatialRank in 1...3 {
            for mode in [PaddingMode.reflect, .replicate, .circular] {
                let prefix = switch mode {
                case .reflect: "ReflectionPad"
                case .replicate: "ReplicationPad"
                case .circular: "CircularPad"
                }
                members["\(prefix)\(spatialRank)d"] = paddingModule("\(prefix)\(spatialRank)d", spatialRank: spatialRank, mode: mode)
            }
            members["ConstantPad\(spatialRank)d"] = paddingModule("ConstantPad\(spatialRank)d", spatialRank: spatialRank, mode: nil)
            members["ZeroPad\(spatialRank)d"] = paddingModule("ZeroPad\(spatialRank)d", spatialRank: spatialRank, mode: nil)
        }
        return members
    }

    /// One padding layer; `mode` nil pads with a constant (`value`, or 0 for ZeroPad).
    private func paddingModule(_ name: String, spatialRank: Int, mode: PaddingMode?) -> Value {
        let takesValue = name.hasPrefix("ConstantPad")
        return .builtin(Builtin(name) { interpreter, arguments in
            let bound = try arguments.bind(name, takesValue ? ["padding", "value"] : ["padding"])
            // `_pair`, `_quadruple` and `_ntuple(6)` repeat one int and keep a sequence as given.
            let padding: [Int] = switch try bound.value("padding") {
            case .tuple, .list, .size: try bound.shape("padding")
            default: Array(repeating: try bound.int("padding"), count: 2 * spatialRank)
            }
            let paddingText = "(" + padding.map(String.init).joined(separator: ", ") + (padding.count == 1 ? ",)" : ")")
            let value = takesValue ? try bound.value("value") : .float(0)
            let description = takesValue ? "padding=\(paddingText), value=\(try interpreter.repr(value))" : paddingText
            return .native(FunctionModule(name: name, description: description) { _, input in
                guard let mode else {
                    guard case let .scalar(fill) = try toOperand(value, function: "pad") else {
                        throw PythonError.typeError("pad(): argument 'value' must be float, not Tensor")
                    }
                    return .tensor(try Autodiff.constantPadded(input, padding, value: fill))
                }
                if mode == .circular, input.rank != spatialRank + 1, input.rank != spatialRank + 2 {
                    throw PythonError.valueError("expected \(spatialRank + 1)D or \(spatialRank + 2)D input (got \(input.rank)D input)")
                }
                return .tensor(try Autodiff.modePadded(input, padding, mode: mode))
            })
        })
    }
}
