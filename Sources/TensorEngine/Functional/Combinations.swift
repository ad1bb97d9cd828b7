/// The index rows of `torch.combinations`: every r-element choice of positions 0..<count in
/// lexicographic order, strictly increasing (or non-decreasing with replacement), as an
/// int64 tensor of shape [choices, r]. PyTorch then indexes the input with it.
public func combinationIndices(count: Int, r: Int, withReplacement: Bool) throws -> Tensor {
    guard r >= 0 else { throw TensorError.runtime("Expect a non-negative number, but got \(r)") }
    var choices = 1
    // C(count, r), or C(count + r - 1, r) with replacement, refused before it is built.
    for step in 0..<r {
        let top = withReplacement ? count + step : count - step
        guard top > 0 else { choices = 0; break }
        let (product, overflow) = choices.multipliedReportingOverflow(by: top)
        if overflow { throw TensorError.runtime("this would allocate more memory than exists (combinations of \(count) taken \(r))") }
        choices = product / (step + 1)
        try ensureAllocatable(elements: choices, itemSize: 8 * r)
    }
    var rows: [Int64] = []
    rows.reserveCapacity(choices * r)
    var current = [Int](repeating: 0, count: r)
    func fill(_ position: Int, from start: Int) {
        guard position < r else {
            rows.append(contentsOf: current.map(Int64.init))
            return
        }
        guard start < count else { return }
        for value in start..<count {
            current[position] = value
            fill(position + 1, from: withReplacement ? value : value + 1)
        }
    }
    if choices > 0 { fill(0, from: 0) }
    return try Tensor(values: rows, shape: [rows.count / Swift.max(r, 1), r])
}
