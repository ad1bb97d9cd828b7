import Testing
@testable import TensorEngine

/// `unique`'s radix sort against Swift's sort, over narrow and full 64-bit key ranges.
@Suite struct IntegerRadixSortTests {
    @Test("the radix sort orders keys like sort() and carries positions stably")
    func radixSortMatchesSort() throws {
        var generator = TestBitGenerator(state: 5)
        for range: UInt64 in [3, 1000, 70_000, UInt64.max] {
            let original = (0..<5000).map { _ -> Int64 in
                range == .max ? Int64(bitPattern: generator.next()) : Int64(generator.next() % range) - Int64(range / 2)
            }
            var keys = original
            var positions: [Int64]? = Array(0..<Int64(original.count))
            try IntegerRadixSort.sort(&keys, positions: &positions)
            #expect(keys == original.sorted())
            let expected = original.indices.sorted { (original[$0], $0) < (original[$1], $1) }.map(Int64.init)
            #expect(positions == expected)
        }
    }
}
