/// A small deterministic source of 64-bit patterns (an LCG with its high bits folded in),
/// for tests that sweep raw float bit patterns or integer keys.
struct TestBitGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state ^ (state >> 29)
    }
}
