import Autograd
import TensorEngine

/// `F.max_pool3d` and `F.avg_pool3d`: each size an int or three ints, the stride the
/// kernel size when omitted or empty, in the words of ATen's checks.
func pooling3dEntries() -> [(String, [String], FunctionalBody)] {
    [
        ("max_pool3d", ["input", "kernel_size", "stride", "padding", "dilation", "ceil_mode", "return_indices"], { _, bound in
            let window = try pooling3dWindow(bound, function: "max_pool3d", either: "either ", dilation: true)
            let (values, indices) = try Autodiff.maxPool3d(try bound.tensor("input"), window: window)
            return try bound.bool("return_indices", default: false) ? .tuple([.tensor(values), .tensor(indices)]) : .tensor(values)
        }),
        ("avg_pool3d", ["input", "kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override"], { _, bound in
            let pooling = AveragePooling3d(
                window: try pooling3dWindow(bound, function: "avg_pool3d", either: "", dilation: false),
                countIncludePad: try bound.bool("count_include_pad", default: true), divisorOverride: try bound.optionalInt("divisor_override"))
            return .tensor(try Autodiff.avgPool3d(try bound.tensor("input"), pooling: pooling))
        }),
    ]
}

/// The window of a 3-d pooling call; max pooling's messages say "must either be", average
/// pooling's "must be".
private func pooling3dWindow(_ bound: BoundArguments, function: String, either: String, dilation: Bool) throws -> Pooling3dWindow {
    func triple(_ argument: String, _ value: Value, _ requirement: String) throws -> [Int] {
        let values = try toIntList(value, function: function, argument: argument)
        if values.count == 1 { return Array(repeating: values[0], count: 3) }
        guard values.count == 3 else { throw PythonError.runtimeError("\(function): \(argument) must \(requirement)") }
        return values
    }
    let kernel = try triple("kernel_size", try bound.value("kernel_size"), "\(either)be a single int, or a tuple of three ints")
    var stride = kernel
    if let given = bound.optional("stride"), !given.isNone, try !toIntList(given, function: function, argument: "stride").isEmpty {
        stride = try triple("stride", given, "\(either)be omitted, a single int, or a tuple of three ints")
    }
    return Pooling3dWindow(
        kernel: kernel, stride: stride,
        padding: try triple("padding", bound.optional("padding") ?? .int(0), "\(either)be a single int, or a tuple of three ints"),
        dilation: dilation ? try triple("dilation", bound.optional("dilation") ?? .int(1), "be either a single int, or a tuple of three ints") : [1, 1, 1],
        ceilMode: try bound.bool("ceil_mode", default: false))
}
