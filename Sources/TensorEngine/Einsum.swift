/// `torch.einsum`, following aten's einsum: parse the labels, line every operand up
/// as [output dims..., contracted dims...] (taking diagonals for repeated labels and
/// size-1 dims for missing ones), then contract the operands left to right, summing a
/// contracted dim as soon as no later operand uses it.
public func einsum(_ equation: String, _ operands: [Tensor]) throws -> Tensor {
    guard !operands.isEmpty else {
        throw TensorError.value(
            "einsum(): must specify the equation string and at least one operand, or at least one operand and its subscripts list")
    }
    let plan = try EinsumPlan(equation: Array(equation.utf8), operands: operands)
    let terms = try plan.alignedTerms(operands)
    let contracted = Array(plan.outputRank..<plan.alignedRank)
    // Does any operand from `index` on still need `dim`?
    func usedFrom(_ index: Int, _ dim: Int) -> Bool {
        index < terms.count && terms[index...].contains { $0.shape[dim] != 1 }
    }

    var current = terms[0]
    if terms.count == 1 {
        if contracted.isEmpty { return try current.tensor(rank: plan.outputRank) }
        current = try current.contracted(with: nil, summing: contracted, dtype: current.dtype.accumulatingSumType)
        return try current.tensor(rank: plan.outputRank)
    }
    let firstOnly = contracted.filter { current.shape[$0] != 1 && !usedFrom(1, $0) }
    if !firstOnly.isEmpty {
        current = try current.contracted(with: nil, summing: firstOnly, dtype: current.dtype)
    }
    for index in 1..<terms.count {
        let next = terms[index]
        let summing = contracted.filter { (current.shape[$0] != 1 || next.shape[$0] != 1) && !usedFrom(index + 1, $0) }
        let shared = summing.filter { current.shape[$0] != 1 && next.shape[$0] != 1 }
        let outputType: DType
        if shared.isEmpty {
            outputType = DType.promote(current.dtype, next.dtype)
        } else {
            // A product over shared dims is a bmm in aten, which wants one dtype.
            if current.dtype == .bool {
                throw TensorError.kernelNotImplemented("bmm", .bool)
            }
            guard current.dtype == next.dtype else {
                throw TensorError.scalarTypeMismatch(expected: current.dtype, found: next.dtype)
            }
            outputType = current.dtype
        }
        current = try current.contracted(with: next, summing: summing, dtype: outputType)
    }
    return try current.tensor(rank: plan.outputRank)
}

/// The parsed equation: where each label and the ellipsis land in the aligned layout.
struct EinsumPlan {
    static let ellipsis = -1
    /// Per operand, its labels as 0..<52 (uppercase first) or `ellipsis`.
    var operandLabels: [[Int]] = []
    var labelPosition = [Int](repeating: -1, count: 52)
    var ellipsisRank = 0
    var ellipsisPosition = 0
    var outputRank = 0
    var alignedRank = 0

    init(equation: [UInt8], operands: [Tensor]) throws {
        let arrow = EinsumPlan.findArrow(equation)
        let lhs = Array(equation[..<(arrow ?? equation.count)])
        try parseInputs(lhs, operandCount: operands.count)

        var labelCount = [Int](repeating: 0, count: 52)
        for (index, labels) in operandLabels.enumerated() {
            let dims = operands[index].rank
            var named = labels.count
            let hasEllipsis = labels.contains(EinsumPlan.ellipsis)
            if hasEllipsis { named -= 1 }
            for label in labels where label != EinsumPlan.ellipsis { labelCount[label] += 1 }
            if hasEllipsis {
                guard named <= dims else {
                    throw TensorError.runtime(
                        "einsum(): the number of subscripts in the equation (\(named)) is more than the number of dimensions (\(dims)) for operand \(index)")
                }
                ellipsisRank = Swift.max(ellipsisRank, dims - named)
            } else if named != dims {
                throw TensorError.runtime(
                    "einsum(): the number of subscripts in the equation (\(named)) does not match the number of dimensions (\(dims)) for operand \(index) and no ellipsis was given")
            }
        }

        var position = 0
        var ellipsisInOutput = false
        if let arrow {
            let rhs = Array(equation[(arrow + 2)...])
            var index = 0
            while index < rhs.count {
                let character = rhs[index]
                defer { index += 1 }
                if character == UInt8(ascii: " ") { continue }
                if character == UInt8(ascii: ".") {
                    guard !ellipsisInOutput else {
                        throw TensorError.runtime("einsum(): found '.' for output but an ellipsis (...) was already found")
                    }
                    guard index + 2 < rhs.count, rhs[index + 1] == character, rhs[index + 2] == character else {
                        throw TensorError.runtime("einsum(): found '.' for output that is not part of any ellipsis (...)")
                    }
                    index += 2
                    ellipsisPosition = position
                    position += ellipsisRank
                    ellipsisInOutput = true
                    continue
                }
                guard let label = EinsumPlan.subscriptIndex(character) else {
                    throw TensorError.runtime(
                        "einsum(): invalid subscript given at index \(lhs.count + 2 + index) in the equation string, subscripts must be in [a-zA-Z]")
                }
                guard labelCount[label] > 0, labelPosition[label] == -1 else {
                    let name = String(UnicodeScalar(character))
                    throw TensorError.runtime(labelPosition[label] > -1
                        ? "einsum(): output subscript \(name) appears more than once in the output"
                        : "einsum(): output subscript \(name) does not appear in the equation for any input operand")
                }
                labelPosition[label] = position
                position += 1
            }
        } else {
            // Implicit output: the ellipsis, then labels used exactly once, in label order.
            position = ellipsisRank
            ellipsisInOutput = true
            for label in 0..<52 where labelCount[label] == 1 {
                labelPosition[label] = position
                position += 1
            }
        }
        outputRank = position
        if !ellipsisInOutput {
            ellipsisPosition = position
            position += ellipsisRank
        }
        for label in 0..<52 where labelCount[label] > 0 && labelPosition[label] == -1 {
            labelPosition[label] = position
            position += 1
        }
        alignedRank = position
    }

    private static func findArrow(_ equation: [UInt8]) -> Int? {
        guard equation.count >= 2 else { return nil }
        for index in 0..<(equation.count - 1)
        where equation[index] == UInt8(ascii: "-") && equation[index + 1] == UInt8(ascii: ">") {
            return index
        }
        return nil
    }

    static func subscriptIndex(_ character: UInt8) -> Int? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(character - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(character - UInt8(ascii: "a")) + 26
        default: nil
        }
    }

    static func labelName(_ label: Int) -> String {
        let base = label < 26 ? UInt8(ascii: "A") + UInt8(label) : UInt8(ascii: "a") + UInt8(label - 26)
        return String(UnicodeScalar(base))
    }

    private mutating func parseInputs(_ lhs: [UInt8], operandCount: Int) throws {
        operandLabels = [[Int]](repeating: [], count: operandCount)
        var current = 0
        var ellipsisSeen = false
        var index = 0
        while index < lhs.count {
            let character = lhs[index]
            defer { index += 1 }
            switch character {
            case UInt8(ascii: " "):
                continue
            case UInt8(ascii: "."):
                guard !ellipsisSeen else {
                    throw TensorError.runtime("einsum(): found '.' for operand \(current) for which an ellipsis was already found")
                }
                guard index + 2 < lhs.count, lhs[index + 1] == character, lhs[index + 2] == character else {
                    throw TensorError.runtime("einsum(): found '.' for operand \(current) that is not part of any ellipsis")
                }
                index += 2
                operandLabels[current].append(EinsumPlan.ellipsis)
                ellipsisSeen = true
            case UInt8(ascii: ","):
                current += 1
                guard current < operandCount else {
                    throw TensorError.runtime("einsum(): fewer operands were provided than specified in the equation")
                }
                ellipsisSeen = false
            default:
                guard let label = EinsumPlan.subscriptIndex(character) else {
                    throw TensorError.runtime(
                        "einsum(): invalid subscript given at index \(index) in the equation string, subscripts must be in [a-zA-Z]")
                }
                operandLabels[current].append(label)
            }
        }
        guard current == operandCount - 1 else {
            throw TensorError.runtime("einsum(): more operands were provided than specified in the equation")
        }
    }
}
