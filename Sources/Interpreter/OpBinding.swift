import Autograd
import Ops
import TensorEngine

/// Calls an op of the table: binds the Python arguments to one of its signatures,
/// converts each by its declared type, runs the implementation and wraps the result.
/// This is the one place where op arguments are matched and checked.
extension Interpreter {
    /// `inPlace` is the `x.name_(...)` form: the result is written into the receiver.
    /// `nativeName` is the C++ name PyTorch's errors use for a spelling outside the entry's
    /// own namespaces (`special_gammaln` for `torch.special.gammaln`).
    func callOp(_ entry: OpEntry, receiver: Tensor?, inPlace: Bool = false, nativeName: String? = nil, _ arguments: CallArguments) throws -> Value {
        guard let implementation = entry.implementation else {
            throw PythonError.notImplemented("\(entry.name)() has no implementation in the op table")
        }
        // `F.elu_(x)` is `F.elu(x, inplace=True)`: the op's own in-place path records PyTorch's node.
        if inPlace, receiver == nil, entry.signature.parameter(named: "inplace") != nil {
            return try callOp(entry, receiver: nil, nativeName: nativeName, CallArguments(arguments.positional, keywords: arguments.keywords + [("inplace", .bool(true))]))
        }
        // PyTorch's argument parser also accepts numpy's `axis=` and `keepdims=`.
        let arguments = !arguments.keywords.isEmpty && entry.signature.parameter(named: "dim") != nil ? arguments.withNumPyAliases() : arguments
        var positional = arguments.positional
        if let receiver { positional.insert(.tensor(receiver), at: 0) }
        let last = entry.signatures.count - 1
        for (index, signature) in entry.signatures.enumerated() {
            let strict = index < last
            do {
                let values: [(name: String, value: OpArgument)]
                do {
                    let pythonWording = nativeName == nil
                        && (entry.isPythonFunction || !entry.variants.contains(.function) && !entry.variants.contains(.method))
                    values = try bind(positional, arguments.keywords, to: signature, opName: nativeName ?? (inPlace ? entry.name + "_" : entry.name),
                                      strict: strict, hasReceiver: receiver != nil, pythonWording: pythonWording)
                } catch let error as PythonError where !strict && error.type == "TypeError" {
                    throw invalidCombination(entry, asMethod: receiver != nil, positional: Array(positional.dropFirst(receiver == nil ? 0 : 1)),
                                             keywords: arguments.keywords) ?? error
                }
                let opName = inPlace ? entry.name + "_" : entry.name
                let result = try implementation(OpArguments(opName: opName, overload: index, values: values,
                                                            warn: opWarn, warnOnce: opWarnOnce, checkItems: opCheckItems))
                // `torch.exp_(x)` writes into its first argument as `x.exp_()` does into its receiver.
                let target = receiver ?? values.first.flatMap { first in if case let .tensor(tensor) = first.value { tensor } else { nil } }
                if inPlace, let target, case let .tensor(computed) = result {
                    if entry.variants.contains(.inPlaceView) {
                        try Autodiff.takeView(target, from: computed)
                        return .tensor(target)
                    }
                    try Autodiff.assignResult(target, computed)
                    return .tensor(target)
                }
                return value(of: result)
            } catch let mismatch as OverloadMismatch where strict {
                _ = mismatch
                continue
            }
        }
        throw PythonError.runtimeError("\(entry.name)(): no signature matched")
    }

    /// PyTorch's parser names the one overload a call could fit by its number of arguments
    /// and reports that overload's error; when several (or none) fit, it lists them all.
    private func invalidCombination(_ entry: OpEntry, asMethod: Bool, positional: [Value], keywords: [(name: String, value: Value)]) -> PythonError? {
        let overloads = entry.pythonOverloads(as: asMethod ? "Tensor." + entry.name : "torch." + entry.name)
        guard overloads.count > 1 else { return nil }
        let given = positional.count + keywords.count
        let plausible = overloads.filter { line in
            let parameters = line.split(separator: ", ").filter { $0 != "*" }
            let required = parameters.filter { !$0.contains(" = ") }.count
            // A lone int list (`view(*size)`) takes its ints one by one when an int comes first.
            let takesSeparateInts = parameters.count == 1 && parameters[0].hasPrefix("tuple of ints")
                && positional.first.map { value in if case .int = value { true } else { value.isBigInt } } == true
            let most = takesSeparateInts ? Int.max : parameters.count
            return required <= given && given <= most
        }
        guard plausible.count != 1 else { return nil }
        let types = positional.map { value in
            if case .dtype = value { return "torch.dtype" }
            return value.typeName
        }
        let named = keywords.map { "\($0.name)=\($0.value.typeName)" }
        // PyTorch's own spelling: keywords after positionals are joined, alone each ends in ", ".
        let got = types.isEmpty ? named.map { $0 + ", " }.joined() : (types + named).joined(separator: ", ")
        let list = overloads.map { " * (\($0))" }.joined(separator: "\n")
        return .typeError("\(entry.name)() received an invalid combination of arguments - got (\(got)), but expected one of:\n\(list)\n")
    }

    private func value(of result: OpResult) -> Value {
        switch result {
        case let .tensor(tensor): return .tensor(tensor)
        case let .tuple(tensors): return .tuple(tensors.map { .tensor($0) })
        case let .namedTuple(typeName, fields, tensors):
            return .namedTuple(NamedTuple(typeName: typeName, fields: fields, values: tensors.map { .tensor($0) }))
        }
    }

    private func bind(_ positional: [Value], _ keywords: [(name: String, value: Value)], to signature: OpSignature,
                      opName: String, strict: Bool, hasReceiver: Bool, pythonWording: Bool) throws -> [(name: String, value: OpArgument)] {
        func fail(_ error: PythonError) -> Error { strict ? OverloadMismatch() : error }
        // What each parameter was given, by its place in the signature: the value and the
        // argument's position (nil for a keyword).
        var given = [(value: Value, position: Int?)?](repeating: nil, count: signature.parameters.count)
        var variadicItems: [Value] = []
        let positionalParameters = signature.positionalParameters
        let intListIndex = positionalParameters.firstIndex { $0.kind == .variadic && $0.type == .ints }
        for (index, value) in positional.enumerated() {
            if let intListIndex, index == intListIndex, !takesSeparateInts(at: intListIndex, hasReceiver: hasReceiver) {
                // `torch.permute(x, dims)`: the function form takes one tuple, as PyTorch's does.
                given[signature.positionalIndices[index]] = (value, index + 1)
            } else if index < positionalParameters.count, positionalParameters[index].kind == .positional {
                given[signature.positionalIndices[index]] = (value, index + 1)
            } else if let variadic = positionalParameters.last, variadic.kind == .variadic, index >= positionalParameters.count - 1,
                      variadic.type != .ints || takesSeparateInts(at: positionalParameters.count - 1, hasReceiver: hasReceiver) {
                variadicItems.append(value)
            } else {
                throw fail(tooManyPositionals(opName, positionalParameters, passed: positional.count, hasReceiver: hasReceiver))
            }
        }
        for (name, value) in keywords {
            guard let index = signature.parameters.firstIndex(where: { $0.name == name }),
                  signature.parameters[index].kind != .variadic || variadicItems.isEmpty else {
                if hasReceiver && signature.parameters.count == 1 {
                    throw fail(.typeError("TensorBase.\(opName)() takes no keyword arguments"))
                }
                throw fail(.typeError("\(opName)() got an unexpected keyword argument '\(name)'"))
            }
            if given[index] != nil { throw fail(.typeError("\(opName)() got multiple values for argument '\(name)'")) }
            given[index] = (value, nil)
        }
        var bound: [(name: String, value: OpArgument)] = []
        bound.reserveCapacity(signature.parameters.count)
        for (index, parameter) in signature.parameters.enumerated() {
            if parameter.kind == .variadic && given[index] == nil {
                if parameter.type == .ints {
                    guard !variadicItems.isEmpty || parameter.defaultText != nil else {
                        throw fail(.typeError("\(opName)() missing 1 required positional arguments: \"\(parameter.name)\""))
                    }
                    bound.append((parameter.name, try convertIntList(variadicItems, parameter: parameter.name, opName: opName, strict: strict)))
                    continue
                }
                let items = variadicItems.count == 1 && isSequence(variadicItems[0]) ? variadicItems[0] : .tuple(variadicItems)
                given[index] = (items, nil)
            }
            guard let (value, position) = given[index] else {
                guard parameter.defaultText != nil else {
                    // Native ops word it as PyTorch's C++ binding does, naming every missing
                    // argument with the plural inverted; `F.` functions are Python functions.
                    let missing = signature.parameters.indices.filter { place in
                        let candidate = signature.parameters[place]
                        return candidate.kind != .variadic && candidate.defaultText == nil && given[place] == nil
                    }.map { signature.parameters[$0] }
                    throw fail(.typeError(pythonWording ? "\(opName)() missing 1 required positional argument: '\(parameter.name)'"
                                          : "\(opName)() missing \(missing.count) required positional argument\(missing.count == 1 ? "s" : ""): "
                                            + missing.map { "\"\($0.name)\"" }.joined(separator: ", ")))
                }
                bound.append((parameter.name, parameter.defaultArgument ?? .none))
                continue
            }
            do {
                let type: OpParameterType = parameter.kind == .variadic && parameter.type == .ints ? .intTuple : parameter.type
                bound.append((parameter.name, try convert(value, to: type, opName: opName, parameter: parameter.name, index: index, strict: strict)))
            } catch let error as PythonError {
                throw fail(error.withArgumentPosition(position.map { $0 - (hasReceiver ? 1 : 0) }))
            }
        }
        return bound
    }

    /// PyTorch's wording: "takes no arguments (1 given)" for a method without parameters,
    /// "takes from 1 to 4 positional arguments" when some have defaults.
    private func tooManyPositionals(_ opName: String, _ parameters: [OpParameter], passed: Int, hasReceiver: Bool) -> PythonError {
        let offset = hasReceiver ? 1 : 0
        let (most, given) = (parameters.count - offset, passed - offset)
        if hasReceiver && most == 0 { return .typeError("TensorBase.\(opName)() takes no arguments (\(given) given)") }
        // An int list without a default is required even where it may be given as separate ints.
        let least = parameters.filter { $0.isRequired || ($0.kind == .variadic && $0.defaultText == nil) }.count - offset
        let range = least == most ? "\(most) positional argument\(most == 1 ? "" : "s")" : "from \(least) to \(most) positional arguments"
        return .typeError("\(opName)() takes \(range) but \(given) were given")
    }

    /// PyTorch's parser takes an int list as separate ints (`x.permute(1, 0)`, `torch.zeros(2, 3)`)
    /// only where it is the first argument after the receiver.
    private func takesSeparateInts(at index: Int, hasReceiver: Bool) -> Bool {
        index == (hasReceiver ? 1 : 0)
    }

    /// An int list passed as separate ints or as one sequence: `view(2, 3)`, `view((2, 3))`.
    /// One bare non-int is "must be tuple of ints"; a bad item of several is named by position.
    private func convertIntList(_ items: [Value], parameter: String, opName: String, strict: Bool) throws -> OpArgument {
        if items.count == 1, !isSequence(items[0]) {
            if isIntLike(items[0]) { return try convert(.tuple(items), to: .ints, opName: opName, parameter: parameter, strict: strict) }
            let error = PythonError.typeError("\(opName)(): argument '\(parameter)' (position 1) must be tuple of ints, not \(items[0].typeName)")
            throw strict ? OverloadMismatch() : error
        }
        return try convert(items.count == 1 ? items[0] : .tuple(items), to: .intTuple, opName: opName, parameter: parameter, strict: strict)
    }

    private func isSequence(_ value: Value) -> Bool {
        switch value {
        case .tuple, .list, .size: return true
        default: return false
        }
    }
}

/// A signature that does not fit the call; the next overload is tried.
struct OverloadMismatch: Error {}

private extension PythonError {
    /// PyTorch names the position of a badly typed argument: `(position 2)`.
    func withArgumentPosition(_ position: Int?) -> PythonError {
        guard type == "TypeError", let position, position > 0 else { return self }
        return .typeError(message.replacing("' must be", with: "' (position \(position)) must be"))
    }
}
