import Testing
@testable import TensorEngine

/// float32 cumsum against a slow reference that walks each lane by its index and keeps a
/// double running sum, as PyTorch's CPU kernel does.
@Suite struct CumulativeSumTests {
    private func reference(_ values: [Float], shape: [Int], dim: Int) -> [Float] {
        let inner = shape[(dim + 1)...].reduce(1, *), length = shape[dim]
        let outer = shape[..<dim].reduce(1, *)
        var result = [Float](repeating: 0, count: values.count)
        for block in 0..<outer {
            for lane in 0..<inner {
                var running = 0.0
                for step in 0..<length {
                    let index = (block * length + step) * inner + lane
                    running += Double(values[index])
                    result[index] = Float(running)
                }
            }
        }
        return result
    }

    @Test func everyDimMatchesTheDoubleAccumulatingReference() throws {
        let shape = [5, 6, 7]
        // Every fifth value carries a large term, so float and double running sums part.
        let values: [Float] = (0..<210).map { index -> Float in
            let small = Float((index * 37) % 23) * 0.731 - 7.3
            let large: Float = index % 5 == 0 ? 3e6 : 0
            return small + large
        }
        let tensor = try Tensor(values: values, shape: shape)
        for dim in 0..<3 {
            let result = try tensor.cumsum(dim: dim)
            #expect(result.dtype == .float32 && result.shape == shape)
            #expect(result.elements(as: Float.self) == reference(values, shape: shape, dim: dim), "dim \(dim)")
        }
        #expect(try tensor.cumsum(dim: -1).elements(as: Float.self) == reference(values, shape: shape, dim: 2))
    }

    @Test func smallTermsSurviveALargeOneThatCancelsLater() throws {
        // Rounding each partial sum to float would lose the four ones and end at 0.
        let tensor = try Tensor(values: [Float(1e8), 1, 1, 1, 1, -1e8, -0.0], shape: [7])
        #expect(try tensor.cumsum(dim: 0).elements(as: Float.self) == [1e8, 1e8, 1e8, 1e8, 1e8, 4, 4])
        let zeros = try Tensor(values: [Float(-0.0), -0.0], shape: [2]).cumsum(dim: 0).elements(as: Float.self)
        #expect(zeros.allSatisfy { $0 == 0 && $0.sign == .plus })
    }

    @Test func stridedAndEmptyInputs() throws {
        let values = (0..<12).map { Float($0) * 0.1 + 0.05 }
        let transposed = try Tensor(values: values, shape: [3, 4]).t()
        let contiguous = transposed.elements(as: Float.self)
        #expect(try transposed.cumsum(dim: 1).elements(as: Float.self) == reference(contiguous, shape: [4, 3], dim: 1))
        #expect(try transposed.cumsum(dim: 0).elements(as: Float.self) == reference(contiguous, shape: [4, 3], dim: 0))
        let empty = try Tensor(values: [Float](), shape: [2, 0, 3]).cumsum(dim: 1)
        #expect(empty.shape == [2, 0, 3])
    }
}
