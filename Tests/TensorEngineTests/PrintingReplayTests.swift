import Testing
import TensorEngine

/// Replays every repr recorded from PyTorch by Tests/Scripts/record_printing.py.
@Suite struct PrintingReplayTests {
    @Test func fixturesWereRecorded() {
        #expect(printingFixtures.count >= 150)
    }

    @Test(arguments: printingFixtures)
    func reprMatchesPyTorch(_ fixture: PrintingFixture) throws {
        let tensor = try fixture.makeTensor()
        #expect(tensor.repr(options: fixture.options) == fixture.expected)
    }

    @Test func defaultReprUsesCurrentOptions() throws {
        let tensor = try Tensor(values: [Float(0.1), 1.5, -2.25], shape: [3])
        #expect(PrintOptions.current == PrintOptions())
        #expect(tensor.repr == "tensor([ 0.1000,  1.5000, -2.2500])")
    }

    /// The printer walks strides, so a transposed view prints like its contiguous copy.
    @Test func nonContiguousViewPrintsInLogicalOrder() throws {
        let tensor = try Tensor(values: [Int32](0..<6), shape: [2, 3])
        let transposed = tensor.viewing(View(shape: [3, 2], strides: [1, 3], offset: 0))
        #expect(transposed.repr(options: PrintOptions()) == """
            tensor([[0, 3],
                    [1, 4],
                    [2, 5]], dtype=torch.int32)
            """)
        let column = tensor.viewing(View(shape: [2], strides: [3], offset: 2))
        #expect(column.repr(options: PrintOptions()) == "tensor([2, 5], dtype=torch.int32)")
    }
}
