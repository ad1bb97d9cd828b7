/// Factory functions: `arange`, `linspace`, `full`, `eye`, `meshgrid`.
public enum Factory {
    /// `torch.arange(start, end, step)`; `integral` when every argument was a Python int.
    public static func arange(start: Scalar, end: Scalar, step: Scalar, dtype: DType?) throws -> Tensor {
        let allIntegers = !(start.isFloat || end.isFloat || step.isFloat)
        let outputType = dtype ?? (allIntegers ? .int64 : defaultFloatDType)
        let first = start.doubleValue
        let last = end.doubleValue
        let increment = step.doubleValue
        guard increment != 0 else { throw TensorError.runtime("step must be nonzero") }
        guard first.isFinite, last.isFinite else { throw TensorError.runtime("unsupported range: \(start) -> \(end)") }
        guard (increment > 0 && last >= first) || (increment < 0 && last <= first) else {
            throw TensorError.runtime("upper bound and lower bound inconsistent with step sign")
        }
        let count = try arangeCount(start: start, end: end, step: step, allIntegers: allIntegers)
        let result = try Tensor.zeros(shape: [count], dtype: outputType)
        if outputType.isFloatingPoint {
            let values = (0..<count).map { first + Double($0) * increment }
            try result.copy(from: Tensor(values: values, shape: [count]))
        } else {
            let base = start.int64Value
            let stepValue = step.int64Value
            try result.copy(from: Tensor(values: (0..<count).map { base &+ Int64($0) &* stepValue }, shape: [count]))
        }
        return result
    }

    /// The element count of `arange`, computed without overflow: `arange(0, 1e30)` and
    /// `arange(-2**63, 2**63 - 1)` are sizes to refuse, not arithmetic to trap on.
    private static func arangeCount(start: Scalar, end: Scalar, step: Scalar, allIntegers: Bool) throws -> Int {
        let tooLarge = TensorError.runtime(
            "this would allocate more memory than exists: arange(\(start), \(end), \(step)) has too many elements")
        if allIntegers {
            // Bounds of opposite signs can be 2**64 apart, so the distance is unsigned.
            let (first, last, stepValue) = (start.int64Value, end.int64Value, step.int64Value)
            let (low, high) = stepValue > 0 ? (first, last) : (last, first)
            guard high > low else { return 0 }
            let distance = UInt64(bitPattern: high &- low)
            let count = (distance - 1) / stepValue.magnitude + 1
            guard count <= UInt64(Int.max) else { throw tooLarge }
            return Int(count)
        }
        let exactCount = ((end.doubleValue - start.doubleValue) / step.doubleValue).rounded(.up)
        guard exactCount.isFinite, exactCount < 0x1p62 else { throw tooLarge }
        return Swift.max(Int(exactCount), 0)
    }

    /// `torch.linspace(start, end, steps)`, computed from both ends like PyTorch.
    public static func linspace(start: Double, end: Double, steps: Int, dtype: DType?) throws -> Tensor {
        guard steps >= 0 else { throw TensorError.runtime("number of steps must be non-negative") }
        let outputType = dtype ?? defaultFloatDType
        try ensureAllocatable(elements: steps)
        if outputType == .float32 || outputType.isReducedFloat {
            // The 16-bit dtypes compute in float32 from the ends rounded to the dtype.
            let first = Float(outputType.roundedToPrecision(start))
            let last = Float(outputType.roundedToPrecision(end))
            return try Tensor(values: linspaceValues(first, last, steps), shape: [steps]).to(outputType)
        }
        let values = linspaceValues(start, end, steps)
        return try Tensor(values: values, shape: [steps]).to(outputType)
    }

    private static func linspaceValues<T: BinaryFloatingPoint>(_ start: T, _ end: T, _ steps: Int) -> [T] {
        if steps == 0 { return [] }
        if steps == 1 { return [start] }
        let step = (end - start) / T(steps - 1)
        let half = steps / 2
        // PyTorch's compiled kernel fuses each multiply-add (one rounding).
        return (0..<steps).map { index in
            index < half ? start.addingProduct(step, T(index)) : end.addingProduct(-step, T(steps - index - 1))
        }
    }

    /// `torch.full(shape, value)`: the dtype follows the Python value's kind.
    public static func full(shape: [Int], value: Scalar, dtype: DType?) throws -> Tensor {
        let outputType = dtype ?? {
            switch value {
            case .bool: DType.bool
            case .int: DType.int64
            case .float: defaultFloatDType
            }
        }()
        let result = try Tensor.zeros(shape: shape, dtype: outputType)
        result.fill(value)
        return result
    }

    public static func eye(rows: Int, columns: Int?, dtype: DType?) throws -> Tensor {
        let width = columns ?? rows
        guard rows >= 0 else { throw TensorError.runtime("n must be greater or equal to 0, got \(rows)") }
        guard width >= 0 else { throw TensorError.runtime("m must be greater or equal to 0, got \(width)") }
        let result = try Tensor.zeros(shape: [rows, width], dtype: dtype ?? defaultFloatDType)
        for index in 0..<Swift.min(rows, width) {
            result.setScalar(.int(1), atStorageOffset: index * width + index)
        }
        return result
    }

    /// `torch.meshgrid(tensors, indexing=)`: expanded views, like PyTorch.
    public static func meshgrid(_ tensors: [Tensor], indexing: String) throws -> [Tensor] {
        guard indexing == "ij" || indexing == "xy" else {
            throw TensorError.runtime("torch.meshgrid: indexing must be one of \"xy\" or \"ij\", but received: \(indexing)")
        }
        for tensor in tensors where tensor.rank > 1 {
            throw TensorError.runtime("torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: \(tensor.shape)")
        }
        var sizes = tensors.map { $0.count }
        let swap = indexing == "xy" && tensors.count >= 2
        if swap { sizes.swapAt(0, 1) }
        return try tensors.enumerated().map { position, tensor in
            var viewShape = [Int](repeating: 1, count: tensors.count)
            var target = position
            if swap && position < 2 { target = 1 - position }
            viewShape[target] = tensor.count
            return try tensor.reshape(viewShape).expand(sizes)
        }
    }
}
