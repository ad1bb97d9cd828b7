import Foundation
import Testing
@testable import TensorEngine

/// `preciseExp`, `preciseLog`, `preciseTanh`, `preciseSin`, `preciseCos`, `preciseTan`, `preciseArctangent`
/// and erf's kernel against
/// the same functions computed by libm in Double and
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

    @Test func expm1IsCorrectlyRoundedLikeDoubleLibm() { expectSameBits(preciseExpm1) { Foundation.expm1($0) } }

    @Test func log1pIsCorrectlyRoundedLikeDoubleLibm() { expectSameBits(preciseLog1p) { Foundation.log1p($0) } }

    @Test func sinIsCorrectlyRoundedLikeDoubleLibm() { expectSameBits(preciseSin) { Foundation.sin($0) } }

    @Test func cosIsCorrectlyRoundedLikeDoubleLibm() { expectSameBits(preciseCos) { Foundation.cos($0) } }

    @Test func tanIsCorrectlyRoundedLikeDoubleLibm() { expectSameBits(preciseTan) { Foundation.tan($0) } }

    @Test func atanIsCorrectlyRoundedLikeDoubleLibm() { expectSameBits(preciseArctangent) { Foundation.atan($0) } }

    /// erf's kernel takes its coefficient tables as pointers, so it is checked through the
    /// tensor op, over the same inputs.
    @Test func erfIsCorrectlyRoundedLikeDoubleLibm() throws {
        let outputs = try Tensor(values: inputs, shape: [inputs.count]).unary(.erf).elements(as: Float.self)
        var mismatches = 0
        for (input, output) in zip(inputs, outputs) {
            let expected = Float(Foundation.erf(Double(input)))
            if output.bitPattern != expected.bitPattern && !(output.isNaN && expected.isNaN) {
                mismatches += 1
                if mismatches <= 3 { Issue.record("erf(\(input)) = \(output), expected \(expected)") }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func nearZeroKernelsKeepTheSignOfZeroAndTheirLimits() {
        let x = SIMD8<Float>(-0.0, 0, -1, -2, .infinity, -.infinity, 1e-30, -30)
        let expm1 = preciseExpm1(x), log1p = preciseLog1p(x)
        #expect(expm1[0].sign == .minus && expm1[0] == 0)
        #expect(log1p[0].sign == .minus && log1p[0] == 0)
        #expect(expm1[4] == .infinity && expm1[5] == -1 && expm1[6] == 1e-30 && expm1[7] == -1)
        #expect(log1p[2] == -.infinity && log1p[3].isNaN && log1p[4] == .infinity && log1p[5].isNaN)
        #expect(log1p[6] == 1e-30)
    }

    @Test func squareRootsRoundAsFloatArithmetic() {
        // PyTorch's rsqrt is 1 / sqrtf(x) in float: two roundings, unlike the correctly
        // rounded 1/√x, which differs from it for about a quarter of inputs.
        let values = inputs.filter { $0 >= 0 || $0.isNaN }
        let roots = lanes(values) { $0.squareRoot() }
        let reciprocals = lanes(values) { 1 / $0.squareRoot() }
        var mismatches = 0
        for (index, input) in values.enumerated() {
            let root = Float(Foundation.sqrt(Double(input)))
            let reciprocal = 1 / input.squareRoot()
            let sameRoot = roots[index].bitPattern == root.bitPattern || (root.isNaN && roots[index].isNaN)
            let sameReciprocal = reciprocals[index].bitPattern == reciprocal.bitPattern || (reciprocal.isNaN && reciprocals[index].isNaN)
            if !sameRoot || !sameReciprocal { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(values.count > 250_000)
    }

    @Test func float32UnaryOpsUseTheVectorKernelsOnStridedInput() throws {
        let inputs = (0..<12).map { Float($0) * 0.37 - 1.1 }
        let strided = try Tensor(values: inputs, shape: [3, 4]).t()
        let transposedInputs = strided.elements(as: Float.self)
        let references: [(UnaryOp, (Double) -> Double)] = [(.expm1, Foundation.expm1), (.log1p, Foundation.log1p),
                                                            (.sqrt, Foundation.sqrt), (.exp, Foundation.exp),
                                                            (.tan, Foundation.tan), (.atan, Foundation.atan)]
        for (op, reference) in references {
            let result = try strided.unary(op)
            #expect(result.shape == [4, 3])
            let expected = transposedInputs.map { Float(reference(Double($0))) }
            for (actual, wanted) in zip(result.elements(as: Float.self), expected) {
                #expect(actual.bitPattern == wanted.bitPattern || (actual.isNaN && wanted.isNaN), "\(op)")
            }
        }
        let reciprocalRoots = try strided.unary(.rsqrt).elements(as: Float.self)
        #expect(reciprocalRoots[1] == 1 / transposedInputs[1].squareRoot() && reciprocalRoots[0].isNaN)
    }

    @Test func geluMatchesOneDNNBits() {
        // F.gelu on these inputs under PyTorch 2.15 with ONEDNN_MAX_CPU_ISA=AVX2, as bits.
        let x = SIMD8<Float>(-3, -1.5, -0.5, 0, 0.25, 1, 2.5, 30)
        let expected: [UInt32] = [0xBB84_B4C0, 0xBDCD_3B5A, 0xBE1D_F8A3, 0x0000_0000,
                                  0x3E19_44D0, 0x3F57_625E, 0x401F_01A7, 0x41F0_0000]
        let result = oneDNNGELU(x)
        for lane in 0..<8 { #expect(result[lane].bitPattern == expected[lane], "gelu(\(x[lane]))") }
    }
}
