import Testing
@testable import TensorEngine

/// float16 and bfloat16: conversions, promotion and per-op rounding, with expected values
/// taken from PyTorch 2.x on CPU.
@Suite struct HalfPrecisionTests {
    @Test func bfloat16RoundsToNearestEven() {
        #expect(BFloat16(Float(1 + 0x1p-8)).floatValue == 1)  // tie, rounds to the even 1.0
        #expect(BFloat16(Float(1 + 3 * 0x1p-8)).floatValue == 1 + 0x1p-6)  // tie, rounds up to even
        #expect(BFloat16(Float(0.1)).floatValue == 0.10009765625)
        #expect(BFloat16(Float.greatestFiniteMagnitude).floatValue == .infinity)
        #expect(BFloat16(Float.nan).floatValue.isNaN)
        #expect(BFloat16(-Float.infinity).floatValue == -.infinity)
    }

    @Test func doublesConvertThroughFloat() {
        // double → float rounds to the half-way point, which then ties to even: PyTorch gives 1.
        #expect(Float16(convertingDouble: 1 + 0x1p-11 + 0x1p-40) == 1)
        #expect(Float16(convertingInt64: 2049) == 2048)
        #expect(Float16(convertingDouble: 70000).isInfinite)
    }

    @Test func promotion() {
        #expect(DType.promote(.float16, .bfloat16) == .float32)
        #expect(DType.promote(.float16, .float32) == .float32)
        #expect(DType.promote(.int64, .bfloat16) == .bfloat16)
        #expect(resultType([.tensor(.float16, dimensions: 1), .pythonFloat]) == .float16)
        #expect(resultType([.tensor(.int64, dimensions: 1), .tensor(.float16, dimensions: 0)]) == .float16)
        #expect(resultType([.tensor(.float16, dimensions: 1), .tensor(.float64, dimensions: 0)]) == .float16)
    }

    @Test func arithmeticRoundsPerOp() throws {
        let three = try Tensor(values: [Float16(3)], shape: [1])
        // mul by a Python float reads it as 0.1f; add casts it to half first.
        #expect(try binary(.multiply, .tensor(three), .scalar(.float(0.1))).doubles() == [0.300048828125])
        #expect(try binary(.add, .tensor(try Tensor(values: [Float16(2048)], shape: [1])), .scalar(.int(1))).doubles() == [2048])
        let sum = try binary(.add, .tensor(three), .tensor(try Tensor(values: [BFloat16(Float(1.5))], shape: [1])))
        #expect(sum.dtype == .float32 && sum.doubles() == [4.5])
    }

    @Test func reductionsKeepTheDtype() throws {
        let values = try Tensor(values: (1...40).map { Float16(Float(1) + Float($0) * 0x1p-10) }, shape: [40])
        let product = try values.prod(dim: nil, keepDim: false)
        #expect(product.dtype == .float16 && product.doubles() == [2.201171875])
        let total = try values.sum(dims: nil, keepDim: false)
        #expect(total.dtype == .float16 && total.doubles() == [40.8125])
    }

    @Test func printsWithDTypeSuffix() throws {
        #expect(try Tensor(values: [Float16(1.5)], shape: [1]).repr == "tensor([1.5000], dtype=torch.float16)")
        #expect(try Tensor(values: [BFloat16(Float(0.1))], shape: [1]).repr == "tensor([0.1001], dtype=torch.bfloat16)")
    }
}
