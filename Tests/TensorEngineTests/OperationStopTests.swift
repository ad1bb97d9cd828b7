import Foundation
@testable import TensorEngine
import Testing

/// Long engine ops give up when a stop is requested (Ctrl-C, a timeout), and the
/// sort they use to make that possible sorts as the standard library does.
@Suite("stopping long operations", .serialized)
struct OperationStopTests {
    /// Values in a fixed scrambled order, with repeats (no draw from the shared generator).
    private static func scrambled(count: Int) throws -> Tensor {
        try Tensor(values: (0..<count).map { Double(($0 &* 7919) % 100_003) }, shape: [count])
    }

    private static func raisedFlag() -> StopFlag {
        let flag = StopFlag()
        flag.raise()
        return flag
    }

    @Test("each long op throws KeyboardInterrupt's kind when a stop is already requested", arguments: [
        "sort", "stable sort", "topk", "median", "median(dim)", "unique", "matmul", "matmul float64", "cumsum", "cat",
    ])
    func throwsWhenStopped(_ name: String) throws {
        let doubles = try Self.scrambled(count: 90_000).reshape([300, 300])
        let values = try doubles.to(.float32)
        let operations: [String: () throws -> Void] = [
            "sort": { _ = try values.flatten().sort(dim: 0, descending: false, stable: false) },
            "stable sort": { _ = try values.flatten().sort(dim: 0, descending: false, stable: true) },
            "topk": { _ = try values.flatten().topk(10, dim: 0, largest: true, sorted: true) },
            "median": { _ = try values.median() },
            "median(dim)": { _ = try values.median(dim: 1, keepDim: false) },
            "unique": { _ = try values.unique(sorted: true, returnInverse: false, returnCounts: false, dim: nil) },
            "matmul": { _ = try values.matmul(values) },
            "matmul float64": { _ = try doubles.matmul(doubles) },
            "cumsum": { _ = try values.cumsum(dim: 1) },
            "cat": { _ = try concatenate([values, values], dim: 0) },
        ]
        let operation = try #require(operations[name])
        // A Ctrl-C another suite simulated and left unreported would stop this one too.
        OperationStop.interruptRequested = false
        try operation()
        #expect(throws: TensorError(.interrupted, "")) {
            try OperationStop.use(Self.raisedFlag()) { try operation() }
        }
    }

    @Test("a stop requested during a long sort ends it early")
    func interruptsRunningSort() throws {
        let keys = try Self.scrambled(count: 1 << 19)
        OperationStop.interruptRequested = false
        let flag = StopFlag()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { flag.raise() }
        let started = Date()
        #expect(throws: TensorError(.interrupted, "")) {
            try OperationStop.use(flag) { _ = try keys.sort(dim: 0, descending: false, stable: true) }
        }
        let uninterrupted = Date()
        _ = try keys.sort(dim: 0, descending: false, stable: true)
        let stoppedAfter = uninterrupted.timeIntervalSince(started), fullSort = Date().timeIntervalSince(uninterrupted)
        #expect(stoppedAfter < fullSort, "stopped after \(stoppedAfter) s; the whole sort takes \(fullSort) s")
    }

    @Test("the block-merging sort equals the standard library's stable sort", arguments: [0, 1, 65_536, 65_537, 300_001])
    func stoppableSortMatchesStandardSort(_ count: Int) {
        var generator = SystemRandomNumberGenerator()
        // Few distinct keys, so ties are everywhere and stability shows.
        let pairs = (0..<count).map { (key: Int.random(in: 0..<50, using: &generator), position: $0) }
        var sorted = pairs
        sorted.stoppableSort { $0.key < $1.key }
        let expected = pairs.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(\.element)
        #expect(sorted.map(\.position) == expected.map(\.position))
    }

    @Test("random fills throw when a stop is requested, and fill as before otherwise", arguments: [
        "rand", "randn", "normal_", "uniform_", "exponential_", "bernoulli_", "randint", "randperm", "strided uniform_",
    ])
    func randomFillsStop(_ name: String) throws {
        let count = 1 << 18
        let fills: [String: (Generator) throws -> Tensor] = [
            "rand": { try $0.rand(shape: [count], dtype: .float32) },
            "randn": { try $0.randn(shape: [count], dtype: .float32) },
            "normal_": { generator in let t = try Tensor.zeros(shape: [count], dtype: .float64); try generator.normal_(t, mean: 1, std: 2); return t },
            "uniform_": { generator in let t = try Tensor.zeros(shape: [count], dtype: .float32); try generator.uniform_(t, from: -1, to: 1); return t },
            "exponential_": { generator in let t = try Tensor.zeros(shape: [count], dtype: .float32); try generator.exponential_(t, lambda: 2); return t },
            "bernoulli_": { generator in let t = try Tensor.zeros(shape: [count], dtype: .float32); try generator.bernoulli_(t, p: 0.9); return t },
            "randint": { try $0.randint(low: 0, high: 10, shape: [count], dtype: .int64) },
            "randperm": { try $0.randperm(count, dtype: .int64) },
            "strided uniform_": { generator in
                let t = try Tensor.zeros(shape: [512, 512], dtype: .float32).transpose(0, 1)
                try generator.uniform_(t, from: 0, to: 1)
                return t
            },
        ]
        let fill = try #require(fills[name])
        OperationStop.interruptRequested = false
        #expect(throws: TensorError(.interrupted, "")) {
            try OperationStop.use(Self.raisedFlag()) { _ = try fill(Generator(seed: 7)) }
        }
        // Without a stop, two generators with one seed give the same draws, and the
        // stoppable loops leave no element unfilled (uniform draws are never exactly 0
        // for every element, nor is a permutation all zeros).
        let first = try fill(Generator(seed: 7)), second = try fill(Generator(seed: 7))
        #expect(first.doubles() == second.doubles())
        let zeros = first.doubles().filter { $0 == 0 }.count
        #expect(zeros < count / 2, "\(zeros) of \(count) elements are zero")
    }
}
