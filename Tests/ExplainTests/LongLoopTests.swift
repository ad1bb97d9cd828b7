@testable import Explain
import TensorEngine
import Testing

/// Explaining a long loop keeps one step per line of code, says how many runs it left
/// out, and does not keep every iteration's tensors alive.
@Suite("explain on long loops", .serialized)
struct LongLoopTests {
    @Test("a loop's step says how many runs are not shown")
    func countsHiddenRuns() {
        let text = TextRenderer().render(explain("x = torch.zeros(3)\nfor i in range(1200):\n    y = x + i\n"))
        #expect(text.contains("this ran 1,200 times (a loop); the first run is shown, 1,199 more runs are not"), "\(text)")
    }

    @Test("tensors of past iterations are freed while the loop runs")
    func dropsPastIterationTensors() {
        let before = MemoryBudget.liveBytes
        // 20 iterations of a 4 MB tensor: 80 MB if every one were kept.
        let explanation = explain("x = torch.zeros(1000000)\nfor i in range(20):\n    y = x + i\nz = torch.zeros(1)\n")
        let held = MemoryBudget.liveBytes - before
        #expect(explanation.error == nil)
        #expect(held < 24 << 20, "explain holds \(held >> 20) MiB after the loop")
    }
}
