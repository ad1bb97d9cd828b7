import Glibc

/// float32 sigmoid and silu the way PyTorch's CPU kernels compute them, which decides
/// their last bits. `cpu_kernel_vec` runs the vector formula (over SLEEF's expf, which
/// `vectorExp` follows) on whole blocks of two vectors and the scalar formula (libm's
/// expf) on the rest; a tensor smaller than one block is all scalar. The block is 32
/// floats on AVX-512 cores and 16 on AVX2 ones. Computing in double instead differed
/// from PyTorch in about a third of sigmoid's results.
enum PyTorchVectorLoop {
    static var block: Int {
        #if ENGINE_AVX512
        return 32
        #else
        return 16
        #endif
    }
}

extension Tensor {
    /// `1 / (1 + e^-x)` on a float32 tensor.
    func float32Sigmoid() throws -> Tensor {
        try mapFloat32LikePyTorch(
            vector: { x in 1 / (1 + vectorExp(0 - x)) },
            scalar: { x in 1 / (1 + Glibc.expf(-x)) })
    }

    /// `x / (1 + e^-x)` on a float32 tensor.
    func float32SiLU() throws -> Tensor {
        try mapFloat32LikePyTorch(
            vector: { x in x / (1 + vectorExp(-x)) },
            scalar: { x in x / (1 + Glibc.expf(-x)) })
    }

    /// `½·x·(1 + tanh(β·(x + κ·x³)))` on a float32 tensor, with SLEEF's tanh on the vector
    /// blocks. PyTorch's compiler fuses x + κ·x³ into one multiply-add in both forms.
    func float32TanhGELU() throws -> Tensor {
        let beta = Float(2.0.squareRoot() * (2 / Double.pi.squareRoot()) * 0.5), kappa: Float = 0.044715
        return try mapFloat32LikePyTorch(
            vector: { x in (0.5 * x) * (1 + sleefTanh(beta * x.addingProduct(kappa, x * x * x))) },
            scalar: { x in (0.5 * x) * (1 + Glibc.tanhf(beta * x.addingProduct(kappa, x * x * x))) })
    }

    /// `log(1 + e^(βx))/β` on a float32 tensor, x itself where βx > threshold, with SLEEF's
    /// exp and log1p on the vector blocks.
    func float32Softplus(beta: Float, threshold: Float) throws -> Tensor {
        try mapFloat32LikePyTorch(
            vector: { x in
                let scaled = x * beta
                return (sleefLog1p(vectorExp(scaled)) / beta).replacing(with: x, where: scaled .> threshold)
            },
            scalar: { x in x * beta > threshold ? x : Glibc.log1pf(Glibc.expf(x * beta)) / beta })
    }

    /// `x · ½ · (1 + erf(x/√2))` on a float32 tensor. PyTorch sends a contiguous tensor
    /// of two or more elements to oneDNN (`oneDNNGELU`); one element or a strided view
    /// takes ATen's scalar formula over libm's erff.
    func float32GELU() throws -> Tensor {
        if isContiguous, count > 1 { return try mapFloat32InVectors(oneDNNGELU) }
        let alpha = Float(0.70710678118654752440)
        return try map(Float.self, Float.self) { x in x * 0.5 * (1 + Glibc.erff(x * alpha)) }
    }

    /// A contiguous float32 tensor with `vector` on every element, the last partial
    /// vector padded with zeros, as oneDNN's masked tail does.
    @inline(__always)
    func mapFloat32InVectors(_ vector: (SIMD8<Float>) -> SIMD8<Float>) throws -> Tensor {
        precondition(dtype == .float32 && isContiguous, "contiguous float32 kernel on \(dtype)")
        let result = try Tensor.uninitialized(shape: shape, dtype: .float32)
        let source = UnsafePointer(pointer(Float.self)) + storageOffset
        let target = result.pointer(Float.self) + result.storageOffset
        let total = count, wholeEnd = total & ~7
        let index = wholeEnd
        applyWholeVectors(vector, from: source, to: target, count: wholeEnd)
        if index < total {
            var tail = SIMD8<Float>()
            for lane in 0..<(total &- index) { tail[lane] = source[index &+ lane] }
            let values = vector(tail)
            for lane in 0..<(total &- index) { target[index &+ lane] = values[lane] }
        }
        return result
    }

    /// A contiguous float32 tensor in PyTorch's blocks: `vector` on each whole block, eight
    /// lanes at a time, `scalar` on the tail. A strided tensor takes `scalar` throughout.
    @inline(__always)
    func mapFloat32LikePyTorch(
        vector: (SIMD8<Float>) -> SIMD8<Float>, scalar: (Float) -> Float
    ) throws -> Tensor {
        precondition(dtype == .float32, "float32 kernel on \(dtype)")
        guard isContiguous else { return try map(Float.self, Float.self, scalar) }
        let result = try Tensor.uninitialized(shape: shape, dtype: .float32)
        let source = UnsafePointer(pointer(Float.self)) + storageOffset
        let target = result.pointer(Float.self) + result.storageOffset
        let total = count
        let vectorEnd = total / PyTorchVectorLoop.block * PyTorchVectorLoop.block
        var index = vectorEnd
        applyWholeVectors(vector, from: source, to: target, count: vectorEnd)
        while index < total {
            target[index] = scalar(source[index])
            index &+= 1
        }
        return result
    }
}

/// `vector` over `count` floats (a multiple of eight) from `source` into `target`.
@inline(__always)
private func applyWholeVectors(_ vector: (SIMD8<Float>) -> SIMD8<Float>,
                               from source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
    let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
    var index = 0
    while index < count {
        let bytes = index &* MemoryLayout<Float>.stride
        to.storeBytes(of: vector(from.loadUnaligned(fromByteOffset: bytes, as: SIMD8<Float>.self)),
                      toByteOffset: bytes, as: SIMD8<Float>.self)
        index &+= 8
    }
}
