import Testing
@testable import TensorEngine

/// One recorded PyTorch output: its dtype, shape, the first values' bit patterns and a
/// hash over every value's bit pattern (see Tests/Scripts/record_random.py).
enum RandomGoldenOutput {
    case float32(dtype: String, shape: [Int], count: Int, hash: UInt64, head: [UInt32])
    case float64(dtype: String, shape: [Int], count: Int, hash: UInt64, head: [UInt64])
    case integers(dtype: String, shape: [Int], count: Int, hash: UInt64, head: [Int64])
}

struct RandomGoldenCase: CustomTestStringConvertible, Sendable {
    let name: String
    let steps: [String]
    let outputs: [RandomGoldenOutput]
    var testDescription: String { name }
}

extension RandomGoldenOutput: Sendable {}

/// The same FNV-style hash the recording script computes.
func randomGoldenHash(_ values: [UInt64]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for value in values {
        hash ^= value
        hash = hash &* 0x100_0000_01b3
    }
    return hash
}

/// Runs the recording script's step language against the Swift engine.
struct RandomStepRunner {
    let generator = Generator()
    var last: Tensor?

    static func shape(_ text: String) -> [Int] {
        text == "-" ? [] : text.split(separator: ",").map { Int($0)! }
    }

    static func dtype(_ text: String) -> DType {
        switch text {
        case "f32": .float32
        case "f64": .float64
        case "i64": .int64
        case "i32": .int32
        case "i16": .int16
        case "i8": .int8
        case "u8": .uint8
        case "bool": .bool
        default: fatalError("unknown dtype \(text)")
        }
    }

    /// A fresh tensor in one of the script's layouts: contiguous, transposed, or strided.
    static func empty(_ shape: [Int], _ dtype: DType, layout: String) throws -> Tensor {
        switch layout {
        case "t":
            let base = try Tensor.zeros(shape: [shape[1], shape[0]], dtype: dtype)
            return base.viewing(View(shape: shape, strides: [1, shape[0]], offset: 0))
        case "s":
            var baseShape = shape
            baseShape[baseShape.count - 1] *= 2
            let base = try Tensor.zeros(shape: baseShape, dtype: dtype)
            var strides = base.strides
            strides[strides.count - 1] = 2
            return base.viewing(View(shape: shape, strides: strides, offset: 0))
        default:
            return try Tensor.zeros(shape: shape, dtype: dtype)
        }
    }

    /// Runs one step; returns the tensor to compare, or nil for steps without output.
    mutating func run(_ step: String) throws -> Tensor? {
        let words = step.split(separator: " ").map(String.init)
        let args = Array(words.dropFirst())
        let g = generator
        var output: Tensor
        switch words[0] {
        case "seed":
            g.manualSeed(Int64(args[0])!)
            return nil
        case "rand": output = try g.rand(shape: Self.shape(args[0]), dtype: Self.dtype(args[1]))
        case "randn": output = try g.randn(shape: Self.shape(args[0]), dtype: Self.dtype(args[1]))
        case "normal":
            output = try g.normal(mean: Double(args[0])!, std: Double(args[1])!, shape: Self.shape(args[2]), dtype: Self.dtype(args[3]))
        case "randint":
            output = try g.randint(low: Int64(args[0])!, high: Int64(args[1])!, shape: Self.shape(args[2]), dtype: Self.dtype(args[3]))
        case "randperm": output = try g.randperm(Int(args[0])!, dtype: Self.dtype(args[1]))
        case "uniform_", "normal_":
            output = try Self.empty(Self.shape(args[0]), Self.dtype(args[1]), layout: args.count > 4 ? args[4] : "c")
            if words[0] == "uniform_" {
                try g.uniform_(output, from: Double(args[2])!, to: Double(args[3])!)
            } else {
                try g.normal_(output, mean: Double(args[2])!, std: Double(args[3])!)
            }
        case "exponential_", "bernoulli_":
            output = try Self.empty(Self.shape(args[0]), Self.dtype(args[1]), layout: args.count > 3 ? args[3] : "c")
            if words[0] == "exponential_" {
                try g.exponential_(output, lambda: Double(args[2])!)
            } else {
                try g.bernoulli_(output, p: Double(args[2])!)
            }
        case "bernoulli": output = try g.bernoulli(last!)
        case "bernoulli_t":
            output = try Tensor.zeros(shape: Self.shape(args[0]), dtype: Self.dtype(args[1]))
            try g.bernoulli_(output, probabilities: last!)
        case "multinomial": output = try g.multinomial(last!, numSamples: Int(args[0])!, replacement: args[1] == "true")
        case "dropout": output = try g.dropout(last!, p: Double(args[0])!)
        case "tensor":
            let values = args[0].split(separator: ",").map { Double($0)! }
            let dtype = Self.dtype(args[2])
            output = dtype == .float32
                ? try Tensor(values: values.map { Float($0) }, shape: Self.shape(args[1]))
                : try Tensor(values: values, shape: Self.shape(args[1]))
            last = output
            return nil
        case "transpose":
            let base = last!
            last = base.viewing(View(shape: base.shape.reversed(), strides: base.strides.reversed(), offset: base.storageOffset))
            return nil
        default: fatalError("unknown step \(step)")
        }
        last = output
        return output
    }
}

/// Compares a tensor with a golden bit-exactly; returns a description of the first difference.
func randomGoldenMismatch(_ tensor: Tensor, _ golden: RandomGoldenOutput) -> String? {
    let dtype: String, shape: [Int], count: Int, hash: UInt64, head: [UInt64], bits: [UInt64]
    switch golden {
    case let .float32(d, s, c, h, values):
        (dtype, shape, count, hash, head) = (d, s, c, h, values.map { UInt64($0) })
        bits = tensor.dtype == .float32 ? tensor.elements(as: Float.self).map { UInt64($0.bitPattern) } : []
    case let .float64(d, s, c, h, values):
        (dtype, shape, count, hash, head) = (d, s, c, h, values)
        bits = tensor.dtype == .float64 ? tensor.elements(as: Double.self).map { $0.bitPattern } : []
    case let .integers(d, s, c, h, values):
        (dtype, shape, count, hash, head) = (d, s, c, h, values.map { UInt64(bitPattern: $0) })
        bits = tensor.dtype.isFloatingPoint ? [] : tensor.int64s().map { UInt64(bitPattern: $0) }
    }
    if tensor.dtype.rawValue != dtype { return "dtype \(tensor.dtype.rawValue), expected \(dtype)" }
    if tensor.shape != shape { return "shape \(tensor.shape), expected \(shape)" }
    if bits.count != count { return "count \(bits.count), expected \(count)" }
    for (index, expected) in head.enumerated() where bits[index] != expected {
        return "element \(index): bits 0x\(String(bits[index], radix: 16)), expected 0x\(String(expected, radix: 16))"
    }
    if randomGoldenHash(bits) != hash { return "values past the first \(head.count) differ (hash mismatch)" }
    return nil
}

@Suite("Random goldens recorded from PyTorch")
struct RandomGoldenTests {
    @Test(arguments: RandomGoldens.cases)
    func matchesPyTorch(_ golden: RandomGoldenCase) throws {
        var runner = RandomStepRunner()
        var produced: [(String, Tensor)] = []
        for step in golden.steps {
            if let tensor = try runner.run(step) { produced.append((step, tensor)) }
        }
        try #require(produced.count == golden.outputs.count)
        for ((step, tensor), expected) in zip(produced, golden.outputs) {
            let mismatch = randomGoldenMismatch(tensor, expected)
            #expect(mismatch == nil, "\(step): \(mismatch ?? "")")
        }
    }

    @Test func initialSeedMatchesPyTorch() {
        let generator = Generator()
        for (seed, expected) in RandomGoldens.initialSeeds {
            generator.manualSeed(seed)
            #expect(generator.initialSeed == expected, "manual_seed(\(seed))")
        }
    }
}
