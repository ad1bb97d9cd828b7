import Glibc
import TensorEngine

/// `np.random`: numpy's legacy `RandomState` (what `np.random.seed` seeds), drawing the
/// same numbers as numpy: MT19937 seeded by `init_genrand`, doubles from two 32-bit
/// draws, the polar Box-Muller `gauss` with its cached second value, and bounded integers
/// by masked rejection.
final class NumPyRandomState {
    private var twister: PythonRandom
    private var cachedGauss: Double?

    init(seed: UInt32?) { twister = PythonRandom(numpyLegacySeed: seed ?? NumPyRandomState.clockSeed()) }

    func reseed(_ seed: UInt32?) {
        twister = PythonRandom(numpyLegacySeed: seed ?? Self.clockSeed())
        cachedGauss = nil
    }

    private static func clockSeed() -> UInt32 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UInt32(truncatingIfNeeded: now.tv_nsec ^ now.tv_sec)
    }

    func double() -> Double { twister.random() }

    func gauss() -> Double {
        if let cached = cachedGauss {
            cachedGauss = nil
            return cached
        }
        var x1 = 0.0, x2 = 0.0, radiusSquared = 0.0
        repeat {
            x1 = 2 * twister.random() - 1
            x2 = 2 * twister.random() - 1
            radiusSquared = x1 * x1 + x2 * x2
        } while radiusSquared >= 1 || radiusSquared == 0
        let factor = (-2 * Glibc.log(radiusSquared) / radiusSquared).squareRoot()
        cachedGauss = factor * x1
        return factor * x2
    }

    /// A value in 0...range, by masked rejection (numpy's legacy bounded integers); a
    /// full 32- or 64-bit range takes one draw unmasked.
    func bounded(_ range: UInt64) -> UInt64 {
        if range == UInt64.max { return next64() }
        if range == 0xFFFF_FFFF { return UInt64(twister.nextUInt32()) }
        return interval(range)
    }

    /// `random_interval(max)`: what shuffle draws, masked even for a full 32-bit range.
    func interval(_ maximum: UInt64) -> UInt64 {
        guard maximum > 0 else { return 0 }
        var mask = maximum
        for shift in [1, 2, 4, 8, 16, 32] as [UInt64] { mask |= mask >> shift }
        let draw: () -> UInt64 = maximum <= 0xFFFF_FFFF ? { UInt64(self.twister.nextUInt32()) } : { self.next64() }
        var value = draw() & mask
        while value > maximum { value = draw() & mask }
        return value
    }

    /// The Fisher-Yates order numpy's `shuffle` swaps in: for i from n-1 down to 1, j.
    func shuffleSwaps(_ count: Int) -> [(Int, Int)] {
        guard count > 1 else { return [] }
        return stride(from: count - 1, to: 0, by: -1).map { ($0, Int(interval(UInt64($0)))) }
    }

    private func next64() -> UInt64 {
        let high = UInt64(twister.nextUInt32())
        return high << 32 | UInt64(twister.nextUInt32())
    }
}
