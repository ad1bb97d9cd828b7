import Autograd
import TensorEngine

/// `optimizer.state_dict()`, `load_state_dict()` and `add_param_group()`, as
/// torch/optim/optimizer.py packs and restores them: parameters become indices numbered
/// across groups, and each group keeps its options with `params` last.
extension Optimizer {
    func stateMethod(_ name: String, interpreter: Interpreter) throws -> Value? {
        func method(_ body: @escaping Builtin.Body) -> Value { .builtin(Builtin(name, owner: algorithm.name, body)) }
        switch name {
        case "state_dict":
            return method { _, arguments in
                _ = try arguments.bind("state_dict", [])
                return try self.packedStateDict()
            }
        case "load_state_dict":
            return method { interpreter, arguments in
                try self.loadStateDict(try arguments.bind("load_state_dict", ["state_dict"]).value("state_dict"), interpreter)
                return .none
            }
        case "add_param_group":
            return method { interpreter, arguments in
                guard case let .dict(group) = try arguments.bind("add_param_group", ["param_group"]).value("param_group") else {
                    throw PythonError("AssertionError", "param_group must be a dict")
                }
                try self.addParamGroup(group, interpreter)
                return .none
            }
        default: return nil
        }
    }

    private func groupDicts() -> [DictStorage] {
        paramGroups.items.compactMap { if case let .dict(group) = $0 { group } else { nil } }
    }

    private func packedStateDict() throws -> Value {
        var indices: [ObjectIdentifier: Int] = [:]
        var next = 0
        var ordered: [Tensor] = []
        let packedGroups = groupDicts().map { group -> Value in
            var entries = group.entries.filter { if case .string("params") = $0.key { false } else { true } }
            var numbers: [Value] = []
            for case let .tensor(parameter) in groupParameters(group) {
                if indices[ObjectIdentifier(parameter)] == nil {
                    indices[ObjectIdentifier(parameter)] = next
                    ordered.append(parameter)
                }
                next += 1
                numbers.append(.int(Int64(indices[ObjectIdentifier(parameter)] ?? 0)))
            }
            entries.append((.string("params"), .list(ListStorage(numbers))))
            return .dict(DictStorage(entries))
        }
        let state = try ordered.compactMap { parameter -> (key: Value, value: Value)? in
            guard let entry = try stateDict(for: parameter), let index = indices[ObjectIdentifier(parameter)] else { return nil }
            return (.int(Int64(index)), .dict(entry))
        }
        return .dict(DictStorage([(.string("state"), .dict(DictStorage(state))), (.string("param_groups"), .list(ListStorage(packedGroups)))]))
    }

    private func groupParameters(_ group: DictStorage) -> [Value] {
        if case let .list(params)? = group[.string("params")] { return params.items }
        return []
    }

    private func loadStateDict(_ value: Value, _ interpreter: Interpreter) throws {
        guard case let .dict(saved) = value, case let .list(savedGroupList)? = saved[.string("param_groups")] else {
            throw PythonError("KeyError", "'param_groups'")
        }
        let savedGroups = savedGroupList.items.compactMap { if case let .dict(group) = $0 { group } else { nil } }
        let current = groupDicts()
        guard savedGroups.count == current.count else { throw PythonError.valueError("loaded state dict has a different number of parameter groups") }
        guard zip(savedGroups, current).allSatisfy({ groupParameters($0).count == groupParameters($1).count }) else {
            throw PythonError.valueError("loaded state dict contains a parameter group that doesn't match the size of optimizer's group")
        }
        // Saved indices to this optimizer's parameters, as a Python dict keyed like the saved one.
        let parameterFor = DictStorage()
        for (savedGroup, group) in zip(savedGroups, current) {
            for (key, parameter) in zip(groupParameters(savedGroup), groupParameters(group)) { parameterFor[key] = parameter }
        }
        // The loaded state replaces this optimizer's, as PyTorch's __setstate__ does.
        states = [:]
        if case let .dict(states)? = saved[.string("state")] {
            for (key, entry) in states.entries {
                guard case let .tensor(parameter)? = parameterFor[key], case let .dict(fields) = entry else { continue }
                try restoreState(fields, for: parameter, interpreter)
            }
        }
        paramGroups.items = zip(savedGroups, current).map { savedGroup, group in
            let restored = DictStorage(savedGroup.entries)
            restored[.string("params")] = group[.string("params")] ?? .list(ListStorage([]))
            return .dict(restored)
        }
    }

    /// One parameter's saved state, cast to its dtype (except the counters), as the
    /// algorithm's state.
    private func restoreState(_ fields: DictStorage, for parameter: Tensor, _ interpreter: Interpreter) throws {
        let saved = try SavedOptimizerState(fields, for: parameter, interpreter)
        states[ObjectIdentifier(parameter)] = try algorithm.restore(saved)
    }

    private func addParamGroup(_ group: DictStorage, _ interpreter: Interpreter) throws {
        let prepared = try interpreter.makeParamGroup(group, defaults: defaults)
        let existing = Set(try parameters().map(ObjectIdentifier.init))
        for case let .tensor(parameter) in groupParameters(prepared) where existing.contains(ObjectIdentifier(parameter)) {
            throw PythonError.valueError("some parameters appear in more than one parameter group")
        }
        paramGroups.items.append(.dict(prepared))
    }
}

extension Interpreter {
    /// `add_param_group`'s normalisation of a group dict, in place: `params` made a list of
    /// leaf tensors, then every missing option set to the optimizer's default.
    func makeParamGroup(_ group: DictStorage, defaults: [(String, Value)]) throws -> DictStorage {
        let given = group[.string("params")] ?? .list(ListStorage([]))
        let parameters: [Value]
        switch given {
        case .tensor: parameters = [given]
        case let .list(list) where list.isSet:
            throw PythonError.typeError("optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.")
        default: parameters = try iterate(given)
        }
        for parameter in parameters {
            guard case let .tensor(tensor) = parameter else {
                throw PythonError.typeError("optimizer can only optimize Tensors, but one of the params is \(torchTypeName(parameter))")
            }
            guard tensor.isLeaf || tensor.retainsGrad else { throw PythonError.valueError("can't optimize a non-leaf Tensor") }
        }
        group[.string("params")] = .list(ListStorage(parameters))
        for (name, value) in defaults where group[.string(name)] == nil { group[.string(name)] = value }
        return group
    }
}
