import Autograd
import TensorEngine

/// `F.max_pool3d`'s arguments: each size an int or three ints, the stride the kernel size
/// when omitted or empty, in the words of ATen's checks.
func maxPool3dEntry() -> (String, [String], FunctionalBody) {
    ("max_pool3d", ["input", "kernel_size", "stride", "padding", "dilation", "ceil_mode", "return_indices"], { _, bound in
        func triple(_ argument: String, _ value: Value, _ requirement: String) throws -> [Int] {
            let values = try toIntList(value, function: "max_pool3d", argument: argument)
            if values.count == 1 { return Array(repeating: values[0], count: 3) }
            guard values.count == 3 else { throw PythonError.runtimeError("max_pool3d: \(argument) must \(requirement)") }
            return values
        }
        let kernel = try triple("kernel_size", try bound.value("kernel_size"), "either be a single int, or a tuple of three ints")
        var stride = kernel
        if let given = bound.optional("stride"), !given.isNone, try !toIntList(given, function: "max_pool3d", argument: "stride").isEmpty {
            stride = try triple("stride", given, "either be omitted, a single int, or a tuple of three ints")
        }
        let window = Pooling3dWindow(
            kernel: kernel, stride: stride,
            padding: try triple("padding", bound.optional("padding") ?? .int(0), "either be a single int, or a tuple of three ints"),
            dilation: try triple("dilation", bound.optional("dilation") ?? .int(1), "be either a single int, or a tuple of three ints"),
            ceilMode: try bound.bool("ceil_mode", default: false))
        let (values, indices) = try Autodiff.maxPool3d(try bound.tensor("input"), window: window)
        return try bound.bool("return_indices", default: false) ? .tuple([.tensor(values), .tensor(indices)]) : .tensor(values)
    })
}
