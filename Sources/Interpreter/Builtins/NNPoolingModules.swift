import Autograd
import TensorEngine

/// `F.max_pool1d/2d/3d`, `F.avg_pool1d/2d/3d`, `F.adaptive_avg_pool1d/2d/3d`, `F.adaptive_max_pool1d/2d/3d` and their `nn` modules. A
/// module keeps its constructor's arguments as given, because its repr prints them so
/// (`MaxPool2d(kernel_size=2, stride=2, ...)` but `kernel_size=(2, 3)`).
extension Interpreter {
    func poolingModuleMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        for dims in ["1d", "2d"] {
            members["MaxPool" + dims] = poolingModule(
                "MaxPool" + dims, function: "max_pool" + dims, ["kernel_size", "stride", "padding", "dilation", "return_indices", "ceil_mode"],
                defaults: ["padding": .int(0), "dilation": .int(1), "return_indices": .bool(false), "ceil_mode": .bool(false)],
                shown: ["kernel_size", "stride", "padding", "dilation", "ceil_mode"])
            members["AvgPool" + dims] = poolingModule(
                "AvgPool" + dims, function: "avg_pool" + dims,
                ["kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override"],
                defaults: ["padding": .int(0), "ceil_mode": .bool(false), "count_include_pad": .bool(true)],
                shown: ["kernel_size", "stride", "padding"], showsOneTuples: dims == "1d")
            members["AdaptiveAvgPool" + dims] = poolingModule(
                "AdaptiveAvgPool" + dims, function: "adaptive_avg_pool" + dims, ["output_size"], defaults: [:], shown: ["output_size"])
        }
        members["MaxPool3d"] = poolingModule(
            "MaxPool3d", function: "max_pool3d", ["kernel_size", "stride", "padding", "dilation", "return_indices", "ceil_mode"],
            defaults: ["padding": .int(0), "dilation": .int(1), "return_indices": .bool(false), "ceil_mode": .bool(false)],
            shown: ["kernel_size", "stride", "padding", "dilation", "ceil_mode"])
        members["AvgPool3d"] = poolingModule(
            "AvgPool3d", function: "avg_pool3d", ["kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override"],
            defaults: ["padding": .int(0), "ceil_mode": .bool(false), "count_include_pad": .bool(true)], shown: ["kernel_size", "stride", "padding"])
        members["AdaptiveAvgPool3d"] = poolingModule(
            "AdaptiveAvgPool3d", function: "adaptive_avg_pool3d", ["output_size"], defaults: [:], shown: ["output_size"])
        for dims in ["1d", "2d", "3d"] {
            members["AdaptiveMaxPool" + dims] = poolingModule(
                "AdaptiveMaxPool" + dims, function: "adaptive_max_pool" + dims, ["output_size", "return_indices"],
                defaults: ["return_indices": .bool(false)], shown: ["output_size"])
        }
        return members
    }

    /// A module that calls `F.<function>` with its constructor's arguments; `stride`
    /// defaults to the kernel size, as the pooling modules' `__init__` sets it.
    /// `AvgPool1d` stores its sizes as 1-tuples (`_single`), so its repr shows `(2,)`.
    private func poolingModule(_ name: String, function: String, _ parameters: [String],
                               defaults: [String: Value], shown: [String], showsOneTuples: Bool = false) -> Value {
        .builtin(Builtin(name) { interpreter, arguments in
            let bound = try arguments.bind(name, parameters)
            var settings: [(name: String, value: Value)] = []
            for parameter in parameters {
                var value = bound.optional(parameter) ?? defaults[parameter] ?? .none
                if parameter == "stride", value.isNone { value = try bound.value("kernel_size") }
                settings.append((parameter, value))
            }
            let description = try shown.map { key in
                var value = settings.first { $0.name == key }!.value
                if showsOneTuples, case .int = value { value = .tuple([value]) }
                return "\(key)=\(try interpreter.repr(value))"
            }
            guard let functional = interpreter.functionalPoolingMembers()[function] else { throw PythonError.attributeError("no F.\(function)") }
            return .native(FunctionModule(name: name, description: description.joined(separator: ", ")) { interpreter, input in
                try interpreter.call(functional, CallArguments([.tensor(input)], keywords: settings))
            })
        })
    }

    func functionalPoolingMembers() -> [String: Value] {
        var entries: [(String, [String], FunctionalBody)] = []
        for spatialRank in [1, 2] {
            let suffix = "\(spatialRank)d"
            entries.append(("max_pool" + suffix, ["input", "kernel_size", "stride", "padding", "dilation", "ceil_mode", "return_indices"], { _, bound in
                let window = try poolingWindow(bound, function: "max_pool" + suffix, spatialRank: spatialRank, dilation: true)
                let outputs = try liftedPooling(try bound.tensor("input"), spatialRank: spatialRank, function: "max_pool" + suffix) {
                    let (values, indices) = try Autodiff.maxPool2d($0, window: window)
                    return [values, indices]
                }
                return try bound.bool("return_indices", default: false) ? .tuple(outputs.map { .tensor($0) }) : .tensor(outputs[0])
            }))
            entries.append(("avg_pool" + suffix, ["input", "kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override"], { _, bound in
                let window = try poolingWindow(bound, function: "avg_pool" + suffix, spatialRank: spatialRank, dilation: false)
                let divisor = AverageDivisor(countIncludePad: try bound.bool("count_include_pad", default: true),
                                             divisorOverride: try bound.optionalInt("divisor_override"))
                return .tensor(try liftedPooling(try bound.tensor("input"), spatialRank: spatialRank, function: "avg_pool" + suffix) {
                    [try Autodiff.avgPool2d($0, window: window, divisor: divisor)]
                }[0])
            }))
            entries.append(("adaptive_avg_pool" + suffix, ["input", "output_size"], { _, bound in
                let input = try bound.tensor("input")
                let outputSize = try adaptiveOutputSize(try bound.value("output_size"), input: input, spatialRank: spatialRank,
                                                        function: "adaptive_avg_pool" + suffix)
                guard outputSize.count == spatialRank else {
                    throw PythonError.runtimeError("adaptive_avg_pool\(suffix): output_size must be \(spatialRank)")
                }
                return .tensor(try liftedPooling(input, spatialRank: spatialRank, function: "adaptive_avg_pool" + suffix) {
                    [try Autodiff.adaptiveAvgPool2d($0, outputSize: spatialRank == 1 ? [1] + outputSize : outputSize)]
                }[0])
            }))
        }
        entries.append(contentsOf: pooling3dEntries())
        entries.append(("adaptive_avg_pool3d", ["input", "output_size"], { _, bound in
            let input = try bound.tensor("input")
            let outputSize = try adaptiveOutputSize(try bound.value("output_size"), input: input, spatialRank: 3, function: "adaptive_avg_pool3d")
            return .tensor(try Autodiff.adaptiveAvgPool3d(input, outputSize: outputSize))
        }))
        for spatialRank in [1, 2, 3] {
            let function = "adaptive_max_pool\(spatialRank)d"
            entries.append((function, ["input", "output_size", "return_indices"], { _, bound in
                let input = try bound.tensor("input")
                let outputSize = try adaptiveOutputSize(try bound.value("output_size"), input: input, spatialRank: spatialRank, function: function)
                let outputs = try liftedPooling(input, spatialRank: spatialRank, function: function) {
                    let (values, indices) = try Autodiff.adaptiveMaxPool($0, spatialRank: Swift.max(spatialRank, 2),
                                                                         outputSize: spatialRank == 1 ? [1] + outputSize : outputSize)
                    return [values, indices]
                }
                return try bound.bool("return_indices", default: false) ? .tuple(outputs.map { .tensor($0) }) : .tensor(outputs[0])
            }))
        }
        return functionalTable(entries)
    }
}

/// Runs a 2-d pooling, which returns its outputs (the values, and for max pooling the
/// indices); a 1-d one runs on the input with a height of one inserted and removed from
/// each output after, so its last node is `SqueezeBackward1`, as in PyTorch.
private func liftedPooling(_ input: Tensor, spatialRank: Int, function: String, _ pool: (Tensor) throws -> [Tensor]) throws -> [Tensor] {
    guard spatialRank == 1 else { return try pool(input) }
    guard input.rank == 2 || input.rank == 3 else {
        throw PythonError.runtimeError(function == "max_pool1d"
            ? "max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:\(formatShape(input.shape))"
            : "Expected 2 to 3 dimensions, but got \(input.rank)-dimensional tensor for argument #1 'self' (while checking arguments for \(function))")
    }
    return try pool(try Autodiff.unsqueeze(input, -2)).map { try Autodiff.squeeze($0, [-2]) }
}

/// An adaptive pooling's output size: an int for every spatial dim, or a sequence. In 2-d
/// and 3-d, functional.py's `_list_with_default` replaces a None by the size of the input
/// dim it lines up with, counting from the last; the kernels check the count after. A 1-d
/// pooling takes ints only, exactly one.
private func adaptiveOutputSize(_ requested: Value, input: Tensor, spatialRank: Int, function: String) throws -> [Int] {
    var items: [Value]
    switch requested {
    case let .tuple(values): items = values
    case let .list(list): items = list.items
    case let .size(sizes): items = sizes.map { .int(Int64($0)) }
    default: return Array(repeating: try toInt(requested, function: function, argument: "output_size"), count: spatialRank)
    }
    if spatialRank == 1 {
        guard items.count == 1 else {
            throw PythonError.runtimeError("\(function)() argument 'output_size' should contain one int (got \(items.count))")
        }
        if items[0].isNone {
            throw PythonError.typeError("\(function)(): argument 'output_size' (position 2) must be tuple of ints, but found element of type NoneType at pos 0")
        }
        return [try toInt(items[0], function: function, argument: "output_size")]
    }
    guard input.rank > items.count else { throw PythonError.valueError("Input dimension should be at least \(items.count + 1)") }
    return try items.enumerated().map { index, item in
        item.isNone ? input.shape[input.rank - items.count + index] : try toInt(item, function: function, argument: "output_size")
    }
}

/// kernel_size, stride (the kernel size when absent or empty), padding, dilation and
/// ceil_mode of a 2-d pooling call.
private func poolingWindow(_ bound: BoundArguments, function: String, spatialRank: Int, dilation hasDilation: Bool) throws -> PoolingWindow {
    // A 1-d window is a 2-d one of height one (stride 1, no padding, dilation 1).
    func pair(_ argument: String, _ value: Value) throws -> [Int] {
        let values = try toIntList(value, function: function, argument: argument)
        if spatialRank == 1 {
            guard values.count == 1 else { throw PythonError.runtimeError("\(function): \(argument) must be a single int or a 1-tuple") }
            return [argument == "kernel_size" || argument == "stride" || argument == "dilation" ? 1 : 0, values[0]]
        }
        if values.count == 1 { return [values[0], values[0]] }
        guard values.count == 2 else {
            let allowed = ["stride": "must either be omitted, a single int, or a tuple of two ints",
                           "dilation": "must be either a single int, or a tuple of two ints"]
            throw PythonError.runtimeError(
                "\(function): \(argument) \(allowed[argument] ?? "must either be a single int, or a tuple of two ints")")
        }
        return values
    }
    let kernel = try pair("kernel_size", try bound.value("kernel_size"))
    var stride = kernel
    if let given = bound.optional("stride"), try !toIntList(given, function: function, argument: "stride").isEmpty {
        stride = try pair("stride", given)
    }
    return PoolingWindow(
        kernel: kernel, stride: stride, padding: try pair("padding", bound.optional("padding") ?? .int(0)),
        dilation: hasDilation ? try pair("dilation", bound.optional("dilation") ?? .int(1)) : [1, 1],
        ceilMode: try bound.bool("ceil_mode", default: false))
}
