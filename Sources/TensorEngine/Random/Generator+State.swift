/// `torch.get_rng_state()` / `set_rng_state()`: the generator as PyTorch's 5056-byte
/// `CPUGeneratorImplState` (aten/src/ATen/CPUGeneratorImpl.cpp), so a saved state
/// restores the same draws and its bytes read as PyTorch's do.
///
/// Layout (little-endian, C struct padding): initial seed u64 @0, `left` i32 @8,
/// `seeded` i32 @12, `next` u64 @16, 624 MT words as u64 @24, normal_x/normal_y/normal_rho
/// f64 @5016, normal_is_valid i32 @5040, next float normal f32 @5048, its valid flag @5052.
extension Generator {
    public static let stateByteCount = 5056
    private static let wordsOffset = 24
    private static let normalYOffset = 5024
    private static let normalValidOffset = 5040

    public func state() throws -> Tensor {
        let size = MersenneTwister.stateSize
        var bytes = [UInt8](repeating: 0, count: Generator.stateByteCount)
        func put<T: FixedWidthInteger>(_ value: T, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<(offset + $0.count), with: $0) }
        }
        // at::mt19937 counts down `left` and twists when it reaches 0; this engine twists
        // when `nextIndex` reaches the end. Freshly seeded, PyTorch holds left 1, next 0.
        let next = justSeeded ? 0 : engine.nextIndex
        put(initialSeed, at: 0)
        put(Int32(next == 0 ? 1 : size + 1 - next), at: 8)
        put(Int32(1), at: 12)
        put(UInt64(next), at: 16)
        for index in 0..<size { put(UInt64(engine.state[index]), at: Generator.wordsOffset + 8 * index) }
        if let cachedNormal {
            put(cachedNormal.bitPattern, at: Generator.normalYOffset)
            put(Int32(1), at: Generator.normalValidOffset)
        }
        return try Tensor(values: bytes, shape: [Generator.stateByteCount])
    }

    public func setState(_ tensor: Tensor) throws {
        guard tensor.dtype == .uint8 else { throw TensorError(.typeError, "RNG state must be a torch.ByteTensor") }
        guard tensor.count == Generator.stateByteCount else {
            throw TensorError.runtime("Expected a CPUGeneratorImplState of size \(Generator.stateByteCount) but found the input RNG state size to be \(tensor.count)")
        }
        let bytes = tensor.elements(as: UInt8.self)
        func read<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T {
            var value = T.zero
            withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes[offset..<(offset + MemoryLayout<T>.size)]) }
            return T(littleEndian: value)
        }
        let size = MersenneTwister.stateSize
        let left = read(Int32.self, at: 8)
        let next = read(UInt64.self, at: 16)
        guard left >= 1, left <= size, next <= UInt64(size) else { throw TensorError.runtime("Invalid mt19937 state") }
        for index in 0..<size {
            engine.state[index] = UInt32(truncatingIfNeeded: read(UInt64.self, at: Generator.wordsOffset + 8 * index))
        }
        // `left == 1` means the next draw twists first, whatever `next` says.
        engine.nextIndex = left == 1 ? size : Int(next)
        initialSeed = read(UInt64.self, at: 0)
        cachedNormal = read(Int32.self, at: Generator.normalValidOffset) != 0
            ? Double(bitPattern: read(UInt64.self, at: Generator.normalYOffset)) : nil
    }

    /// Whether no draw happened since seeding: the words are still `init_genrand`'s
    /// sequence (a twist replaces word 1 with overwhelming probability).
    private var justSeeded: Bool {
        let first = engine.state[0]
        return engine.nextIndex == MersenneTwister.stateSize
            && engine.state[1] == 1_812_433_253 &* (first ^ (first >> 30)) &+ 1
    }
}
