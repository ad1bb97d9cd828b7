import Foundation
import Testing
@testable import TensorEngine

/// The vectorized float32 softmax kernels against PyTorch 2.15 bit patterns and against
/// a Double reference. Inputs are `kernelTestInput(shape, scale: 20)`.
@Suite struct SoftmaxKernelTests {
    private func ulps(_ a: Float, _ b: Float) -> Int {
        if a == b { return 0 }
        func ordered(_ x: Float) -> Int { x.sign == .minus ? -Int(x.magnitude.bitPattern) : Int(x.bitPattern) }
        return Swift.abs(ordered(a) - ordered(b))
    }

    private func expectClose(_ tensor: Tensor, _ expected: [Int: UInt32], maxUlps: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let values = tensor.elements(as: Float.self)
        for (index, pattern) in expected {
            let error = ulps(values[index], Float(bitPattern: pattern))
            #expect(error <= maxUlps, "element \(index): \(values[index]) vs \(Float(bitPattern: pattern))", sourceLocation: sourceLocation)
        }
    }

    @Test func lastDimMatchesPyTorch() throws {
        let x = try kernelTestInput([1000, 1000], scale: 20)
        expectClose(try x.softmax(dim: 1),
                    [0: 0x2E361B69, 1: 0x3A7DC089, 777: 0x30CDBB2E, 5003: 0x338F3EA5, 999_999: 0x3AC18844], maxUlps: 0)
        expectClose(try x.logSoftmax(dim: 1),
                    [0: 0xC1BF42BD, 1: 0xC0DE16DE, 777: 0xC1A28F1B, 5003: 0xC1842F1F, 999_999: 0xC0D093EE], maxUlps: 0)
        let small: [UInt32] = [
            0x31C5D1EC, 0x3E09D2C3, 0x3BD48349, 0x39A3D6D5, 0x377CA09B, 0x3542C41A, 0x33162839, 0x3F513B72, 0x3D214F54, 0x3AF8BA3B,
            0x39BEBA89, 0x37930B5A, 0x3562BB2A, 0x332ECD0E, 0x3F73924E, 0x3D3BC8C2, 0x3B10C63D, 0x38DF3B13, 0x36AC1A35, 0x3484AF31,
            0x3F3C8300, 0x3D1155D7, 0x3AE01888, 0x38ACC4F5, 0x368532CD, 0x344D61BE, 0x321E5776, 0x3E5CA2E2, 0x3C2A1A23, 0x3A032460,
            0x37931915, 0x3562D057, 0x332EDD56, 0x3F73A8FE, 0x3D3BDA46, 0x3B10D3BE, 0x38DF4FED, 0x36AC2A3D, 0x3484BB8D, 0x324CA9DC,
        ]
        expectClose(try kernelTestInput([4, 10], scale: 20).softmax(dim: 1),
                    Dictionary(uniqueKeysWithValues: small.enumerated().map { ($0.offset, $0.element) }), maxUlps: 0)
    }

    @Test func innerDimMatchesPyTorch() throws {
        let x = try kernelTestInput([4, 10, 6], scale: 20)
        let softmax = try x.softmax(dim: 1).elements(as: Float.self)
        let logSoftmax = try x.logSoftmax(dim: 1).elements(as: Float.self)
        let reference = try x.to(.float64).softmax(dim: 1).doubles()
        let logReference = try x.to(.float64).logSoftmax(dim: 1).doubles()
        // float32 x - max already rounds (by up to |x - max|·2^-24 relative after exp), so
        // the Double reference is met within the judging tolerance, not to the ulp.
        for index in 0..<softmax.count {
            #expect(isWithinTolerance(Double(softmax[index]), reference[index]))
            #expect(isWithinTolerance(Double(logSoftmax[index]), logReference[index]))
        }
        // A few PyTorch bit patterns (softmax over dim 1 of [4, 10, 6]).
        expectClose(try x.softmax(dim: 1), [0: 0x339FC4F1, 1: 0x3E1038BD, 7: 0x3F5AF217, 239: 0x3CB87800], maxUlps: 0)
        expectClose(try x.logSoftmax(dim: 1), [0: 0xC1834F87, 1: 0xBFFAE53B, 7: 0xBE201B3A, 239: 0xC072C79C], maxUlps: 0)
    }

    @Test func agreesWithDoubleReferenceOnManyShapes() throws {
        for (shape, dim) in [([3, 1], 1), ([2, 7], 1), ([5, 8], 1), ([3, 9], 1), ([2, 17], 1), ([2, 3, 13], 0), ([3, 5, 2], 1), ([6, 11], 0)] {
            let x = try kernelTestInput(shape, scale: 30)
            for logarithm in [false, true] {
                let ours = try (logarithm ? x.logSoftmax(dim: dim) : x.softmax(dim: dim)).elements(as: Float.self)
                let wide = try x.to(.float64)
                let reference = try (logarithm ? wide.logSoftmax(dim: dim) : wide.softmax(dim: dim)).doubles()
                for (actual, expected) in zip(ours, reference) {
                    #expect(isWithinTolerance(Double(actual), expected), "\(shape) dim \(dim) log \(logarithm): \(actual) vs \(expected)")
                }
            }
        }
    }

    @Test func specialRowsKeepTheirMeaning() throws {
        let x = try Tensor(values: [-Float.infinity, -.infinity, -.infinity, 1, .nan, 2, 0, -.infinity, 0, .infinity, 1, 2], shape: [4, 3])
        let softmax = try x.softmax(dim: 1).elements(as: Float.self)
        #expect(softmax[0..<6].allSatisfy { $0.isNaN })
        #expect(softmax[6] == 0.5 && softmax[7] == 0 && softmax[8] == 0.5)
        #expect(softmax[9..<12].allSatisfy { $0.isNaN })
        let logSoftmax = try x.logSoftmax(dim: 1).elements(as: Float.self)
        #expect(logSoftmax[0..<6].allSatisfy { $0.isNaN })
        #expect(logSoftmax[7] == -.infinity && Swift.abs(logSoftmax[6] + 0.6931472) < 1e-6)
        // The same along dim 0 (the inner-dim kernel, scalar tail).
        let columns = try x.transpose(0, 1).contiguous().softmax(dim: 0).transpose(0, 1).elements(as: Float.self)
        #expect(columns[0..<6].allSatisfy { $0.isNaN } && columns[7] == 0 && columns[9..<12].allSatisfy { $0.isNaN })
        // Masked attention rows: -inf entries give exact zeros.
        let scores = try kernelTestInput([16, 16], scale: 4)
        let mask = try Tensor(values: (0..<256).map { $0 % 16 > $0 / 16 }, shape: [16, 16])
        let attention = try scores.maskedFill(mask, .scalar(.float(-.infinity))).softmax(dim: -1).elements(as: Float.self)
        for row in 0..<16 {
            #expect(attention[(row * 16 + row + 1)..<(row * 16 + 16)].allSatisfy { $0 == 0 })
            #expect(Swift.abs(attention[(row * 16)..<(row * 16 + row + 1)].reduce(0, +) - 1) < 1e-5)
        }
        #expect(try Tensor(values: [Float](), shape: [0, 4]).softmax(dim: 1).shape == [0, 4])
        #expect(try Tensor(scalar: Float(3)).softmax(dim: 0).elements(as: Float.self) == [1])
    }
}
