/// `F.embedding_bag` on the CPU: each bag (a run of `indices` between two offsets) is
/// reduced to one row of the weight table by 'sum', 'mean' or 'max'. Rows of
/// `paddingIndex` are skipped, and a mean divides by the rows it kept; an empty bag is
/// zeros. 'max' keeps, per column, the first row that holds the maximum.
public enum EmbeddingBagMode: Int, Sendable {
    case sum = 0, mean, max
}

/// What the backward pass needs to know about a forward `embeddingBag`.
public struct EmbeddingBagPlan: Sendable {
    public let indices: [Int]
    /// The half-open runs of `indices` that form each bag.
    public let bags: [Range<Int>]
    public let mode: EmbeddingBagMode
    public let paddingIndex: Int?
    /// For 'max': per bag and column, the weight row that gave the maximum, -1 if none.
    public var maxRows: [Int] = []

    /// Whether position `position` of `indices` takes part (is not the padding row).
    func counts(_ position: Int) -> Bool { indices[position] != paddingIndex }

    /// What the last bag's mean divides by when it differs from the rows it kept; its
    /// gradient then reaches the rows up to the input's end.
    var lastBagDivisor: Int?

    /// The positions whose rows receive bag `bag`'s gradient.
    func gradientRange(_ bag: Int) -> Range<Int> {
        guard bag == bags.count - 1, mode == .mean, lastBagDivisor != nil else { return bags[bag] }
        return bags[bag].lowerBound..<indices.count
    }

    /// The rows a bag kept, which a mean divides by.
    func keptCount(_ bag: Int) -> Int {
        if bag == bags.count - 1, let lastBagDivisor { return lastBagDivisor }
        return bags[bag].filter(counts).count
    }
}

extension Tensor {
    /// The bags of `indices` (1-d, int64 or int32) by `offsets`, checked as ATen checks them.
    public static func embeddingBagPlan(indices: Tensor, offsets: Tensor, rows: Int, mode: EmbeddingBagMode, includeLastOffset: Bool,
                                        paddingIndex: Int?) throws -> EmbeddingBagPlan {
        for (tensor, argument) in [(indices, "indices"), (offsets, "offsets")] where tensor.dtype != .int64 && tensor.dtype != .int32 {
            throw TensorError.runtime(
                "Expected tensor for argument #\(argument == "indices" ? 1 : 2) '\(argument)' to have one of the following scalar types: Long, Int; but got \(tensor.legacyTypeName) instead (while checking arguments for embedding_bag)")
        }
        let positions = try indices.to(.int64).contiguous().int64s().map { Int($0) }
        let starts = try offsets.to(.int64).contiguous().int64s().map { Int($0) }
        for (position, row) in positions.enumerated() where row < 0 || row >= rows {
            throw TensorError.runtime("Index \(position) of input takes value \(row) which is not in the valid range [0, \(rows))")
        }
        if let first = starts.first, first != 0 {
            throw TensorError.runtime(
                "offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start from position 0. However, got \(first)")
        }
        if let last = starts.last, last > positions.count {
            throw TensorError.runtime("offsets[-1] can not be greater than input's length \(positions.count) but got offsets[-1] of \(last)")
        }
        let bagCount = includeLastOffset ? Swift.max(starts.count - 1, 0) : starts.count
        // With include_last_offset and a last offset short of the input's end, ATen's CPU
        // kernels disagree about the last bag: 'max' and any padding_idx run it to the end,
        // a plain sum or mean stops at the last offset, and the mean still divides by the
        // length to the end. The same is done here.
        let runsToEnd = !includeLastOffset || mode == .max || paddingIndex != nil
        let bags = try (0..<bagCount).map { bag in
            let end = bag + 1 < starts.count && (bag + 1 < bagCount || !runsToEnd) ? starts[bag + 1] : positions.count
            guard starts[bag] <= end else {
                throw TensorError.runtime("offsets must be non-decreasing, but offsets[\(bag)] = \(starts[bag]) > offsets[\(bag + 1)] = \(end)")
            }
            return starts[bag]..<end
        }
        var plan = EmbeddingBagPlan(indices: positions, bags: bags, mode: mode, paddingIndex: paddingIndex)
        if !runsToEnd, let last = bags.last { plan.lastBagDivisor = positions.count - last.lowerBound }
        return plan
    }

    /// The bags' rows `[bags, dim]` of this weight table; fills the plan's `maxRows`.
    public func embeddingBag(_ plan: inout EmbeddingBagPlan, perSampleWeights: Tensor?) throws -> Tensor {
        let dim = shape[1]
        let table = try contiguous().doubles()
        let scales = try perSampleWeights.map { try $0.contiguous().doubles() }
        var output = [Double](repeating: 0, count: plan.bags.count * dim)
        if plan.mode == .max { plan.maxRows = [Int](repeating: -1, count: plan.bags.count * dim) }
        for (bag, positions) in plan.bags.enumerated() {
            for position in positions where plan.counts(position) {
                let row = plan.indices[position], scale = scales?[position] ?? 1
                for column in 0..<dim {
                    let value = table[row * dim + column], slot = bag * dim + column
                    if plan.mode == .max {
                        if plan.maxRows[slot] < 0 || value > output[slot] { (output[slot], plan.maxRows[slot]) = (value, row) }
                    } else {
                        output[slot] += scale * value
                    }
                }
            }
            let kept = plan.keptCount(bag)
            if plan.mode == .mean, kept > 0 {
                for column in 0..<dim { output[bag * dim + column] /= Double(kept) }
            }
        }
        return try ResultBuilder.tensor(doubles: output, shape: [plan.bags.count, dim], dtype: dtype)
    }

    /// The weight table's gradient `[rows, dim]` from the bags' output gradient, each row
    /// scaled by 1/(its count among the indices) when `scaleByFrequency`; and, given
    /// per-sample weights and the `weight` table, theirs: Σ over columns of gradient · row.
    public static func embeddingBagBackward(gradOutput: Tensor, weightShape: [Int], plan: EmbeddingBagPlan, perSampleWeights: Tensor?,
                                            weight: Tensor?, scaleByFrequency: Bool) throws -> (weight: Tensor, perSampleWeights: Tensor?) {
        let (rows, dim) = (weightShape[0], weightShape[1])
        let gradients = try gradOutput.contiguous().doubles()
        let scales = try perSampleWeights.map { try $0.contiguous().doubles() }
        var frequency = [Int](repeating: 0, count: rows)
        if scaleByFrequency { for row in plan.indices { frequency[row] += 1 } }
        var result = [Double](repeating: 0, count: rows * dim)
        for bag in plan.bags.indices {
            if plan.mode == .max {
                for column in 0..<dim where plan.maxRows[bag * dim + column] >= 0 {
                    result[plan.maxRows[bag * dim + column] * dim + column] += gradients[bag * dim + column]
                }
                continue
            }
            let kept = plan.keptCount(bag)
            for position in plan.gradientRange(bag) where plan.counts(position) {
                let row = plan.indices[position]
                var scale = scales?[position] ?? 1
                if plan.mode == .mean { scale /= Double(kept) }
                if scaleByFrequency { scale /= Double(frequency[row]) }
                for column in 0..<dim { result[row * dim + column] += scale * gradients[bag * dim + column] }
            }
        }
        let weightGradient = try ResultBuilder.tensor(doubles: result, shape: [rows, dim], dtype: gradOutput.dtype)
        guard let perSampleWeights, let weight else { return (weightGradient, nil) }
        let table = try weight.contiguous().doubles()
        var sampleGradients = [Double](repeating: 0, count: plan.indices.count)
        for (bag, positions) in plan.bags.enumerated() {
            for position in positions where plan.counts(position) {
                let row = plan.indices[position]
                sampleGradients[position] = (0..<dim).reduce(0) { $0 + gradients[bag * dim + $1] * table[row * dim + $1] }
            }
        }
        return (weightGradient, try ResultBuilder.tensor(doubles: sampleGradients, shape: perSampleWeights.shape, dtype: perSampleWeights.dtype))
    }
}
