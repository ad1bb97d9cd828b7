import Glibc

/// CPython's `random.Random`: MT19937 seeded by `init_by_array` over the seed's 32-bit
/// words, and the same derivations (`random()` from two draws, `_randbelow` by rejection
/// over `getrandbits`), so `random.seed(0); random.random()` is 0.8444218515250481 here too.
/// (PyTorch's generator seeds the same twister differently, with `init_genrand`.)
struct PythonRandom {
    private static let size = 624
    private static let shift = 397
    private var state = [UInt32](repeating: 0, count: PythonRandom.size)
    private var index = PythonRandom.size
    /// `gauss()` makes two values at a time and keeps the second for the next call.
    var nextGauss: Double?

    /// `seed` is the magnitude of an int seed; nil seeds from the clock, as CPython does
    /// from the OS when `random.seed()` gets no argument.
    init(seed: UInt64?) { reseed(seed) }

    /// numpy's legacy `RandomState(seed)`: the same twister, seeded by `init_genrand`
    /// from the 32-bit seed itself rather than by `init_by_array`.
    init(numpyLegacySeed seed: UInt32) { initGenrand(seed) }

    mutating func reseed(_ seed: UInt64?) {
        var value = seed ?? {
            var now = timespec()
            clock_gettime(CLOCK_REALTIME, &now)
            return UInt64(now.tv_sec) &* 1_000_000_007 &+ UInt64(now.tv_nsec)
        }()
        var key: [UInt32] = []
        repeat {
            key.append(UInt32(truncatingIfNeeded: value))
            value >>= 32
        } while value != 0
        initByArray(key)
        nextGauss = nil
    }

    private mutating func initGenrand(_ seed: UInt32) {
        state[0] = seed
        for position in 1..<Self.size {
            let previous = state[position - 1]
            state[position] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(position)
        }
        index = Self.size
    }

    private mutating func initByArray(_ key: [UInt32]) {
        initGenrand(19_650_218)
        var i = 1
        var j = 0
        for _ in 0..<max(Self.size, key.count) {
            let previous = state[i - 1]
            state[i] = (state[i] ^ ((previous ^ (previous >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(j)
            i += 1
            j += 1
            if i >= Self.size { state[0] = state[Self.size - 1]; i = 1 }
            if j >= key.count { j = 0 }
        }
        for _ in 0..<(Self.size - 1) {
            let previous = state[i - 1]
            state[i] = (state[i] ^ ((previous ^ (previous >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= Self.size { state[0] = state[Self.size - 1]; i = 1 }
        }
        state[0] = 0x8000_0000
    }

    private mutating func twist() {
        func mix(_ upper: UInt32, _ lower: UInt32) -> UInt32 {
            let bits = (upper & 0x8000_0000) | (lower & 0x7fff_ffff)
            return (bits >> 1) ^ ((lower & 1) != 0 ? 0x9908_b0df : 0)
        }
        for position in 0..<Self.size {
            let next = (position + 1) % Self.size
            state[position] = state[(position + Self.shift) % Self.size] ^ mix(state[position], state[next])
        }
        index = 0
    }

    mutating func nextUInt32() -> UInt32 {
        if index >= Self.size { twist() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// `random()`: 53 bits from two draws, in [0, 1).
    mutating func random() -> Double {
        let high = Double(nextUInt32() >> 5)
        let low = Double(nextUInt32() >> 6)
        return (high * 67_108_864.0 + low) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for k up to 64: 32-bit words, least significant first, the last one
    /// keeping its high bits.
    mutating func randomBits(_ count: Int) -> UInt64 {
        var result: UInt64 = 0
        var remaining = count
        var offset: UInt64 = 0
        while remaining > 0 {
            var word = UInt64(nextUInt32())
            if remaining < 32 { word >>= UInt64(32 - remaining) }
            result |= word << offset
            offset += 32
            remaining -= 32
        }
        return result
    }

    /// `_randbelow(n)`: draws `n.bit_length()` bits until the value is below n.
    mutating func below(_ bound: UInt64) -> UInt64 {
        guard bound > 0 else { return 0 }
        let bits = 64 - bound.leadingZeroBitCount
        var value = randomBits(bits)
        while value >= bound { value = randomBits(bits) }
        return value
    }

    mutating func gauss(mean: Double, deviation: Double) -> Double {
        if let pending = nextGauss {
            nextGauss = nil
            return mean + pending * deviation
        }
        let angle = random() * 2 * Double.pi
        let radius = (-2.0 * Glibc.log(1.0 - random())).squareRoot()
        nextGauss = Glibc.sin(angle) * radius
        return mean + Glibc.cos(angle) * radius * deviation
    }
}
