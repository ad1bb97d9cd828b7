/// float32 cumsum and cumprod as PyTorch's CPU kernel (`cpu_cum_base_kernel`) computes
/// them: each lane along the dim keeps a double accumulator (`acc_type<float>` on CPU) and
/// stores every partial result rounded to float, so a large early term that later cancels
/// leaves the small ones behind instead of losing them.
extension Tensor {
    /// Running sums along `axis` of a float32 tensor of rank one or more.
    func float32CumulativeSum(axis: Int) throws -> Tensor {
        try float32Scan(axis: axis, Addition.self)
    }

    /// Running products along `axis` of a float32 tensor of rank one or more.
    func float32CumulativeProduct(axis: Int) throws -> Tensor {
        try float32Scan(axis: axis, Multiplication.self)
    }

    /// The scan of `Step` along `axis`. The lanes that sit next to each other in memory
    /// advance together, so the inner loop is unit-stride whichever dim is scanned.
    private func float32Scan<Step: ScanStep>(axis: Int, _: Step.Type) throws -> Tensor {
        precondition(dtype == .float32 && axis < rank, "float32 scan on \(dtype)")
        let source = isContiguous ? self : try contiguous()
        let result = try Tensor.uninitialized(shape: shape, dtype: .float32)
        let length = shape[axis]
        let inner = shape[(axis + 1)...].reduce(1, *)
        let outer = shape[..<axis].reduce(1, *)
        guard length > 0, inner > 0, outer > 0 else { return result }
        let input = UnsafePointer(source.pointer(Float.self)) + source.storageOffset
        let output = result.pointer(Float.self) + result.storageOffset
        if inner == 1 {
            try scanRows(input, output, rows: outer, length: length, Step.self)
            return result
        }
        var running = [Double](repeating: 0, count: inner)
        try running.withUnsafeMutableBufferPointer { sums in
            for block in 0..<outer {
                try OperationStop.check()
                let base = block &* length &* inner
                for lane in 0..<inner { sums[lane] = Step.identity }
                for step in 0..<length {
                    if step & 0x3FF == 0x3FF { try OperationStop.check() }
                    combineRow(input + (base &+ step &* inner), into: sums, writing: output + (base &+ step &* inner), Step.self)
                }
            }
        }
        return result
    }
}

/// One step of a scan: the accumulator's start and how an element joins it.
protocol ScanStep {
    static var identity: Double { get }
    static func combine(_ running: Double, _ element: Double) -> Double
}

enum Addition: ScanStep {
    static var identity: Double { 0 }
    @inline(__always) static func combine(_ running: Double, _ element: Double) -> Double { running + element }
}

enum Multiplication: ScanStep {
    static var identity: Double { 1 }
    @inline(__always) static func combine(_ running: Double, _ element: Double) -> Double { running * element }
}

/// sums ∘= row, and each new value rounded to float into `output`.
@inline(__always)
private func combineRow<Step: ScanStep>(_ row: UnsafePointer<Float>, into sums: UnsafeMutableBufferPointer<Double>,
                                        writing output: UnsafeMutablePointer<Float>, _: Step.Type) {
    for lane in 0..<sums.count {
        let total = Step.combine(sums[lane], Double(row[lane]))
        sums[lane] = total
        output[lane] = Float(total)
    }
}

/// The scan of `rows` contiguous rows of `length` floats (along the last dim). Each row
/// forms one chain of dependent double operations, so four rows advance together to keep
/// four chains in flight; each row still combines in its own order.
private func scanRows<Step: ScanStep>(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
                                      rows: Int, length: Int, _: Step.Type) throws {
    var row = 0
    while row &+ 4 <= rows {
        try OperationStop.check()
        let in0 = input + row &* length, out0 = output + row &* length
        let in1 = in0 + length, in2 = in1 + length, in3 = in2 + length
        let out1 = out0 + length, out2 = out1 + length, out3 = out2 + length
        var sum0 = Step.identity, sum1 = Step.identity, sum2 = Step.identity, sum3 = Step.identity
        for index in 0..<length {
            sum0 = Step.combine(sum0, Double(in0[index])); out0[index] = Float(sum0)
            sum1 = Step.combine(sum1, Double(in1[index])); out1[index] = Float(sum1)
            sum2 = Step.combine(sum2, Double(in2[index])); out2[index] = Float(sum2)
            sum3 = Step.combine(sum3, Double(in3[index])); out3[index] = Float(sum3)
        }
        row &+= 4
    }
    while row < rows {
        try OperationStop.check()
        let rowInput = input + row &* length, rowOutput = output + row &* length
        var sum = Step.identity
        for index in 0..<length {
            sum = Step.combine(sum, Double(rowInput[index])); rowOutput[index] = Float(sum)
        }
        row &+= 1
    }
}
