import Testing
@testable import TensorEngine

/// An input built like the recording script builds it: ((arange(n) * scale) % modulus
/// + offset) in Double, nans placed, then converted to the dtype.
struct GoldenInput {
    let shape: [Int]
    let scale: Double
    let offset: Double
    let modulus: Double?
    let dtype: DType
    let nans: [Int]

    func make() throws -> Tensor {
        let count = shape.reduce(1, *)
        var values = (0..<count).map { index -> Double in
            var value = Double(index) * scale
            if let modulus { value = value - (value / modulus).rounded(.down) * modulus }
            return value + offset
        }
        for index in nans { values[index] = .nan }
        return try ResultBuilder.tensor(doubles: values, shape: shape, dtype: dtype)
    }
}

/// One recorded PyTorch result; see Tests/Scripts/record_reductions.py for the ops.
struct ReductionGolden {
    let name: String
    let op: String
    let a: GoldenInput
    let b: GoldenInput?
    let dims: [Int]
    let keepDim: Bool
    let param: Double
    let flag: Bool
    let equation: String
    let shape: [Int]
    let dtype: DType
    let values: [Double]
    let indices: [Int64]?
}

/// A tensor from a formula: (arange(n) * scale + offset) viewed as `shape`.
func rampTensor(_ shape: [Int], scale: Double = 0.37, offset: Double = -2.0, dtype: DType = .float32) throws -> Tensor {
    try GoldenInput(shape: shape, scale: scale, offset: offset, modulus: nil, dtype: dtype, nans: []).make()
}

func floatTensor(_ values: [Float], _ shape: [Int]) throws -> Tensor { try Tensor(values: values, shape: shape) }
func longTensor(_ values: [Int64], _ shape: [Int]) throws -> Tensor { try Tensor(values: values, shape: shape) }

/// The judging tolerance: 1e-6 + 1e-5·|expected|; nan matches nan.
func isWithinTolerance(_ actual: Double, _ expected: Double) -> Bool {
    if expected.isNaN { return actual.isNaN }
    if expected.isInfinite { return actual == expected }
    return Swift.abs(actual - expected) <= 1e-6 + 1e-5 * Swift.abs(expected)
}

func expectTensorValues(
    _ tensor: Tensor, _ expected: [Double], shape: [Int], dtype: DType,
    _ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(tensor.shape == shape, "shape \(comment)", sourceLocation: sourceLocation)
    #expect(tensor.dtype == dtype, "dtype \(comment)", sourceLocation: sourceLocation)
    let actual = tensor.doubles()
    #expect(actual.count == expected.count, "count \(comment)", sourceLocation: sourceLocation)
    for (index, (a, e)) in zip(actual, expected).enumerated() where !isWithinTolerance(a, e) {
        Issue.record("\(comment) element \(index): got \(a), expected \(e)", sourceLocation: sourceLocation)
        return
    }
}

func expectTensorError(
    _ kind: TensorError.Kind, _ message: String,
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Any
) {
    do {
        _ = try body()
        Issue.record("expected \(kind.rawValue): \(message)", sourceLocation: sourceLocation)
    } catch let error as TensorError {
        #expect(error.kind == kind, sourceLocation: sourceLocation)
        #expect(error.message == message, sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}
