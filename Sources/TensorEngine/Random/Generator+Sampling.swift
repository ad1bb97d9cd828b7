// `multinomial` (aten/src/ATen/native/Distributions.cpp, native/cpu/MultinomialKernel.cpp)
// and training-mode `dropout` (aten/src/ATen/native/Dropout.cpp), composed from the same
// primitives PyTorch composes them from, so they consume draws identically.

extension Generator {
    /// `torch.multinomial(p, num_samples, replacement)` for 1-d and 2-d p.
    ///
    /// Without replacement, or for a single sample, PyTorch uses the exponential trick:
    /// `argmax`/`topk` of `p / q` with `q ~ Exp(1)`. With replacement it binary-searches the
    /// normalized cumulative distribution with one 53-bit uniform per sample.
    public func multinomial(_ probabilities: Tensor, numSamples: Int, replacement: Bool) throws -> Tensor {
        guard probabilities.rank == 1 || probabilities.rank == 2 else {
            throw TensorError.runtime("prob_dist must be 1 or 2 dim")
        }
        guard probabilities.dtype.isFloatingPoint else {
            throw TensorError.runtime(
                "multinomial only supports floating-point dtypes for input, got: \(probabilities.dtype.scalarTypeName)")
        }
        guard numSamples > 0 else { throw TensorError.runtime("cannot sample n_sample <= 0 samples") }
        let categories = probabilities.shape[probabilities.rank - 1]
        guard replacement || numSamples <= categories else {
            throw TensorError.runtime("cannot sample n_sample > prob_dist.size(-1) samples without replacement")
        }
        guard categories <= 1 << 24 else { throw TensorError.runtime("number of categories cannot exceed 2^24") }
        let rows = probabilities.rank == 2 ? probabilities.shape[0] : 1
        let shape = probabilities.rank == 2 ? [rows, numSamples] : [numSamples]
        let result = try Tensor.zeros(shape: shape, dtype: .int64)
        if result.count == 0 { return result }
        let samples: [Int64]
        switch probabilities.dtype {
        case .float32:
            samples = try multinomialSamples(probabilities, Float.self, rows: rows, categories: categories,
                                             numSamples: numSamples, replacement: replacement)
        default:
            samples = try multinomialSamples(probabilities, Double.self, rows: rows, categories: categories,
                                             numSamples: numSamples, replacement: replacement)
        }
        randomStore(samples, into: result)
        return result
    }

    private func multinomialSamples<T: RandomFloatElement>(
        _ probabilities: Tensor, _ type: T.Type, rows: Int, categories: Int, numSamples: Int, replacement: Bool
    ) throws -> [Int64] {
        let p = probabilities.elements(as: T.self)
        if !replacement || numSamples == 1 {
            return try multinomialByExponentials(probabilities, p, rows: rows, categories: categories, numSamples: numSamples)
        }
        var samples = [Int64](repeating: 0, count: rows * numSamples)
        var cumulative = [T](repeating: 0, count: categories)
        var engine = self.engine
        defer { self.engine = engine }
        for row in 0..<rows {
            var sum: T = 0
            for column in 0..<categories {
                let value = p[row * categories + column]
                guard value >= 0 else {
                    throw TensorError.runtime("invalid multinomial distribution (encountering probability entry < 0)")
                }
                guard value.isFinite else {
                    throw TensorError.runtime(
                        "invalid multinomial distribution (encountering probability entry = infinity or NaN)")
                }
                sum += value
                cumulative[column] = sum
            }
            guard sum > 0 else { throw TensorError.runtime("invalid multinomial distribution (sum of probabilities <= 0)") }
            for column in 0..<categories { cumulative[column] /= sum }
            cumulative[categories - 1] = 1
            for sample in 0..<numSamples {
                let uniform = engine.nextDouble()
                var left = 0
                var right = categories
                while right - left > 0 {
                    let middle = left + (right - left) / 2
                    if Double(cumulative[middle]) < uniform { left = middle + 1 } else { right = middle }
                }
                samples[row * numSamples + sample] = Int64(left)
            }
        }
        return samples
    }

    /// `q = empty_like(p).exponential_(1); argmax/topk(p / q)`.
    private func multinomialByExponentials<T: RandomFloatElement>(
        _ probabilities: Tensor, _ p: [T], rows: Int, categories: Int, numSamples: Int
    ) throws -> [Int64] {
        guard p.allSatisfy({ $0 >= 0 && $0 < T.infinity }) else {
            throw TensorError.runtime("probability tensor contains either `inf`, `nan` or element < 0")
        }
        for row in 0..<rows where !p[(row * categories)..<((row + 1) * categories)].contains(where: { $0 != 0 }) {
            throw TensorError.runtime("invalid multinomial distribution (sum of probabilities <= 0)")
        }
        let noise = try randomEmptyLike(probabilities)
        try exponential_(noise, lambda: 1)
        let q = noise.elements(as: T.self)
        var samples = [Int64]()
        samples.reserveCapacity(rows * numSamples)
        for row in 0..<rows {
            let start = row * categories
            let keys = (0..<categories).map { p[start + $0] / q[start + $0] }
            // topk's order; NaN counts as largest. Ties (only possible for zero
            // probabilities) keep index order here, which PyTorch does not promise.
            let order = (0..<categories).sorted { a, b in
                let x = keys[a], y = keys[b]
                if x.isNaN != y.isNaN { return x.isNaN }
                if x != y && !x.isNaN { return x > y }
                return a < b
            }
            samples.append(contentsOf: order.prefix(numSamples).map { Int64($0) })
        }
        return samples
    }

    /// `F.dropout(input, p, training=True)` as PyTorch CPU computes it: `noise =
    /// empty_like(input).bernoulli_(1 - p)`, `noise.div_(1 - p)`, `input * noise`.
    /// p = 0 returns `input` itself; p = 1 returns `input * 0` without drawing.
    public func dropout(_ input: Tensor, p: Double) throws -> Tensor {
        if p.isNaN {
            throw TensorError.runtime("dropout probability has to be between 0 and 1, but got nan")
        }
        guard p >= 0 && p <= 1 else {
            throw TensorError.value("dropout probability has to be between 0 and 1, but got \(p)")
        }
        if p == 0 || input.count == 0 { return input }
        let noise = try randomEmptyLike(input)
        switch input.dtype {
        case .float32: try dropoutFill(input, noise, Float.self, p: p)
        case .float64: try dropoutFill(input, noise, Double.self, p: p)
        case .float16, .bfloat16:
            // Composed as PyTorch composes it, so the kept scale 1 / (1 - p) is rounded to
            // the dtype before it multiplies the input.
            if p < 1 { try bernoulli_(noise, p: 1 - p) }
            let scaled = p < 1 ? try binary(.divide, .tensor(noise), .scalar(.float(1 - p))) : noise
            return try binary(.multiply, .tensor(input), .tensor(scaled))
        default:
            if p == 1 { return noise }  // already zero: integer input * 0
            try bernoulli_(noise, p: 1 - p)
            throw TensorError(.runtimeError, .castNotAllowed(result: .float32, desired: input.dtype))
        }
        return noise
    }

    /// The scaled keep-mask of `dropout` (`bernoulli_(1 - p)` then `div_(1 - p)`), drawn
    /// exactly as `dropout` draws it: `input * mask` then equals `dropout(input, p)`
    /// element for element, and autograd keeps the mask for the backward pass.
    public func dropoutMask(like input: Tensor, p: Double) throws -> Tensor {
        guard p >= 0 && p <= 1 else {
            throw TensorError.value("dropout probability has to be between 0 and 1, but got \(p)")
        }
        let mask = try randomEmptyLike(input)
        if p == 1 { return try Tensor.zeros(shape: input.shape, dtype: input.dtype) }
        try bernoulli_(mask, p: 1 - p)
        switch input.dtype {
        case .float32: scaleMask(mask, Float.self, keep: 1 - p)
        case .float64: scaleMask(mask, Double.self, keep: 1 - p)
        default: return try binary(.divide, .tensor(mask), .scalar(.float(1 - p)))
        }
        return mask
    }

    /// The keep-noise ATen's dropouts draw: `at::empty_like(like).bernoulli_(keep)`, in
    /// `like`'s dtype and memory order. The channel dropouts pass a contiguous tensor of
    /// their `[N, C, 1, ...]` noise shape, as `make_feature_noise`'s `at::empty` is.
    public func dropoutNoise(like: Tensor, keep: Double) throws -> Tensor {
        let noise = try randomEmptyLike(like)
        try bernoulli_(noise, p: keep)
        return noise
    }

    private func scaleMask<T: RandomFloatElement>(_ mask: Tensor, _ type: T.Type, keep: Double) {
        let scale = T(keep)
        let base = mask.pointer(T.self)
        for offset in mask.view.offsets() { base[offset] = base[offset] / scale }
    }

    private func dropoutFill<T: RandomFloatElement>(_ input: Tensor, _ noise: Tensor, _ type: T.Type, p: Double) throws {
        let keep = 1 - p
        if p < 1 {
            try bernoulli_(noise, p: keep)
        }
        let scale = T(keep)
        let inputBase = input.pointer(T.self)
        let noiseBase = noise.pointer(T.self)
        let inputOffsets = input.view.offsets()
        let noiseOffsets = noise.view.offsets()
        for (inputOffset, noiseOffset) in zip(inputOffsets, noiseOffsets) {
            let factor = p < 1 ? noiseBase[noiseOffset] / scale : 0
            noiseBase[noiseOffset] = inputBase[inputOffset] * factor
        }
    }
}

/// `at::empty_like` with the default `preserve_format`: a dense, non-overlapping tensor
/// keeps its strides (so random fills follow its memory order); anything else becomes
/// contiguous. The new tensor is zero-filled.
func randomEmptyLike(_ tensor: Tensor) throws -> Tensor {
    let view = tensor.view
    if view.isContiguous || !randomIsNonOverlappingAndDense(view) {
        return try Tensor.zeros(shape: tensor.shape, dtype: tensor.dtype)
    }
    let storage = try Storage(byteCount: tensor.count * tensor.dtype.itemSize)
    return Tensor(storage: storage, dtype: tensor.dtype, view: View(shape: view.shape, strides: view.strides, offset: 0))
}

/// `is_non_overlapping_and_dense`: the strides, sorted, are the running products of sizes.
func randomIsNonOverlappingAndDense(_ view: View) -> Bool {
    let dims = (0..<view.rank).filter { view.shape[$0] != 1 }.sorted { view.strides[$0] < view.strides[$1] }
    var expected = 1
    for dim in dims {
        if view.strides[dim] != expected { return false }
        expected *= view.shape[dim]
    }
    return true
}
