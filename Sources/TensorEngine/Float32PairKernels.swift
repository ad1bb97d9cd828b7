/// Two-input float32 kernels run the way PyTorch's `cpu_kernel_vec` runs them, so that ops
/// whose vector and scalar forms round differently (SLEEF against libm) agree to the bit:
/// a row whose output and inputs are unit-stride, or that has one input held at stride 0,
/// goes through `vector` a block (two or four vectors) at a time and its tail through
/// `scalar`; any other row is all `scalar`.
@inline(__always)
func runFloat32LikePyTorch(
    _ a: Operand, _ b: Operand, into output: Tensor,
    vector: (SIMD8<Float>, SIMD8<Float>) -> SIMD8<Float>, scalar: (Float, Float) -> Float
) {
    runVectorizedLikePyTorch(a, b, into: output, vector: vector, scalar: scalar)
}

/// `runFloat32LikePyTorch` for any element type: a block is as many bytes as the float32
/// one (two AVX2 vectors, four AVX-512 ones), so four doubles make a vector and eight a block.
@inline(__always)
func runVectorizedLikePyTorch<T: TensorElement, V: SIMD>(
    _ a: Operand, _ b: Operand, into output: Tensor,
    vector: (V, V) -> V, scalar: (T, T) -> T
) where V.Scalar == T {
    withBinaryLoop(a, b, into: output, as: T.self) { (loop, destination: UnsafeMutablePointer<T>, first, second) in
        let (outputStride, firstStride, secondStride) = loop.innerStrides
        let length = loop.rowLength
        let vectorRows = outputStride == 1
            && ((firstStride == 1 && secondStride == 1) || (firstStride == 1 && secondStride == 0)
                || (firstStride == 0 && secondStride == 1))
        let block = PyTorchVectorLoop.block * 4 / MemoryLayout<T>.stride
        let width = V.scalarCount
        loop.forEachRow { out, x, y in
            guard vectorRows else {
                mapRow(destination + out, outputStride, first + x, firstStride, second + y, secondStride, length, scalar)
                return
            }
            let target = UnsafeMutableRawPointer(destination + out)
            let left = first + x, right = second + y
            let vectorEnd = length / block * block
            var index = 0
            while index < vectorEnd {
                let lhs = firstStride == 0 ? V(repeating: left[0])
                    : UnsafeRawPointer(left + index).loadUnaligned(as: V.self)
                let rhs = secondStride == 0 ? V(repeating: right[0])
                    : UnsafeRawPointer(right + index).loadUnaligned(as: V.self)
                target.storeBytes(of: vector(lhs, rhs), toByteOffset: index &* MemoryLayout<T>.stride, as: V.self)
                index &+= width
            }
            while index < length {
                destination[out &+ index] = scalar(left[index &* firstStride], right[index &* secondStride])
                index &+= 1
            }
        }
    }
}
