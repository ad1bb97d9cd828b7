/// A PyTorch-compatible CPU random number generator (`torch.Generator`,
/// aten/src/ATen/CPUGeneratorImpl.cpp): MT19937 plus the one-value cache of the scalar
/// Box-Muller normal sampler. Every distribution lives in `Generator+*.swift` and consumes
/// draws in the same order as PyTorch's CPU kernels, so equal seeds give equal bits.
public final class Generator: @unchecked Sendable {
    /// `default_rng_seed_val` in PyTorch.
    public static let defaultSeed: UInt64 = 67_280_421_310_721

    /// The global generator that `torch.manual_seed` and the `torch.*` functions use.
    public static let `default` = Generator()

    private let stateWords: UnsafeMutablePointer<UInt32>
    var engine: MersenneTwister
    /// `next_double_normal_sample_`: the sine half of the last scalar Box-Muller pair.
    /// Float and double tensors share it, because PyTorch's scalar normal path always
    /// samples with `normal_distribution<double>`.
    var cachedNormal: Double?

    /// What `torch.initial_seed()` reports: the full 64-bit seed, of which MT uses 32 bits.
    public internal(set) var initialSeed: UInt64

    public init(seed: UInt64 = Generator.defaultSeed) {
        stateWords = UnsafeMutablePointer<UInt32>.allocate(capacity: MersenneTwister.stateSize)
        stateWords.initialize(repeating: 0, count: MersenneTwister.stateSize)
        engine = MersenneTwister(state: stateWords)
        initialSeed = seed
        setSeed(seed)
    }

    deinit {
        stateWords.deallocate()
    }

    /// `torch.manual_seed(s)`. A negative seed is reinterpreted as its two's-complement
    /// `UInt64`, as PyTorch's Python binding does, so `initialSeed` of -1 is 2^64 - 1.
    public func manualSeed(_ seed: Int64) {
        setSeed(UInt64(bitPattern: seed))
    }

    /// `torch.seed()`: reseeds from the system's entropy source and returns the new seed.
    @discardableResult
    public func seedNondeterministically() -> UInt64 {
        var system = SystemRandomNumberGenerator()
        let seed = system.next()
        setSeed(seed)
        return seed
    }

    private func setSeed(_ seed: UInt64) {
        initialSeed = seed
        cachedNormal = nil
        engine.seed(UInt32(truncatingIfNeeded: seed))
    }

    // MARK: Primitive draws, for callers outside the hot loops.

    /// `generator->random()`.
    public func nextUInt32() -> UInt32 { engine.nextUInt32() }
    /// `generator->random64()`.
    public func nextUInt64() -> UInt64 { engine.nextUInt64() }
}
