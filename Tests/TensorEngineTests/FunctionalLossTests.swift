import Testing
@testable import TensorEngine

/// Loss kernels against values recorded from PyTorch 2.15 (float32, CPU).
@Suite struct FunctionalLossTests {
    let logits: Tensor
    let labels: Tensor

    init() throws {
        logits = try Tensor(values: [Float(2.0), 1.0, 0.1, 0.5, 2.5, -1.0, 0.0, 0.0, 3.0], shape: [3, 3])
        labels = try Tensor(values: [Int64(0), 1, 2], shape: [3])
    }

    @Test func crossEntropyWithClassIndices() throws {
        expectClose(try crossEntropy(logits, labels), [0.22171037], shape: [])
        expectClose(try crossEntropy(logits, labels, reduction: .none), [0.41702995, 0.15317824, 0.09492292], shape: [3])
        let weight = try Tensor(values: [Float(1), 2, 0.5], shape: [3])
        expectClose(try crossEntropy(logits, labels, weight: weight), [0.22024226], shape: [])
        let withIgnored = try Tensor(values: [Int64(0), -100, 2], shape: [3])
        expectClose(try crossEntropy(logits, withIgnored), [0.25597644], shape: [])
        expectClose(try crossEntropy(logits, labels, labelSmoothing: 0.1), [0.38171038], shape: [])
    }

    @Test func crossEntropyWithProbabilities() throws {
        let target = try logits.flip([0]).softmax(dim: 1)
        expectClose(try crossEntropy(logits, target), [1.82185447], shape: [])
    }

    @Test func crossEntropyEdgeCases() throws {
        let allIgnored = try Tensor(values: [Int64(-100), -100, -100], shape: [3])
        #expect(try crossEntropy(logits, allIgnored).doubles()[0].isNaN)
        expectClose(try crossEntropy(logits, allIgnored, reduction: .sum), [0], shape: [])
        let empty = try Tensor.zeros(shape: [0, 3], dtype: .float32)
        #expect(try crossEntropy(empty, try Tensor.zeros(shape: [0], dtype: .int64)).doubles()[0].isNaN)
        expectError(.indexError, "Target 5 is out of bounds.") {
            try crossEntropy(logits, try Tensor(values: [Int64(0), 1, 5], shape: [3]))
        }
        expectError(.valueError, "Expected input batch_size (3) to match target batch_size (2).") {
            try crossEntropy(logits, try Tensor(values: [Int64(0), 1], shape: [2]))
        }
        expectError(.notImplementedError, "\"log_softmax_lastdim_kernel_impl\" not implemented for 'Long'") {
            try crossEntropy(try logits.to(.int64), labels)
        }
    }

    @Test func binaryCrossEntropyClampsLogs() throws {
        let input = try Tensor(values: [Float(0), 1, 0.25], shape: [3])
        let target = try Tensor(values: [Float(1), 0, 1], shape: [3])
        expectClose(try binaryCrossEntropy(input, target, reduction: .none), [100, 100, 1.38629436], shape: [3])
        expectError(.runtimeError, "all elements of input should be between 0 and 1") {
            try binaryCrossEntropy(try Tensor(values: [Float(0.5), 1.5], shape: [2]), try Tensor(values: [Float(1), 0], shape: [2]))
        }
        let empty = try Tensor.zeros(shape: [0], dtype: .float32)
        #expect(try binaryCrossEntropy(empty, empty).doubles()[0].isNaN)
    }

    @Test func logitsAndDivergence() throws {
        let eye = try Factory.eye(rows: 3, columns: nil, dtype: .float32)
        let positive = try Tensor(values: [Float(1), 2, 3], shape: [3])
        expectClose(try binaryCrossEntropyWithLogits(logits, eye, positiveWeight: positive), [0.57352901], shape: [])
        let divergence = try klDivergence(try logits.logSoftmax(dim: 1), try logits.flip([0]).softmax(dim: 1), reduction: .batchMean)
        expectClose(divergence, [1.25871456], shape: [])
    }

    @Test func regressionLosses() throws {
        let other = try logits.flip([1])
        let doubled = try binary(.multiply, .tensor(other), .scalar(.float(2)))
        expectClose(try mseLoss(logits, other), [3.30222225], shape: [])
        expectClose(try l1Loss(logits, other), [1.42222226], shape: [])
        expectClose(try smoothL1Loss(logits, doubled, beta: 0.5), [2.30000019], shape: [])
        expectClose(try huberLoss(logits, doubled, delta: 0.5), [1.15000010], shape: [])
        expectError(.runtimeError, "huber_loss does not support non-positive values for delta.") {
            try huberLoss(logits, other, delta: 0)
        }
    }

    @Test func activationsAndLayerNorm() throws {
        let values = try Tensor(values: [Float(-1.5), 0.5], shape: [2])
        expectClose(try values.activation(.gelu(tanhApproximation: false)), [-0.10021086, 0.34573120], shape: [2])
        expectClose(try values.activation(.gelu(tanhApproximation: true)), [-0.10042843, 0.34571400], shape: [2])
        let wide = try Tensor(values: [Float(-1.5), 0.5, 30], shape: [3])
        expectClose(try wide.activation(.softplus(beta: 1, threshold: 20)), [0.20141329, 0.97407699, 30], shape: [3])
        expectClose(try logits.layerNorm(normalizedShape: [3]),
                    [1.24564648, -0.04295328, -1.20269299, -0.11624737, 1.27872086, -1.16247356, -0.70710498, -0.70710498, 1.41420996],
                    shape: [3, 3])
    }

    @Test func indexOps() throws {
        let index = try Tensor(values: [Int64(0), 2, 1], shape: [3, 1])
        expectClose(try logits.gather(dim: 1, index: index), [2, -1, 0], shape: [3, 1])
        let scattered = try Tensor.zeros(shape: [3, 3], dtype: .float32).scattered(dim: 1, index: index, source: .scalar(.float(1)))
        expectClose(scattered, [1, 0, 0, 0, 0, 1, 0, 1, 0], shape: [3, 3])
        #expect(try oneHot(labels).int64s() == [1, 0, 0, 0, 1, 0, 0, 0, 1])
        expectError(.runtimeError, "Class values must be smaller than num_classes.") { try oneHot(labels, classes: 2) }
        expectError(.runtimeError, "index 3 is out of bounds for dimension 1 with size 3") {
            try logits.gather(dim: 1, index: try Tensor(values: [Int64(3)], shape: [1, 1]))
        }
    }
}

private func expectClose(_ tensor: Tensor, _ expected: [Double], shape: [Int], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(tensor.shape == shape, sourceLocation: sourceLocation)
    let actual = tensor.doubles()
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (a, e) in zip(actual, expected) {
        #expect(Swift.abs(a - e) <= 1e-6 + 1e-5 * Swift.abs(e), "\(a) vs \(e)", sourceLocation: sourceLocation)
    }
}

private func expectError(
    _ kind: TensorError.Kind, _ message: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Tensor
) {
    do {
        _ = try body()
        Issue.record("expected \(kind.rawValue): \(message)", sourceLocation: sourceLocation)
    } catch let error as TensorError {
        #expect(error.kind == kind && error.message == message, "\(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}
