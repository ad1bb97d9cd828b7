import Autograd
import TensorEngine

/// `F.max_pool2d`, `F.avg_pool2d`, `F.adaptive_avg_pool2d` and their `nn` modules. A
/// module keeps its constructor's arguments as given, because its repr prints them so
/// (`MaxPool2d(kernel_size=2, stride=2, ...)` but `kernel_size=(2, 3)`).
extension Interpreter {
    func poolingModuleMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        members["MaxPool2d"] = poolingModule("MaxPool2d", function: "max_pool2d",
                                             ["kernel_size", "stride", "padding", "dilation", "return_indices", "ceil_mode"],
                                             defaults: ["padding": .int(0), "dilation": .int(1), "return_indices": .bool(false), "ceil_mode": .bool(false)],
                                             shown: ["kernel_size", "stride", "padding", "dilation", "ceil_mode"])
        members["AvgPool2d"] = poolingModule("AvgPool2d", function: "avg_pool2d",
                                             ["kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override"],
                                             defaults: ["padding": .int(0), "ceil_mode": .bool(false), "count_include_pad": .bool(true)],
                                             shown: ["kernel_size", "stride", "padding"])
        members["AdaptiveAvgPool2d"] = poolingModule("AdaptiveAvgPool2d", function: "adaptive_avg_pool2d", ["output_size"],
                                                     defaults: [:], shown: ["output_size"])
        return members
    }

    /// A module that calls `F.<function>` with its constructor's arguments; `stride`
    /// defaults to the kernel size, as the pooling modules' `__init__` sets it.
    private func poolingModule(_ name: String, function: String, _ parameters: [String],
                               defaults: [String: Value], shown: [String]) -> Value {
        .builtin(Builtin(name) { interpreter, arguments in
            let bound = try arguments.bind(name, parameters)
            var settings: [(name: String, value: Value)] = []
            for parameter in parameters {
                var value = bound.optional(parameter) ?? defaults[parameter] ?? .none
                if parameter == "stride", value.isNone { value = try bound.value("kernel_size") }
                settings.append((parameter, value))
            }
            let description = try shown.map { key in "\(key)=\(try interpreter.repr(settings.first { $0.name == key }!.value))" }
            let functional = try interpreter.functionalLayer(function)
            return .native(FunctionModule(name: name, description: description.joined(separator: ", ")) { interpreter, input in
                try interpreter.call(functional, CallArguments([.tensor(input)], keywords: settings))
            })
        })
    }

    private func functionalLayer(_ name: String) throws -> Value {
        guard let function = functionalPoolingMembers()[name] else { throw PythonError.attributeError("no F.\(name)") }
        return function
    }

    func functionalPoolingMembers() -> [String: Value] {
        functionalTable([
            ("max_pool2d", ["input", "kernel_size", "stride", "padding", "dilation", "ceil_mode", "return_indices"], { _, bound in
                let window = try poolingWindow(bound, function: "max_pool2d", dilation: true)
                let (values, indices) = try Autodiff.maxPool2d(try bound.tensor("input"), window: window)
                return try bound.bool("return_indices", default: false) ? .tuple([.tensor(values), .tensor(indices)]) : .tensor(values)
            }),
            ("avg_pool2d", ["input", "kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override"], { _, bound in
                let window = try poolingWindow(bound, function: "avg_pool2d", dilation: false)
                let divisor = AverageDivisor(countIncludePad: try bound.bool("count_include_pad", default: true),
                                             divisorOverride: try bound.optionalInt("divisor_override"))
                return .tensor(try Autodiff.avgPool2d(try bound.tensor("input"), window: window, divisor: divisor))
            }),
            ("adaptive_avg_pool2d", ["input", "output_size"], { _, bound in
                let input = try bound.tensor("input")
                let requested = try bound.value("output_size")
                var items: [Value]
                switch requested {
                case let .tuple(values): items = values
                case let .list(list): items = list.items
                case let .size(sizes): items = sizes.map { .int(Int64($0)) }
                default: items = [requested, requested]
                }
                guard items.count == 2 else { throw PythonError.runtimeError("adaptive_avg_pool2d: output_size must be 2") }
                // None keeps that dim's input size.
                let outputSize = try items.enumerated().map { index, item in
                    item.isNone ? input.shape[Swift.max(input.rank - 2 + index, 0)]
                        : try toInt(item, function: "adaptive_avg_pool2d", argument: "output_size")
                }
                return .tensor(try Autodiff.adaptiveAvgPool2d(input, outputSize: outputSize))
            }),
        ])
    }
}

/// kernel_size, stride (the kernel size when absent or empty), padding, dilation and
/// ceil_mode of a 2-d pooling call.
private func poolingWindow(_ bound: BoundArguments, function: String, dilation hasDilation: Bool) throws -> PoolingWindow {
    func pair(_ argument: String, _ value: Value) throws -> [Int] {
        let values = try toIntList(value, function: function, argument: argument)
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
