// Integer-valued sampling: `randint`, `randperm` and the Bernoulli family, drawing exactly
// as PyTorch's CPU kernels (native/cpu/DistributionTemplates.h, native/TensorFactories.cpp).

extension Generator {
    /// `torch.randint(low, high, shape, dtype=...)`: `u32 % range + low`, or `u64 % range +
    /// low` once the range reaches 2^28 (PyTorch's open-source builds switch there, for any
    /// dtype, to keep the modulo skew small; Meta's internal builds switch at 2^32).
    public func randint(low: Int64, high: Int64, shape: [Int], dtype: DType) throws -> Tensor {
        let result = try Tensor.zeros(shape: shape, dtype: dtype)
        guard low < high else {
            throw TensorError.runtime("random_ expects 'from' to be less than 'to', but got from=\(low) >= to=\(high)")
        }
        if let (minimum, maximum) = randomIntegerBounds(dtype) {
            if low < minimum || low > maximum {
                throw TensorError.runtime("from is out of bounds for \(dtype.cppTypeName)")
            }
            if high - 1 < minimum || high - 1 > maximum {
                throw TensorError.runtime("to - 1 is out of bounds for \(dtype.cppTypeName)")
            }
        }
        let range = UInt64(bitPattern: high) &- UInt64(bitPattern: low)
        let base = UInt64(bitPattern: low)
        let wide = range >= (1 << 28)
        var values = [Int64](repeating: 0, count: result.count)
        var engine = self.engine
        defer { self.engine = engine }
        values.withUnsafeMutableBufferPointer { buffer in
            randomStoppableLoop(buffer.count) { index in
                let draw = wide ? engine.nextUInt64() : UInt64(engine.nextUInt32())
                buffer[index] = Int64(bitPattern: (draw % range) &+ base)
            }
        }
        try OperationStop.check()
        randomStore(values, into: result)
        return result
    }

    /// `torch.randperm(n, dtype=...)`: a Fisher-Yates shuffle driven by 32-bit draws; for
    /// n of 2^32/20 and above, PyTorch's inside-out variant with 64-bit draws.
    public func randperm(_ n: Int, dtype: DType) throws -> Tensor {
        let result = try Tensor.zeros(shape: [n], dtype: dtype)
        try randomCheckPermutationSize(n, dtype)
        let values = Generator.permutation(n, engine: &engine)
        try OperationStop.check()
        randomStore(values, into: result)
        return result
    }

    static func permutation(_ n: Int, engine: inout MersenneTwister) -> [Int64] {
        var values = [Int64](repeating: 0, count: n)
        values.withUnsafeMutableBufferPointer { buffer in
            if n < Int(UInt32.max / 20) {
                for index in 0..<n { buffer[index] = Int64(index) }
                randomStoppableLoop(n - 1) { index in
                    let offset = Int(engine.nextUInt32()) % (n - index)
                    buffer.swapAt(index, index + offset)
                }
            } else {
                randomStoppableLoop(n) { index in
                    let target = Int(engine.nextUInt64() % UInt64(index + 1))
                    buffer[index] = buffer[target]
                    buffer[target] = Int64(index)
                }
            }
        }
        return values
    }

    /// `tensor.bernoulli_(p)` with a Python float: `u < p` on a 53-bit uniform per element.
    public func bernoulli_(_ tensor: Tensor, p: Double) throws {
        tensor.storage.noteWrite()
        guard p >= 0 && p <= 1 else {
            throw TensorError.runtime("bernoulli_ expects p to be in [0, 1], but got p=\(cppStreamDouble(p))")
        }
        var flags = [Bool]()
        flags.reserveCapacity(tensor.count)
        var engine = self.engine
        defer { self.engine = engine }
        randomStoppableLoop(tensor.count) { _ in flags.append(engine.nextDouble() < p) }
        try OperationStop.check()
        var offsets = [Int]()
        offsets.reserveCapacity(tensor.count)
        randomForEachOffset(tensor) { offsets.append($0) }
        randomWriteFlags(flags, at: offsets, into: tensor)
    }

    /// `torch.bernoulli(p)`: a new tensor of p's dtype, 1 where a uniform falls below p.
    public func bernoulli(_ probabilities: Tensor) throws -> Tensor {
        let result = try Tensor.zeros(shape: probabilities.shape, dtype: probabilities.dtype)
        try bernoulli_(result, probabilities: probabilities)
        return result
    }

    /// `tensor.bernoulli_(p_tensor)`: p broadcasts to the tensor's shape. A float32 p
    /// compares against 24-bit uniforms, a float64 p against 53-bit ones.
    public func bernoulli_(_ tensor: Tensor, probabilities: Tensor) throws {
        tensor.storage.noteWrite()
        let pView = try randomExpand(probabilities, to: tensor.shape)
        let pValues = probabilities.viewing(pView).doubles()
        if pValues.contains(where: { !($0 >= 0 && $0 <= 1) }) {
            throw TensorError.runtime(
                "Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)")
        }
        guard probabilities.dtype.isFloatingPoint else {
            throw randomNotImplemented("bernoulli_tensor_cpu_p_", probabilities.dtype)
        }
        let ordered = randomIterationViews([tensor.view, pView])
        let selfOffsets = ordered[0].offsets()
        let pOffsets = ordered[1].offsets()
        var engine = self.engine
        defer { self.engine = engine }
        var flags = [Bool]()
        flags.reserveCapacity(pOffsets.count)
        if probabilities.dtype == .float32 {
            let pBase = probabilities.pointer(Float.self)
            for pOffset in pOffsets { flags.append(engine.nextFloat() < pBase[pOffset]) }
        } else {
            let pBase = probabilities.pointer(Double.self)
            for pOffset in pOffsets { flags.append(engine.nextDouble() < pBase[pOffset]) }
        }
        randomWriteFlags(flags, at: selfOffsets, into: tensor)
    }
}

/// The representable range PyTorch checks `randint` bounds against, for integer dtypes.
func randomIntegerBounds(_ dtype: DType) -> (Int64, Int64)? {
    switch dtype {
    case .bool: (0, 1)
    case .uint8: (0, Int64(UInt8.max))
    case .int8: (Int64(Int8.min), Int64(Int8.max))
    case .int16: (Int64(Int16.min), Int64(Int16.max))
    case .int32: (Int64(Int32.min), Int64(Int32.max))
    case .int64, .float16, .bfloat16, .float32, .float64: nil
    }
}

/// `check_supported_max_int_with_precision` and the integer-conversion check of `randperm`.
func randomCheckPermutationSize(_ n: Int, _ dtype: DType) throws {
    switch dtype {
    case .bool: throw randomNotImplemented("randperm", dtype)
    case .float32 where n > (1 << 24) + 1:
        throw TensorError.runtime("n cannot be greater than 2^24+1 for Float type.")
    case .float64 where n > (1 << 53) + 1:
        throw TensorError.runtime("n cannot be greater than 2^53+1 for Double type.")
    default: break
    }
    let names: [DType: String] = [.uint8: "uint8_t", .int8: "int8_t", .int16: "int16_t", .int32: "int32_t"]
    if let name = names[dtype], let (_, maximum) = randomIntegerBounds(dtype), Int64(n) - 1 > maximum {
        throw TensorError.runtime("value cannot be converted to type \(name) without overflow")
    }
}

/// Writes 0/1 values at the given storage offsets, in the tensor's dtype.
func randomWriteFlags(_ flags: [Bool], at offsets: [Int], into tensor: Tensor) {
    switch tensor.dtype {
    case .bool: randomWriteFlags(flags, at: offsets, into: tensor, as: Bool.self)
    case .uint8: randomWriteFlags(flags, at: offsets, into: tensor, as: UInt8.self)
    case .int8: randomWriteFlags(flags, at: offsets, into: tensor, as: Int8.self)
    case .int16: randomWriteFlags(flags, at: offsets, into: tensor, as: Int16.self)
    case .int32: randomWriteFlags(flags, at: offsets, into: tensor, as: Int32.self)
    case .int64: randomWriteFlags(flags, at: offsets, into: tensor, as: Int64.self)
    case .float16: randomWriteFlags(flags, at: offsets, into: tensor, as: Float16.self)
    case .bfloat16: randomWriteFlags(flags, at: offsets, into: tensor, as: BFloat16.self)
    case .float32: randomWriteFlags(flags, at: offsets, into: tensor, as: Float.self)
    case .float64: randomWriteFlags(flags, at: offsets, into: tensor, as: Double.self)
    }
}

private func randomWriteFlags<T: TensorElement>(_ flags: [Bool], at offsets: [Int], into tensor: Tensor, as type: T.Type) {
    let base = tensor.pointer(T.self)
    for (flag, offset) in zip(flags, offsets) { base[offset] = flag ? T.one : T.zero }
}

/// Writes integers into a fresh contiguous tensor, converting like `static_cast`.
func randomStore(_ values: [Int64], into tensor: Tensor) {
    switch tensor.dtype {
    case .bool: randomStore(values, into: tensor, as: Bool.self)
    case .uint8: randomStore(values, into: tensor, as: UInt8.self)
    case .int8: randomStore(values, into: tensor, as: Int8.self)
    case .int16: randomStore(values, into: tensor, as: Int16.self)
    case .int32: randomStore(values, into: tensor, as: Int32.self)
    case .int64: randomStore(values, into: tensor, as: Int64.self)
    case .float16: randomStore(values, into: tensor, as: Float16.self)
    case .bfloat16: randomStore(values, into: tensor, as: BFloat16.self)
    case .float32: randomStore(values, into: tensor, as: Float.self)
    case .float64: randomStore(values, into: tensor, as: Double.self)
    }
}

private func randomStore<T: TensorElement>(_ values: [Int64], into tensor: Tensor, as type: T.Type) {
    let data = tensor.pointer(T.self) + tensor.storageOffset
    for (index, value) in values.enumerated() { data[index] = T(convertingInt64: value) }
}

/// `expand_inplace`: a view of `tensor` broadcast to `shape`, with `Tensor.expand`'s errors.
func randomExpand(_ tensor: Tensor, to shape: [Int]) throws -> View {
    guard tensor.rank <= shape.count else {
        let typeName = "\(tensor.dtype.scalarTypeName)Tensor"
        throw TensorError.runtime(
            "expand(torch.\(typeName){\(formatShape(tensor.shape))}, size=\(formatShape(shape))): the number of sizes provided (\(shape.count)) must be greater or equal to the number of dimensions in the tensor (\(tensor.rank))")
    }
    let extra = shape.count - tensor.rank
    for index in (0..<tensor.rank).reversed() where tensor.shape[index] != 1 && tensor.shape[index] != shape[index + extra] {
        throw TensorError.runtime(
            "The expanded size of the tensor (\(shape[index + extra])) must match the existing size (\(tensor.shape[index])) at non-singleton dimension \(index + extra).  Target sizes: \(formatShape(shape)).  Tensor sizes: \(formatShape(tensor.shape))")
    }
    return broadcastView(tensor.view, to: shape)
}
