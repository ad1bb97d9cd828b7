import Foundation
import Testing
@testable import TensorEngine

/// `vectorExp` against exp computed in Double and rounded once, over many inputs.
@Suite struct VectorMathTests {
    /// Distance in units in the last place between two finite floats of the same sign.
    private func ulps(_ a: Float, _ b: Float) -> Int {
        if a == b { return 0 }
        func ordered(_ x: Float) -> Int { x.sign == .minus ? -Int(x.magnitude.bitPattern) : Int(x.bitPattern) }
        return Swift.abs(ordered(a) - ordered(b))
    }

    private func exp8(_ values: [Float]) -> [Float] {
        var result: [Float] = []
        var index = 0
        while index < values.count {
            var lanes = SIMD8<Float>(repeating: 0)
            for lane in 0..<Swift.min(8, values.count - index) { lanes[lane] = values[index + lane] }
            let out = vectorExp(lanes)
            for lane in 0..<Swift.min(8, values.count - index) { result.append(out[lane]) }
            index += 8
        }
        return result
    }

    @Test func expIsWithinOneUlpAcrossTheRange() {
        // Every 97th float bit pattern between -104 and 89, both signs.
        var inputs: [Float] = []
        var pattern: UInt32 = 0
        while pattern < 0x7F80_0000 {
            let value = Float(bitPattern: pattern)
            if value < 89 { inputs.append(value) }
            if value < 104 { inputs.append(-value) }
            pattern &+= 97 &* 1021
        }
        let outputs = exp8(inputs)
        var worst = 0
        for (input, output) in zip(inputs, outputs) {
            let expected = Float(Foundation.exp(Double(input)))
            let error = expected.isFinite && output.isFinite ? ulps(output, expected) : (output == expected ? 0 : 99)
            if error > worst { worst = error }
            if error > 1 { Issue.record("exp(\(input)) = \(output), expected \(expected)"); break }
        }
        #expect(worst <= 1)
        #expect(inputs.count > 10000)
    }

    @Test func expDenseNearZeroAndSoftmaxRange() {
        let inputs = (0..<200_000).map { Float($0) * -0.0005 } + (0..<20000).map { Float($0) * 0.0044 }
        let outputs = exp8(inputs)
        var worst = 0
        for (input, output) in zip(inputs, outputs) {
            worst = Swift.max(worst, ulps(output, Float(Foundation.exp(Double(input)))))
        }
        #expect(worst <= 1)
    }

    @Test func expEdgeCases() {
        let inputs: [Float] = [-.infinity, .infinity, .nan, 0, -0.0, 88.72283, 88.7229, 89, 1000, -87.33, -87.34, -100, -103.9, -103.98, -104, -105, -1e30]
        let outputs = exp8(inputs)
        #expect(outputs[0] == 0)
        #expect(outputs[1] == .infinity)
        #expect(outputs[2].isNaN)
        #expect(outputs[3] == 1 && outputs[4] == 1)
        #expect(outputs[5].isFinite && outputs[6] == .infinity && outputs[7] == .infinity && outputs[8] == .infinity)
        for index in 9..<inputs.count {
            let expected = Float(Foundation.exp(Double(inputs[index])))
            #expect(ulps(outputs[index], expected) <= 1, "exp(\(inputs[index])) = \(outputs[index]), expected \(expected)")
        }
        #expect(outputs[13] == 0 && outputs[15] == 0 && outputs[16] == 0)
    }

    @Test func laneHelpers() {
        let v = SIMD8<Float>(1, 2, 3, 4, 5, 6, 7, 8)
        #expect(laneSumLikePyTorch(v) == 36)
        #expect(laneMaximumPropagatingNaN(v) == 8)
        var withNaN = v
        withNaN[3] = .nan
        #expect(laneMaximumPropagatingNaN(withNaN).isNaN)
        let maxima = maximumPropagatingNaN(v, withNaN.replacing(with: 100, where: v .> 6))
        #expect(maxima[3].isNaN && maxima[7] == 100 && maxima[0] == 1)
        #expect(maximumPropagatingNaN(withNaN, v)[3].isNaN)
    }
}
