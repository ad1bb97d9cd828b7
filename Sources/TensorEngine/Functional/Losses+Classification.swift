/// `nll_loss` and `cross_entropy` (aten/src/ATen/native/LossNLL.cpp): the class dim is
/// dim 1, or dim 0 for an unbatched 1-D input; any further dims are spatial.

/// `F.nll_loss`: -input[n, target[n], ...] · weight[target], skipping `ignoreIndex`.
/// The mean divides by the summed weights of the rows kept, so all-ignored gives nan.
public func nllLoss(
    _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, reduction: LossReduction = .mean, ignoreIndex: Int64 = -100
) throws -> Tensor {
    try checkNLLShapes(input, target)
    guard target.dtype == .int64 || target.dtype == .uint8 else {
        throw TensorError.runtime("expected target dtype to be Long or Byte, but got \(target.dtype.scalarTypeName)")
    }
    let classes = input.rank == 1 ? input.shape[0] : input.shape[1]
    if let weight {
        guard weight.count == classes else {
            throw TensorError.runtime(
                "weight tensor should be defined either for all \(classes) classes or no classes but got weight tensor of shape: \(formatShape(weight.shape))")
        }
        guard weight.dtype == input.dtype else {
            throw TensorError.scalarTypeMismatch(expected: input.dtype, found: weight.dtype)
        }
    }
    guard input.dtype.isFloatingPoint else {
        throw TensorError.kernelNotImplemented("nll_loss_out_frame", input.dtype)
    }
    if reduction == .none, input.rank == 2, input.dtype == .float32, target.dtype == .int64, weight.map({ $0.rank == 1 }) ?? true {
        return try float32UnreducedNLL(input, target, weight: weight, ignoreIndex: ignoreIndex)
    }
    if reduction != .none, input.rank == 2, input.dtype == .float32, target.dtype == .int64, weight == nil {
        return try float32ReducedNLL(input, target, reduction: reduction, ignoreIndex: ignoreIndex)
    }
    let score = try targetScoreReader(input, classes: classes)
    let targets = target.int64s()
    let weights = weight?.doubles()
    var losses = [Double](repeating: 0, count: targets.count)
    let dtype = input.dtype
    let round = { dtype.roundedToPrecision($0) }
    var sums = CascadeSums(count: targets.count, dtype: dtype)
    for (index, label) in targets.enumerated() {
        if label == ignoreIndex { continue }
        guard label >= 0, label < Int64(classes) else { throw TensorError.index("Target \(label) is out of bounds.") }
        let score = score(index, Int(label))
        if let weights {
            let classWeight = weights[Int(label)]
            losses[index] = round(-score * classWeight)
            sums.add(loss: round(score * classWeight), weight: classWeight, at: index)
        } else {
            losses[index] = -score
            sums.add(loss: score, weight: nil, at: index)
        }
    }
    switch reduction {
    case .none:
        let shape = input.rank == 1 ? [] : target.shape
        return try ResultBuilder.tensor(doubles: losses, shape: shape, dtype: input.dtype)
    case .sum:
        return try ResultBuilder.tensor(doubles: [sums.totalLoss], shape: [], dtype: input.dtype)
    case .mean, .batchMean:
        return try ResultBuilder.tensor(doubles: [round(sums.totalLoss / sums.totalWeight)], shape: [], dtype: input.dtype)
    }
}

/// `reduction='none'` over [N, C] float32 scores, straight from storage as ATen's 2-D
/// loop does: −input[i, t]·w[t] in float (w = 1 without weights), 0 for an ignored row.
private func float32UnreducedNLL(_ input: Tensor, _ target: Tensor, weight: Tensor?, ignoreIndex: Int64) throws -> Tensor {
    let output = try Tensor.uninitialized(shape: target.shape, dtype: .float32)
    let scores = UnsafePointer(input.pointer(Float.self)) + input.storageOffset
    let (rowStride, classStride) = (input.strides[0], input.strides[1])
    let labels = UnsafePointer(target.pointer(Int64.self)) + target.storageOffset
    let labelStride = target.strides[0]
    let classes = Int64(input.shape[1])
    let weights = weight.map { UnsafePointer($0.pointer(Float.self)) + $0.storageOffset }
    let weightStride = weight?.strides[0] ?? 0
    let losses = output.pointer(Float.self)
    for row in 0..<input.shape[0] {
        let label = labels[row &* labelStride]
        if label == ignoreIndex {
            losses[row] = 0
            continue
        }
        guard label >= 0, label < classes else { throw TensorError.index("Target \(label) is out of bounds.") }
        let classWeight = weights.map { $0[Int(label) &* weightStride] } ?? 1
        losses[row] = -scores[row &* rowStride &+ Int(label) &* classStride] * classWeight
    }
    return output
}

/// 'mean' or 'sum' over [N, C] float32 scores without class weights, straight from
/// storage: the cascade of `CascadeSums` in Float, whose each step rounds as the Double
/// one does after `roundedToPrecision` (a sum of two floats that double holds exactly, or
/// one so lopsided that both round to the larger). Through `CascadeSums` and the score
/// reader this was three times PyTorch's time on 1000 rows.
private func float32ReducedNLL(_ input: Tensor, _ target: Tensor, reduction: LossReduction, ignoreIndex: Int64) throws -> Tensor {
    let scores = UnsafePointer(input.pointer(Float.self)) + input.storageOffset
    let (rowStride, classStride) = (input.strides[0], input.strides[1])
    let labels = UnsafePointer(target.pointer(Int64.self)) + target.storageOffset
    let labelStride = target.strides[0]
    let rows = input.shape[0], classes = Int64(input.shape[1])
    var sums = Float32CascadeSum(count: rows)
    for row in 0..<rows {
        let label = labels[row &* labelStride]
        if label == ignoreIndex { continue }
        guard label >= 0, label < classes else { throw TensorError.index("Target \(label) is out of bounds.") }
        sums.subtract(scores[row &* rowStride &+ Int(label) &* classStride], at: row)
    }
    let total = sums.total
    // The mean divides in double and rounds once, as the general path does.
    let value = reduction == .sum ? Double(total) : Double(Float(Double(total) / Double(Float(sums.kept))))
    return try ResultBuilder.tensor(doubles: [value], shape: [], dtype: .float32)
}

/// `CascadeSums` without weights for float32: eight Float levels, spilled the same way.
/// Level 0 is a plain stored Float and the spill, due once in 2^p elements, is out of
/// line, so the common step is one subtraction.
struct Float32CascadeSum {
    private var first: Float = 0
    private var higher: (Float, Float, Float, Float, Float, Float, Float) = (0, 0, 0, 0, 0, 0, 0)
    private(set) var kept = 0
    private let levelPower: Int

    init(count: Int) {
        let ceilLog2 = count > 1 ? Int.bitWidth - (count - 1).leadingZeroBitCount : 0
        levelPower = Swift.max(4, ceilLog2 / 8)
    }

    /// Subtracts the score at linear index `index` and spills the levels it completes.
    @inline(__always)
    mutating func subtract(_ score: Float, at index: Int) {
        kept &+= 1
        first = first - score
        if index & ((1 << levelPower) &- 1) == 0 { spill(at: index) }
    }

    @inline(never)
    private mutating func spill(at index: Int) {
        let mask = (1 << levelPower) &- 1, power = levelPower
        let carried = first
        first = 0
        withUnsafeMutableBytes(of: &higher) { raw in
            let level = raw.baseAddress!.assumingMemoryBound(to: Float.self)
            level[0] = level[0] + carried
            for step in 1..<7 {
                if index & (mask << (step &* power)) != 0 { break }
                level[step] = level[step] + level[step &- 1]
                level[step &- 1] = 0
            }
        }
    }

    /// The levels summed from the lowest up.
    var total: Float {
        var higher = higher
        return withUnsafeBytes(of: &higher) { raw in
            let level = raw.baseAddress!.assumingMemoryBound(to: Float.self)
            var sum: Float = 0 + first
            for step in 0..<7 { sum = sum + level[step] }
            return sum
        }
    }
}

/// The summed class weights of the kept targets, as `nll_loss`'s forward kernel sums them
/// (its backward divides by this total for 'mean').
public func nllTotalWeight(target: Tensor, weight: Tensor?, ignoreIndex: Int64, dtype: DType) -> Double {
    let targets = target.int64s()
    let weights = weight?.doubles()
    var sums = CascadeSums(count: targets.count, dtype: dtype)
    for (index, label) in targets.enumerated() where label != ignoreIndex {
        let classWeight = weights.flatMap { $0.indices.contains(Int(label)) ? $0[Int(label)] : nil }
        sums.add(loss: 0, weight: weights == nil ? nil : classWeight ?? 0, at: index)
    }
    return sums.totalWeight
}

/// The loss and weight totals of PyTorch's `nll_loss` and `nll_loss2d` kernels, which sum
/// in the input's dtype through eight cascade levels: after the element at linear index i
/// is added to level 0, level j spills into level j + 1 while i's bits j·p ..< (j + 1)·p are
/// all zero (p = max(4, ⌈log2 n⌉ / 8)). So element 0 climbs to the top level on its own,
/// and ignored elements spill nothing. `round` rounds to the dtype after each operation.
struct CascadeSums {
    // Fixed-size levels and the dtype's rounding called directly: with arrays and a
    // rounding closure, this loop was most of a 1000-row nll_loss's time.
    private var losses = SIMD8<Double>()
    private var weights = SIMD8<Double>()
    private var kept = 0
    private var hasWeights = false
    private let levelPower: Int
    private let dtype: DType

    init(count: Int, dtype: DType) {
        let ceilLog2 = count > 1 ? Int.bitWidth - (count - 1).leadingZeroBitCount : 0
        levelPower = Swift.max(4, ceilLog2 / 8)
        self.dtype = dtype
    }

    @inline(__always)
    private func round(_ value: Double) -> Double { dtype.roundedToPrecision(value) }

    /// Subtracts `loss` (the score, times its class weight when there are weights).
    mutating func add(loss: Double, weight: Double?, at index: Int) {
        kept += 1
        losses[0] = round(losses[0] - loss)
        if let weight {
            hasWeights = true
            weights[0] = round(weights[0] + weight)
        }
        let mask = (1 << levelPower) - 1
        for level in 0..<7 {
            if index & (mask << (level * levelPower)) != 0 { break }
            losses[level + 1] = round(losses[level + 1] + losses[level])
            weights[level + 1] = round(weights[level + 1] + weights[level])
            losses[level] = 0
            weights[level] = 0
        }
    }

    var totalLoss: Double { (0..<8).reduce(0) { round($0 + losses[$1]) } }
    var totalWeight: Double { hasWeights ? (0..<8).reduce(0) { round($0 + weights[$1]) } : round(Double(kept)) }
}

/// Reads input[row, label] (rows in the order of the target's elements) straight from
/// storage: only one score per row is needed, so nothing is converted in bulk.
private func targetScoreReader(_ input: Tensor, classes: Int) throws -> (Int, Int) -> Double {
    if input.rank <= 2, input.dtype == .float32 || input.dtype == .float64 {
        let rowStride = input.rank == 2 ? input.strides[0] : 0
        let classStride = input.strides[input.rank - 1]
        let offset = input.storageOffset
        if input.dtype == .float32 {
            let base = input.pointer(Float.self)
            return { row, label in Double(base[offset + row * rowStride + label * classStride]) }
        }
        let base = input.pointer(Double.self)
        return { row, label in base[offset + row * rowStride + label * classStride] }
    }
    // Rows of class scores: [rows, C] with the class dim last.
    let rows = input.rank == 1 ? try input.reshape([1, classes]) : try input.movedim([1], [input.rank - 1]).reshape([-1, classes])
    let scores = rows.doubles()
    return { row, label in scores[row * classes + label] }
}

/// The shape checks of `nll_loss_nd`, `nll_loss` and `nll_loss2d`, in their order.
private func checkNLLShapes(_ input: Tensor, _ target: Tensor) throws {
    guard input.rank >= 1 else { throw TensorError.value("Expected 1 or more dimensions (got \(input.rank))") }
    if input.rank != 1, let batch = target.shape.first, input.shape[0] != batch {
        throw TensorError.value("Expected input batch_size (\(input.shape[0])) to match target batch_size (\(batch)).")
    }
    switch input.rank {
    case 1, 2:
        guard target.rank <= 1 else {
            throw TensorError.runtime("0D or 1D target tensor expected, multi-target not supported")
        }
        if input.rank == 1, target.rank == 1, target.shape[0] != 1 {
            throw TensorError.value("For 1D input, 1D target must have size 1, but got target size: \(target.shape[0])")
        }
        if input.rank == 2, target.rank == 0 || target.shape[0] != input.shape[0] {
            throw TensorError.runtime("size mismatch (got input: \(formatShape(input.shape)), target: \(formatShape(target.shape)))")
        }
    case 4:
        guard target.rank == 3 else {
            throw TensorError.runtime(
                "only batches of spatial targets supported (3D tensors) but got targets of dimension: \(target.rank)")
        }
        guard target.shape == [input.shape[0]] + input.shape[2...] else {
            throw TensorError.runtime(
                "size mismatch (got input: \(formatShape(input.shape)) , target: \(formatShape(target.shape))")
        }
    default:
        let expected = [input.shape[0]] + input.shape[2...]
        guard target.shape == expected else {
            throw TensorError.runtime("Expected target size \(formatShape(expected)), got \(formatShape(target.shape))")
        }
    }
}

/// `F.cross_entropy`: class-index targets go through log_softmax and nll_loss; a target
/// shaped like the input holds class probabilities. `labelSmoothing` mixes in the
/// uniform distribution.
public func crossEntropy(
    _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, reduction: LossReduction = .mean,
    ignoreIndex: Int64 = -100, labelSmoothing: Double = 0
) throws -> Tensor {
    if input.shape == target.shape {
        guard target.dtype.isFloatingPoint else {
            throw TensorError.runtime(
                "Expected floating point type for target with class probabilities, got \(target.dtype.scalarTypeName)")
        }
        guard ignoreIndex < 0 else { throw TensorError.runtime("ignore_index is not supported for floating point target") }
        return try probabilityCrossEntropy(input, target, weight: weight, reduction: reduction, labelSmoothing: labelSmoothing)
    }
    let classDim = input.rank == 1 ? 0 : 1
    guard labelSmoothing > 0 else {
        return try nllLoss(input.logSoftmax(dim: classDim), target, weight: weight, reduction: reduction, ignoreIndex: ignoreIndex)
    }
    try checkLabelSmoothing(labelSmoothing)
    let logProbabilities = try input.logSoftmax(dim: classDim)
    let nll = try nllLoss(logProbabilities, target, weight: weight, reduction: reduction, ignoreIndex: ignoreIndex)
    let classes = input.shape[classDim]
    let ignored = try binary(.equal, .tensor(target), .scalar(.int(ignoreIndex)))
    var weighted = logProbabilities
    if let weight { weighted = try functionalBinary(.multiply, logProbabilities, try weight.view(classDimShape(weight, rank: input.rank, classDim: classDim))) }
    let smooth = try weighted.sum(dims: [classDim], keepDim: false).unary(.negate).maskedFill(ignored, .scalar(.float(0)))
    let smoothLoss: Tensor
    switch reduction {
    case .none: smoothLoss = smooth
    case .sum: smoothLoss = try smooth.sum(dims: nil, keepDim: false)
    case .mean, .batchMean:
        let kept = try ignored.unary(.logicalNot)
        let denominator: Tensor
        if let weight {
            let keptTargets = try target.maskedSelect(kept).reshape([-1])
            denominator = try weight.gather(dim: 0, index: keptTargets).sum(dims: nil, keepDim: false)
        } else {
            denominator = try kept.sum(dims: nil, keepDim: false)
        }
        smoothLoss = try functionalBinary(.divide, try smooth.sum(dims: nil, keepDim: false), denominator)
    }
    let hard = try functionalBinary(.multiply, 1 - labelSmoothing, nll)
    return try functionalBinary(.add, hard, try functionalBinary(.multiply, smoothLoss, labelSmoothing / Double(classes)))
}

/// The shape that lines a per-class weight up with the class dim: [1, C, 1, ...].
private func classDimShape(_ weight: Tensor, rank: Int, classDim: Int) -> [Int] {
    var shape = [Int](repeating: 1, count: Swift.max(rank, 1))
    shape[classDim] = weight.count
    return shape
}

private func checkLabelSmoothing(_ labelSmoothing: Double) throws {
    guard labelSmoothing <= 1 else {
        throw TensorError.runtime("label_smoothing must be between 0.0 and 1.0. Got: \(formatScalarDouble(labelSmoothing))")
    }
}

/// `cross_entropy_loss_prob_target`: -Σ_c target · log_softmax(input). The mean divides
/// by the number of class vectors (numel / C, in integers).
private func probabilityCrossEntropy(
    _ input: Tensor, _ target: Tensor, weight: Tensor?, reduction: LossReduction, labelSmoothing: Double
) throws -> Tensor {
    let classDim = input.rank == 1 ? 0 : 1
    let classes = input.rank == 0 ? 1 : input.shape[classDim]
    if let weight, weight.rank != 1 || weight.count != classes {
        throw TensorError.runtime(
            "cross_entropy: weight tensor should be defined either for all \(classes) classes or no classes but got weight tensor of shape: \(formatShape(weight.shape))")
    }
    let logProbabilities = try input.logSoftmax(dim: classDim)
    var smoothedTarget = target
    if labelSmoothing > 0 {
        try checkLabelSmoothing(labelSmoothing)
        smoothedTarget = try functionalBinary(.add, try functionalBinary(.multiply, target, 1 - labelSmoothing), labelSmoothing / Double(classes))
    }
    var product = try functionalBinary(.multiply, logProbabilities, smoothedTarget)
    if let weight {
        let aligned = input.rank > 1 ? try weight.view(classDimShape(weight, rank: input.rank, classDim: classDim)) : weight
        product = try functionalBinary(.multiply, product, aligned)
    }
    switch reduction {
    case .none:
        return try product.sum(dims: [classDim], keepDim: false).unary(.negate)
    case .sum:
        return try product.sum(dims: nil, keepDim: false).unary(.negate)
    case .mean, .batchMean:
        let total = try product.sum(dims: nil, keepDim: false).unary(.negate)
        if input.count == 0 { return try functionalBinary(.multiply, total, Double.nan) }
        return try binary(.divide, .tensor(total), .scalar(.int(Int64(input.count / classes))))
    }
}
