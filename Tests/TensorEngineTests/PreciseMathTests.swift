import Foundation
import Testing
@testable import TensorEngine

/// `preciseExp`, `preciseLog` and `preciseTanh` against exp, log and tanh computed by libm in Double and
/// rounded once, which they must reproduce exactly, and `oneDNNGELU` against bit
/// patterns from PyTorch's oneDNN AVX2 kernel.
@Suite struct PreciseMathTests {
    /// Every 7919th float bit pattern of both signs, plus the special values.
    private let inputs: [Float] = {
        var values: [Float] = [0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                               .greatestFiniteMagnitude, 88.72283, 88.7229, -103.97, -103.98, -104, 1, -1]
        var pattern: UInt32 = 0
        while pattern < 0x7F80_0000 {
            values.append(Float(bitPattern: pattern))
            values.append(-Float(bitPattern: pattern))
            pattern &+= 7919
        }
        return values
    }()

    private func lanes(_ values: [Float], _ kernel: (SIMD8<Float>) -> SIMD8<Float>) -> [Float] {
        stride(from: 0, to: values.count, by: 8).flatMap { start -> [Float] in
            var vector = SIMD8<Float>(repeating: 0)
            let width = Swift.min(8, values.count - start)
            for lane in 0..<width { vector[lane] = values[start + lane] }
            let result = kernel(vector)
            return (0..<width).map { result[$0] }
        }
    }

    private func expectSameBits(_ kernel: (SIMD8<Float>) -> SIMD8<Float>, _ reference: (Double) -> Double) {
        var mismatches = 0
        for (input, output) in zip(inputs, lanes(inputs, kernel)) {
            let expected = Float(reference(Double(input)))
            let same = output.bitPattern == expected.bitPattern || (output.isNaN && expected.isNaN)
            if !same {
                mismatches += 1
                if mismatches <= 3 { Issue.record("f(\(input)) = \(output), expected \(expected)") }
            }
        }
        #expect(mismatches == 0)
        #expect(inputs.count > 500_000)
    }

    @Test func expIsCorrectlyRoundedLikeDoubleLibm() { expectSameBits(preciseExp) { Foundation.exp($0) } }

    @Test func logIsCorrectlyRoundedLikeDoubleLibm() { expectSameBits(preciseLog) { Foundation.log($0) } }

    @Test func tanhIsCorrectlyRoundedLikeDoubleLibm() { expectSameBits(preciseTanh) { Foundation.tanh($0) } }

    @Test func geluMatchesOneDNNBits() {
        // F.gelu on these inputs under PyTorch 2.15 with ONEDNN_MAX_CPU_ISA=AVX2, as bits.
        let x = SIMD8<Float>(-3, -1.5, -0.5, 0, 0.25, 1, 2.5, 30)
        let expected: [UInt32] = [0xBB84_B4C0, 0xBDCD_3B5A, 0xBE1D_F8A3, 0x0000_0000,
                                  0x3E19_44D0, 0x3F57_625E, 0x401F_01A7, 0x41F0_0000]
        let result = oneDNNGELU(x)
        for lane in 0..<8 { #expect(result[lane].bitPattern == expected[lane], "gelu(\(x[lane]))") }
    }
}
