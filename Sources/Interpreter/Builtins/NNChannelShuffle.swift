import Autograd
import TensorEngine

/// `F.channel_shuffle`, `nn.ChannelShuffle(groups)` and `torch.typename`.
extension Interpreter {
    func functionalChannelShuffleMembers() -> [String: Value] {
        functionalTable([
            ("channel_shuffle", ["input", "groups"], { _, bound in
                .tensor(try Autodiff.channelShuffle(try bound.tensor("input"), groups: try bound.int("groups")))
            }),
        ])
    }

    func channelShuffleModuleMembers() -> [String: Value] {
        ["ChannelShuffle": .builtin(Builtin("ChannelShuffle") { _, arguments in
            let groups = try arguments.bind("ChannelShuffle", ["groups"]).int("groups")
            return .native(FunctionModule(name: "ChannelShuffle", description: "groups=\(groups)") { _, input in
                .tensor(try Autodiff.channelShuffle(input, groups: groups))
            })
        })]
    }

    /// `torch.typename(obj)`: a tensor's legacy type name (`torch.FloatTensor`), else the
    /// class's module and qualified name, with the module left out for builtins.
    func torchTypename(_ value: Value) throws -> String {
        if case let .tensor(tensor) = value { return tensor.dtype.legacyTensorTypeName }
        switch value {
        case .dtype: return "torch.dtype"
        case .size: return "torch.Size"
        default: break
        }
        // A class names itself; anything else is named by its class.
        let owner = if case .classObject = value { value } else { typeObject(of: value) }
        // A built-in layer, or its class: `<class 'torch.nn.modules.linear.Linear'>`.
        if let classRepr = nativeModuleClassRepr(owner) ?? nativeModuleClassRepr(value) {
            return String(classRepr.dropFirst("<class '".count).dropLast(2))
        }
        func text(_ name: String) -> String? {
            guard let found = try? attribute(of: owner, name), case let .string(text) = found else { return nil }
            return text
        }
        let module = text("__module__") ?? "", name = text("__qualname__") ?? text("__name__") ?? value.typeName
        return module.isEmpty || module == "builtins" ? name : "\(module).\(name)"
    }
}
