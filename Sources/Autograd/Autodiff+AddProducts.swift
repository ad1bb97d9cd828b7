import TensorEngine

/// The product an `add*` op adds to its input.
public enum AddedProduct: Sendable {
    /// `addmm`: matrix @ matrix.
    case matrix
    /// `baddbmm`: a batch of matrix products.
    case batch
    /// `addbmm`: a batch of matrix products, summed over the batch.
    case summedBatch
    /// `addmv`: matrix @ vector.
    case vector
    /// `addr`: the outer product of two vectors.
    case outer

    var nodeName: String {
        switch self {
        case .matrix: "AddmmBackward0"
        case .batch: "BaddbmmBackward0"
        case .summedBatch: "AddbmmBackward0"
        case .vector: "AddmvBackward0"
        case .outer: "AddrBackward0"
        }
    }

    var expandsInputFirst: Bool {
        switch self {
        case .batch, .summedBatch, .outer: true
        case .matrix, .vector: false
        }
    }

    /// The product's shape when the operands have the ranks the op takes.
    func outputShape(_ left: Tensor, _ right: Tensor) -> [Int]? {
        switch self {
        case .matrix: left.rank == 2 && right.rank == 2 ? [left.shape[0], right.shape[1]] : nil
        case .batch: left.rank == 3 && right.rank == 3 ? [left.shape[0], left.shape[1], right.shape[2]] : nil
        case .summedBatch: left.rank == 3 && right.rank == 3 ? [left.shape[1], right.shape[2]] : nil
        case .vector: left.rank == 2 && right.rank == 1 ? [left.shape[0]] : nil
        case .outer: left.rank == 1 && right.rank == 1 ? [left.count, right.count] : nil
        }
    }

    func product(_ left: Tensor, _ right: Tensor) throws -> Tensor {
        switch self {
        case .matrix:
            guard left.rank == 2 else { throw TensorError.runtime("addmm: self must be a matrix, got \(left.rank)-D tensor") }
            guard right.rank == 2 else { throw TensorError.runtime("addmm: mat2 must be a matrix, got \(right.rank)-D tensor") }
            guard left.shape[1] == right.shape[0] else {
                throw TensorError.runtime(
                    "addmm: mat1 and mat2 shapes cannot be multiplied (\(left.shape[0])x\(left.shape[1]) and \(right.shape[0])x\(right.shape[1]))")
            }
            return try left.mm(right)
        case .batch: return try left.bmm(right)
        case .summedBatch: return try left.bmm(right).sum(dims: [0], keepDim: false)
        case .vector: return try left.mv(right)
        case .outer: return try left.outer(right)
        }
    }

    /// The gradients of `left` and `right` for an output gradient `g` (before `alpha`); each
    /// needs the other operand, which is nil when that gradient is not wanted.
    func gradients(_ g: Tensor, left: Tensor?, right: Tensor?, batch: Int) throws -> (Tensor?, Tensor?) {
        switch self {
        case .matrix:
            return (try right.map { try g.mm(try $0.t()) }, try left.map { try $0.t().mm(g) })
        case .batch:
            return (try right.map { try g.bmm(try $0.transpose(1, 2)) }, try left.map { try $0.transpose(1, 2).bmm(g) })
        case .summedBatch:
            let expanded = try g.unsqueeze(0).expand([batch] + g.shape)
            return (try right.map { try expanded.bmm(try $0.transpose(1, 2)) }, try left.map { try $0.transpose(1, 2).bmm(expanded) })
        case .vector:
            return (try right.map { try g.outer($0) }, try left.map { try $0.t().mv(g) })
        case .outer:
            return (try right.map { try g.mv($0) }, try left.map { try g.t().mv($0) })
        }
    }
}

extension Autodiff {
    /// `addmm`, `baddbmm`, `addbmm`, `addmv`, `addr`: `beta * input + alpha * product`. As
    /// in BLAS, `beta = 0` ignores the input entirely, NaNs included.
    public static func addProduct(_ kind: AddedProduct, _ input: Tensor, _ left: Tensor, _ right: Tensor,
                                  beta: Scalar, alpha: Scalar) throws -> Tensor {
        // baddbmm, addbmm and addr expand the input before multiplying, so a bad input is
        // reported first; addmm and addmv check the operands first.
        if let target = kind.outputShape(left, right), kind.expandsInputFirst { try checkExpandable(input.shape, to: target) }
        if case .vector = kind, left.rank == 2, right.rank == 1, left.shape[1] != right.count {
            throw TensorError.runtime(
                "size mismatch, got input (\(input.shape.map(String.init).joined(separator: "x"))), mat (\(left.shape[0])x\(left.shape[1])), vec (\(right.count))")
        }
        let product = try kind.product(left, right)
        try checkExpandable(input.shape, to: product.shape)
        if !product.dtype.isFloatingPoint, case .float = alpha {
            throw TensorError.runtime("For integral input tensors, argument alpha must not be a floating point number.")
        }
        let scaled = isOne(alpha) ? product : try binary(.multiply, .tensor(product), .scalar(alpha))
        let output = isZero(beta) ? scaled
            : try binary(.add, .tensor(scaled), .tensor(isOne(beta) ? input : try binary(.multiply, .tensor(input), .scalar(beta))))
        let batch = left.rank == 3 ? left.shape[0] : 1
        return Recorder.record(kind.nodeName, inputs: [input, left, right], output: output) { node in
            // Each operand is kept only for the other one's gradient.
            let savedLeft = node.needsGradient(2) ? node.save(left) : nil
            let savedRight = node.needsGradient(1) ? node.save(right) : nil
            return { gradient, node in
                let (gradLeft, gradRight) = try kind.gradients(
                    gradient, left: try savedLeft?.unpack(), right: try savedRight?.unpack(), batch: batch)
                func scaled(_ tensor: Tensor?, _ factor: Scalar) throws -> Tensor? {
                    guard let tensor else { return nil }
                    return isOne(factor) ? tensor : try binary(.multiply, .tensor(tensor), .scalar(factor))
                }
                return [node.needsGradient(0) ? try scaled(gradient, beta) : nil, try scaled(gradLeft, alpha), try scaled(gradRight, alpha)]
            }
        }
    }

    private static func isOne(_ scalar: Scalar) -> Bool { scalar.doubleValue == 1 }
    private static func isZero(_ scalar: Scalar) -> Bool { scalar.doubleValue == 0 }
}
