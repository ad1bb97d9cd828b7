/// MT19937 exactly as PyTorch's `at::mt19937` (aten/src/ATen/core/MT19937RNGEngine.h):
/// `init_genrand` seeding from the low 32 bits of the seed, and a twist on the first draw.
///
/// A struct holding a pointer to state owned by its `Generator`, so hot loops can copy it
/// into a local, draw without class-property access (and its exclusivity checks), and
/// store the index back when done.
struct MersenneTwister {
    static let stateSize = 624
    static let shift = 397

    /// `stateSize` words, allocated and freed by the owning generator.
    let state: UnsafeMutablePointer<UInt32>
    /// Index of the next word to temper; `stateSize` means the state must twist first.
    var nextIndex: Int

    init(state: UnsafeMutablePointer<UInt32>) {
        self.state = state
        self.nextIndex = MersenneTwister.stateSize
    }

    mutating func seed(_ seed: UInt32) {
        state[0] = seed
        for index in 1..<MersenneTwister.stateSize {
            let previous = state[index - 1]
            state[index] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(truncatingIfNeeded: index)
        }
        nextIndex = MersenneTwister.stateSize
    }

    @inline(__always)
    mutating func nextUInt32() -> UInt32 {
        if nextIndex == MersenneTwister.stateSize { twist() }
        var y = state[nextIndex]
        nextIndex &+= 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// PyTorch's `random64()`: the first draw is the high half.
    @inline(__always)
    mutating func nextUInt64() -> UInt64 {
        let high = UInt64(nextUInt32())
        let low = UInt64(nextUInt32())
        return (high << 32) | low
    }

    /// `at::uniform_real_distribution<float>(0, 1)`: 24 random bits scaled by 2^-24, in [0, 1).
    @inline(__always)
    mutating func nextFloat() -> Float {
        Float(nextUInt32() & 0x00ff_ffff) * (1.0 as Float / 16_777_216)
    }

    /// `at::uniform_real_distribution<double>(0, 1)`: 53 random bits of a 64-bit draw.
    @inline(__always)
    mutating func nextDouble() -> Double {
        Double(nextUInt64() & ((1 << 53) - 1)) * (1.0 as Double / 9_007_199_254_740_992)
    }

    @inline(never)
    mutating func twist() {
        let size = MersenneTwister.stateSize
        let shift = MersenneTwister.shift
        @inline(__always) func mix(_ upper: UInt32, _ lower: UInt32) -> UInt32 {
            let bits = (upper & 0x8000_0000) | (lower & 0x7fff_ffff)
            return (bits >> 1) ^ ((lower & 1) != 0 ? 0x9908_b0df : 0)
        }
        for index in 0..<(size - shift) {
            state[index] = state[index + shift] ^ mix(state[index], state[index + 1])
        }
        for index in (size - shift)..<(size - 1) {
            state[index] = state[index + shift - size] ^ mix(state[index], state[index + 1])
        }
        state[size - 1] = state[shift - 1] ^ mix(state[size - 1], state[0])
        nextIndex = 0
    }
}
