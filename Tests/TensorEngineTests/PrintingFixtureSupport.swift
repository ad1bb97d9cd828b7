import Testing
import TensorEngine

/// One tensor recorded from PyTorch with the exact `repr` it printed.
struct PrintingFixture: Sendable, CustomTestStringConvertible {
    let name: String
    let dtype: DType
    let shape: [Int]
    let options: PrintOptions
    /// Space-separated Python reprs of the elements, row-major: `1.5 nan -0.0`, `3`, `True`.
    let values: String
    let expected: String

    var testDescription: String { name }

    /// The recorded tensor, rebuilt contiguous in its own dtype.
    func makeTensor() throws -> Tensor {
        let tokens = values.split(separator: " ").map(String.init)
        switch dtype {
        case .bool: return try Tensor(values: tokens.map { $0 == "True" }, shape: shape)
        case .uint8: return try Tensor(values: tokens.map { UInt8($0)! }, shape: shape)
        case .int8: return try Tensor(values: tokens.map { Int8($0)! }, shape: shape)
        case .int16: return try Tensor(values: tokens.map { Int16($0)! }, shape: shape)
        case .int32: return try Tensor(values: tokens.map { Int32($0)! }, shape: shape)
        case .int64: return try Tensor(values: tokens.map { Int64($0)! }, shape: shape)
        // Parsing float32 text directly avoids double rounding through Double.
        case .float32: return try Tensor(values: tokens.map { Float($0)! }, shape: shape)
        case .float64: return try Tensor(values: tokens.map { Double($0)! }, shape: shape)
        // Each 16-bit value's Python repr reads back exactly as a Double.
        case .float16, .bfloat16: return try Tensor(values: tokens.map { Double($0)! }, shape: shape).to(dtype)
        }
    }
}
