import Testing
@testable import TensorEngine

/// `float32InverseErf` against erfinv computed in double by `calc_erfinv`'s formula and
/// rounded once, and both it and `oneDNNGELUDerivative` against bit patterns from PyTorch.
@Suite struct InverseErfAndGELUGradientTests {
    @Test func inverseErfIsTheRoundedDoubleValue() throws {
        // Every 997th float bit pattern below 1, both signs: the rounded double-precision
        // value but for near-ties, where the two may round apart by one unit in the last place.
        var values: [Float] = []
        var pattern: UInt32 = 0
        while pattern < Float(1).bitPattern {
            values.append(Float(bitPattern: pattern))
            values.append(-Float(bitPattern: pattern))
            pattern &+= 997
        }
        let results = try Tensor(values: values, shape: [values.count]).erfinv().elements(as: Float.self)
        let coefficients = PavlisCoefficients<Double>()
        var apart = 0
        for (value, result) in zip(values, results) {
            let wanted = Float(inverseErrorFunction(Double(value), coefficients))
            guard result != wanted else { continue }
            apart += 1
            #expect(abs(Int64(result.bitPattern) - Int64(wanted.bitPattern)) == 1, "erfinv(\(value))")
        }
        #expect(apart * 10_000 < values.count, "\(apart) of \(values.count) apart")
    }

    @Test func inverseErfMatchesPyTorchBits() throws {
        // torch.erfinv on these float32 inputs under PyTorch 2.15 (MKL), as bits.
        let y: [Float] = [0, 0.5, -0.5, 0.7, 0.95, -0.999, 0.99999994, 1e-30]
        let expected: [UInt32] = [0x0000_0000, 0x3EF4_30FE, 0xBEF4_30FE, 0x3F3B_9D4F,
                                  0x3FB1_654B, 0xC014_E993, 0x4075_47CB, 0x0D8F_CC6D]
        let results = try Tensor(values: y, shape: [y.count]).erfinv().elements(as: Float.self)
        for (index, result) in results.enumerated() { #expect(result.bitPattern == expected[index], "erfinv(\(y[index]))") }
        let edges = try Tensor(values: [1, -1, 1.5, -0.0, .nan] as [Float], shape: [5]).erfinv().elements(as: Float.self)
        #expect(edges[0] == .infinity && edges[1] == -.infinity && edges[2].isNaN && edges[4].isNaN)
        #expect(edges[3] == 0 && edges[3].sign == .minus)
    }

    @Test func geluDerivativeMatchesOneDNNBits() {
        // F.gelu(x).backward(ones) on these inputs under PyTorch 2.15 (oneDNN, AVX2), as bits.
        let x = SIMD8<Float>(-3, -1.5, -0.5, 0, 0.25, 1, 2.5, 30)
        let expected: [UInt32] = [0xBC43_B780, 0xBE02_8746, 0x3E07_AF5E, 0x3F00_0000,
                                  0x3F32_03FC, 0x3F8A_AA14, 0x3F84_D070, 0x3F80_0000]
        let result = oneDNNGELUDerivative(x)
        for lane in 0..<8 { #expect(result[lane].bitPattern == expected[lane], "gelu'(\(x[lane]))") }
    }
}
