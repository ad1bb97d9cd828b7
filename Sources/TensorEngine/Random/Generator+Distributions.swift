#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Continuous distributions, each consuming draws exactly as PyTorch's CPU kernel does
// (aten/src/ATen/native/cpu/DistributionTemplates.h, aten/src/ATen/core/DistributionsHelper.h).

extension Generator {
    /// `torch.rand(shape, dtype=...)`.
    public func rand(shape: [Int], dtype: DType) throws -> Tensor {
        guard dtype.isFloatingPoint else { throw randomNotImplemented("check_uniform_bounds", dtype) }
        let result = try Tensor.zeros(shape: shape, dtype: dtype)
        try uniform_(result, from: 0, to: 1)
        return result
    }

    /// `torch.randn(shape, dtype=...)`.
    public func randn(shape: [Int], dtype: DType) throws -> Tensor {
        try normal(mean: 0, std: 1, shape: shape, dtype: dtype)
    }

    /// `torch.normal(mean, std, size)` with float mean and std.
    public func normal(mean: Double, std: Double, shape: [Int], dtype: DType) throws -> Tensor {
        guard dtype.isFloatingPoint else { throw randomNotImplemented("normal_kernel_cpu", dtype) }
        let result = try Tensor.zeros(shape: shape, dtype: dtype)
        try normal_(result, mean: mean, std: std)
        return result
    }

    /// `tensor.uniform_(from, to)`: `u * (to - from) + from` in the tensor's dtype, fused.
    public func uniform_(_ tensor: Tensor, from: Double, to: Double) throws {
        tensor.storage.noteWrite()
        switch tensor.dtype {
        case .float32: try uniformFill(tensor, Float.self, from: from, to: to)
        case .float64: try uniformFill(tensor, Double.self, from: from, to: to)
        case .float16, .bfloat16:
            try fillViaFloat32(tensor) { try uniformFill($0, Float.self, from: from, to: to) }
            // A draw just below `to` can round up to it; PyTorch maps it to `from`, keeping [from, to).
            let upper = tensor.dtype.roundedToPrecision(to)
            tensor.view.forEachOffset { offset in
                if tensor.scalar(atStorageOffset: offset).doubleValue == upper {
                    tensor.setScalar(.float(from), atStorageOffset: offset)
                }
            }
        default: throw randomNotImplemented("check_uniform_bounds", tensor.dtype)
        }
        try OperationStop.check()
    }

    private func uniformFill<T: RandomFloatElement>(_ tensor: Tensor, _ type: T.Type, from: Double, to: Double) throws {
        let lowest = -Double(T.greatestFiniteMagnitude)
        let highest = Double(T.greatestFiniteMagnitude)
        if from < lowest || from > highest {
            throw TensorError.runtime("from is out of bounds for \(tensor.dtype.cppTypeName)")
        }
        if to < lowest || to > highest {
            throw TensorError.runtime("to is out of bounds for \(tensor.dtype.cppTypeName)")
        }
        guard from <= to else {
            throw TensorError.runtime(
                "uniform_ expects to return a [from, to) range, but found from=\(cppStreamDouble(from)) > to=\(cppStreamDouble(to))")
        }
        guard to - from <= highest else {
            throw TensorError.runtime(
                "uniform_ expects to-from <= std::numeric_limits<\(tensor.dtype.scalarTypeName)>::max(), but found to=\(cppStreamDouble(to)) and from=\(cppStreamDouble(from)) which result in to-from to exceed the limit")
        }
        let low = T(from)
        let span = T(to) - low
        let base = tensor.pointer(T.self)
        var engine = self.engine
        defer { self.engine = engine }
        if tensor.isContiguous && low == 0 && span == 1 {
            // `rand`: fma(u, 1, 0) is u exactly, so skip the multiply-add.
            let data = base + tensor.storageOffset
            randomStoppableLoop(tensor.count) { data[$0] = T.uniform(&engine) }
        } else if tensor.isContiguous {
            let data = base + tensor.storageOffset
            randomStoppableLoop(tensor.count) { data[$0] = T.fusedMultiplyAdd(T.uniform(&engine), span, low) }
        } else {
            randomForEachOffset(tensor) { base[$0] = T.fusedMultiplyAdd(T.uniform(&engine), span, low) }
        }
    }

    /// `tensor.normal_(mean, std)`. A contiguous tensor of 16 or more elements takes
    /// PyTorch's vectorized `normal_fill` path; anything else the scalar Box-Muller path,
    /// whose cached second value carries over to the next call.
    public func normal_(_ tensor: Tensor, mean: Double, std: Double) throws {
        tensor.storage.noteWrite()
        guard std >= 0 else {
            throw TensorError.runtime("normal expects std >= 0.0, but found std \(cppStreamDouble(std))")
        }
        switch tensor.dtype {
        case .float32: normalFill(tensor, Float.self, mean: mean, std: std)
        case .float64: normalFill(tensor, Double.self, mean: mean, std: std)
        case .float16, .bfloat16:
            // PyTorch's 16-bit normal_fill matches float32's draws rounded, except for the
            // redrawn last block of a contiguous tensor whose size isn't a multiple of 16.
            if tensor.isContiguous && tensor.count > 16 && tensor.count % 16 != 0 {
                throw TensorError(.notImplementedError,
                    "TensorTutor can't yet reproduce PyTorch's \(tensor.dtype.rawValue) normal samples for a contiguous tensor of more than 16 elements that isn't a multiple of 16; sample in float32 and convert with .to(\(tensor.dtype.torchName))")
            }
            try fillViaFloat32(tensor) { normalFill($0, Float.self, mean: mean, std: std) }
        default: throw randomNotImplemented("normal_kernel_cpu", tensor.dtype)
        }
        try OperationStop.check()
    }

    private func normalFill<T: RandomFloatElement>(_ tensor: Tensor, _ type: T.Type, mean: Double, std: Double) {
        let count = tensor.count
        let base = tensor.pointer(T.self)
        var engine = self.engine
        defer { self.engine = engine }
        guard count >= 16 && tensor.isContiguous else {
            var cache = cachedNormal
            defer { cachedNormal = cache }
            randomForEachOffset(tensor) { offset in
                base[offset] = T(Generator.scalarNormal(&engine, cache: &cache, mean: mean, std: std))
            }
            return
        }
        let data = base + tensor.storageOffset
        let typedMean = T(mean)
        let typedStd = T(std)
        randomStoppableLoop(count) { data[$0] = T.uniform(&engine) }
        randomStoppableLoop(count / 16) { block in
            T.boxMuller16(data + block * 16, mean: typedMean, std: typedStd)
        }
        if count % 16 != 0 {
            // PyTorch redraws the last 16 elements rather than handling a partial block.
            let tail = data + (count - 16)
            for index in 0..<16 { tail[index] = T.uniform(&engine) }
            T.boxMuller16(tail, mean: typedMean, std: typedStd)
        }
    }

    /// `at::normal_distribution<double>`: Box-Muller on two 53-bit uniforms, returning the
    /// cosine half and caching the sine half.
    @inline(__always)
    static func scalarNormal(_ engine: inout MersenneTwister, cache: inout Double?, mean: Double, std: Double) -> Double {
        let standard: Double
        if let cached = cache {
            cache = nil
            standard = cached
        } else {
            let u1 = engine.nextDouble()
            let u2 = engine.nextDouble()
            let radius = (-2.0 * log1p(-u2)).squareRoot()
            let theta = 2.0 * Double.pi * u1
            cache = radius * sin(theta)
            standard = radius * cos(theta)
        }
        return mean.addingProduct(standard, std)
    }

    /// `tensor.exponential_(lambd)`: `-1 / lambda * log1p(-u)` in double, then cast.
    public func exponential_(_ tensor: Tensor, lambda: Double) throws {
        tensor.storage.noteWrite()
        guard lambda > 0 else {
            throw TensorError.runtime("exponential_ expects lambda > 0.0, but found lambda=\(cppStreamDouble(lambda))")
        }
        switch tensor.dtype {
        case .float32: exponentialFill(tensor, Float.self, lambda: lambda)
        case .float64: exponentialFill(tensor, Double.self, lambda: lambda)
        case .float16, .bfloat16: try fillViaFloat32(tensor) { exponentialFill($0, Float.self, lambda: lambda) }
        default: throw randomNotImplemented("exponential_cpu", tensor.dtype)
        }
        try OperationStop.check()
    }

    /// For a 16-bit float tensor: runs the float32 kernel on a float32 tensor with the
    /// same view (so draws land in the same order) and rounds the results into `tensor`,
    /// which is what PyTorch's CPU kernels for these dtypes produce.
    private func fillViaFloat32(_ tensor: Tensor, _ fill: (Tensor) throws -> Void) throws {
        let elementCount = tensor.storage.byteCount / tensor.dtype.itemSize
        let wide = Tensor(storage: try Storage(byteCount: elementCount * DType.float32.itemSize), dtype: .float32, view: tensor.view)
        try fill(wide)
        try tensor.copy(from: wide)
    }

    private func exponentialFill<T: RandomFloatElement>(_ tensor: Tensor, _ type: T.Type, lambda: Double) {
        let base = tensor.pointer(T.self)
        let scale = -1.0 / lambda
        var engine = self.engine
        defer { self.engine = engine }
        randomForEachOffset(tensor) { offset in
            base[offset] = T(scale * log1p(-engine.nextDouble()))
        }
    }
}
