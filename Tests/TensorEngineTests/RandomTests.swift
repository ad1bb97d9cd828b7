import Testing
@testable import TensorEngine

/// Behaviour of `Generator` beyond the recorded goldens: the check values in
/// pytorch-semantics.md §2, PyTorch's error messages, and seeding.
@Suite("Random number generation")
struct RandomTests {
    private func rounded(_ values: [Double], places: Double = 10_000) -> [Double] {
        values.map { ($0 * places).rounded() / places }
    }

    @Test func checkValuesFromTheSemanticsNotes() throws {
        let generator = Generator()
        generator.manualSeed(0)
        #expect(rounded(try generator.rand(shape: [5], dtype: .float32).doubles())
            == [0.4963, 0.7682, 0.0885, 0.1320, 0.3074])
        generator.manualSeed(0)
        #expect(rounded(try generator.randn(shape: [3], dtype: .float32).doubles()) == [1.5410, -0.2934, -2.1788])
        generator.manualSeed(0)
        #expect(Array(rounded(try generator.randn(shape: [16], dtype: .float32).doubles()).prefix(3))
            == [-1.1258, -1.1524, -0.2506])
        generator.manualSeed(0)
        #expect(try generator.randint(low: 0, high: 10, shape: [5], dtype: .int64).int64s() == [4, 9, 3, 0, 3])
        generator.manualSeed(0)
        #expect(try generator.randperm(5, dtype: .int64).int64s() == [4, 0, 1, 3, 2])
    }

    @Test func defaultSeedAndReseeding() throws {
        let fresh = Generator()
        #expect(fresh.initialSeed == 67_280_421_310_721)
        let first = try fresh.rand(shape: [4], dtype: .float64).doubles()
        fresh.manualSeed(67_280_421_310_721)
        #expect(try fresh.rand(shape: [4], dtype: .float64).doubles() == first)

        let seed = fresh.seedNondeterministically()
        #expect(fresh.initialSeed == seed)
        let drawn = try fresh.randn(shape: [20], dtype: .float32).doubles()
        fresh.manualSeed(Int64(bitPattern: seed))
        #expect(try fresh.randn(shape: [20], dtype: .float32).doubles() == drawn)
    }

    @Test func seedsUseTheirLow32BitsButReportAll64() throws {
        let generator = Generator()
        generator.manualSeed(-1)
        #expect(generator.initialSeed == UInt64.max)
        let fromNegative = try generator.rand(shape: [3], dtype: .float32).doubles()
        generator.manualSeed(0xffff_ffff)
        #expect(try generator.rand(shape: [3], dtype: .float32).doubles() == fromNegative)
        generator.manualSeed(Int64.min)
        #expect(generator.initialSeed == 1 << 63)
    }

    @Test func theScalarNormalCacheIsClearedBySeeding() throws {
        let generator = Generator()
        generator.manualSeed(3)
        let pair = try generator.randn(shape: [2], dtype: .float64).doubles()
        generator.manualSeed(3)
        let first = try generator.randn(shape: [1], dtype: .float64).doubles()
        let second = try generator.randn(shape: [1], dtype: .float32).doubles()
        #expect(first[0] == pair[0])
        #expect(second[0] == Double(Float(pair[1])))  // the cached sine half, shared by dtypes
        generator.manualSeed(3)
        #expect(try generator.randn(shape: [1], dtype: .float64).doubles() == first)
    }

    @Test func theDefaultGeneratorIsShared() {
        #expect(Generator.default === Generator.default)
    }

    @Test func randpermIsAPermutation() throws {
        let generator = Generator()
        let values = try generator.randperm(5000, dtype: .int64).int64s()
        #expect(values.sorted() == Array(0..<5000))
        #expect(try generator.randperm(0, dtype: .int64).count == 0)
    }

    @Test func dropoutWithZeroProbabilityReturnsTheInput() throws {
        let generator = Generator()
        let input = try generator.randn(shape: [8], dtype: .float32)
        #expect(try generator.dropout(input, p: 0) === input)
        let zeroed = try generator.dropout(try Tensor(values: [Float(-2), 3], shape: [2]), p: 1)
        #expect(zeroed.elements(as: Float.self).map(\.bitPattern) == [(-0.0 as Float).bitPattern, 0])
    }

    private func expectError(_ kind: TensorError.Kind, _ message: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected \(kind.rawValue): \(message)")
        } catch let error as TensorError {
            #expect(error.kind == kind)
            #expect(error.message == message)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func errorsMatchPyTorch() throws {
        let g = Generator()
        expectError(.runtimeError, "random_ expects 'from' to be less than 'to', but got from=5 >= to=5") {
            _ = try g.randint(low: 5, high: 5, shape: [3], dtype: .int64)
        }
        expectError(.runtimeError, "to - 1 is out of bounds for int") {
            _ = try g.randint(low: 0, high: 1 << 40, shape: [3], dtype: .int32)
        }
        expectError(.runtimeError, "from is out of bounds for int") {
            _ = try g.randint(low: -(1 << 40), high: 0, shape: [3], dtype: .int32)
        }
        expectError(.runtimeError, "to - 1 is out of bounds for unsigned char") {
            _ = try g.randint(low: 0, high: 300, shape: [3], dtype: .uint8)
        }
        expectError(.runtimeError, "Trying to create tensor with negative dimension -1: [-1]") {
            _ = try g.randint(low: 0, high: 10, shape: [-1], dtype: .int64)
        }
        expectError(.notImplementedError, "\"check_uniform_bounds\" not implemented for 'Long'") {
            _ = try g.rand(shape: [3], dtype: .int64)
        }
        expectError(.notImplementedError, "\"normal_kernel_cpu\" not implemented for 'Long'") {
            _ = try g.randn(shape: [3], dtype: .int64)
        }
        expectError(.runtimeError, "value cannot be converted to type uint8_t without overflow") {
            _ = try g.randperm(300, dtype: .uint8)
        }
        expectError(.notImplementedError, "\"randperm\" not implemented for 'Bool'") {
            _ = try g.randperm(3, dtype: .bool)
        }
        let floats = try Tensor.zeros(shape: [3], dtype: .float32)
        expectError(.runtimeError, "uniform_ expects to return a [from, to) range, but found from=2 > to=1") {
            try g.uniform_(floats, from: 2, to: 1)
        }
        expectError(.runtimeError, "to is out of bounds for float") {
            try g.uniform_(floats, from: 0, to: 1e300)
        }
        expectError(.runtimeError, "normal expects std >= 0.0, but found std -1") {
            try g.normal_(floats, mean: 0, std: -1)
        }
        expectError(.runtimeError, "normal expects std >= 0.0, but found std nan") {
            try g.normal_(floats, mean: 0, std: .nan)
        }
        expectError(.runtimeError, "exponential_ expects lambda > 0.0, but found lambda=-1") {
            try g.exponential_(floats, lambda: -1)
        }
        expectError(.runtimeError, "bernoulli_ expects p to be in [0, 1], but got p=1.5") {
            try g.bernoulli_(floats, p: 1.5)
        }
        expectError(.runtimeError, "Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)") {
            _ = try g.bernoulli(try Tensor(values: [Float(0.5), 1.5], shape: [2]))
        }
        expectError(.notImplementedError, "\"bernoulli_tensor_cpu_p_\" not implemented for 'Long'") {
            _ = try g.bernoulli(try Tensor(values: [Int64(1), 0], shape: [2]))
        }
        expectError(.runtimeError, "The expanded size of the tensor (3) must match the existing size (2) at non-singleton dimension 1.  Target sizes: [2, 3].  Tensor sizes: [3, 2]") {
            try g.bernoulli_(try Tensor.zeros(shape: [2, 3], dtype: .float32), probabilities: try g.rand(shape: [3, 2], dtype: .float32))
        }
        expectError(.valueError, "dropout probability has to be between 0 and 1, but got 1.5") {
            _ = try g.dropout(floats, p: 1.5)
        }
        expectError(.runtimeError, "result type Float can't be cast to the desired output type Long") {
            _ = try g.dropout(try Tensor(values: [Int64(1), 2], shape: [2]), p: 0.5)
        }
    }

    @Test func multinomialErrorsMatchPyTorch() throws {
        let g = Generator()
        let pair = try Tensor(values: [Float(1), 2], shape: [2])
        expectError(.runtimeError, "multinomial only supports floating-point dtypes for input, got: Long") {
            _ = try g.multinomial(try Tensor(values: [Int64(1), 0], shape: [2]), numSamples: 1, replacement: false)
        }
        expectError(.runtimeError, "prob_dist must be 1 or 2 dim") {
            _ = try g.multinomial(Tensor(scalar: Float(1)), numSamples: 1, replacement: false)
        }
        expectError(.runtimeError, "cannot sample n_sample <= 0 samples") {
            _ = try g.multinomial(pair, numSamples: 0, replacement: true)
        }
        expectError(.runtimeError, "cannot sample n_sample > prob_dist.size(-1) samples without replacement") {
            _ = try g.multinomial(pair, numSamples: 3, replacement: false)
        }
        expectError(.runtimeError, "invalid multinomial distribution (sum of probabilities <= 0)") {
            _ = try g.multinomial(try Tensor(values: [Float(0), 0], shape: [2]), numSamples: 1, replacement: false)
        }
        expectError(.runtimeError, "invalid multinomial distribution (sum of probabilities <= 0)") {
            _ = try g.multinomial(try Tensor(values: [Float(0), 0], shape: [2]), numSamples: 2, replacement: true)
        }
        expectError(.runtimeError, "probability tensor contains either `inf`, `nan` or element < 0") {
            _ = try g.multinomial(try Tensor(values: [Float(1), -1], shape: [2]), numSamples: 1, replacement: false)
        }
        expectError(.runtimeError, "invalid multinomial distribution (encountering probability entry < 0)") {
            _ = try g.multinomial(try Tensor(values: [Float(1), -1], shape: [2]), numSamples: 2, replacement: true)
        }
        expectError(.runtimeError, "invalid multinomial distribution (encountering probability entry = infinity or NaN)") {
            _ = try g.multinomial(try Tensor(values: [Float(1), .infinity], shape: [2]), numSamples: 2, replacement: true)
        }
    }
}

@Suite("Box-Muller kernels")
struct RandomKernelTests {
    /// The SIMD float32 block against the lane-by-lane transcription of avx_mathfun.h,
    /// over every 24-bit uniform pattern at the edges and a spread of others.
    @Test func simdBlockMatchesTheScalarReference() {
        var uniforms: [Float] = []
        let scale: Float = 1.0 / 16_777_216
        for pattern in 0..<4096 { uniforms.append(Float(pattern) * scale) }
        for pattern in (16_777_216 - 4096)..<16_777_216 { uniforms.append(Float(pattern) * scale) }
        for step in 0..<8192 { uniforms.append(Float((step &* 2_654_435_761) & 0xff_ffff) * scale) }
        for (mean, std) in [(Float(0), Float(1)), (Float(-3.7), Float(0.013))] {
            var start = 0
            while start + 16 <= uniforms.count {
                var simd = Array(uniforms[start..<(start + 16)])
                var scalar = simd
                simd.withUnsafeMutableBufferPointer { randomBoxMuller16SIMD($0.baseAddress!, mean: mean, std: std) }
                scalar.withUnsafeMutableBufferPointer { randomBoxMuller16($0.baseAddress!, mean: mean, std: std) }
                if simd.map(\.bitPattern) != scalar.map(\.bitPattern) {
                    Issue.record("block at \(start) differs for mean \(mean), std \(std)")
                    return
                }
                start += 16
            }
        }
    }
}
