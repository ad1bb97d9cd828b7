import Interpreter
import PySyntax
import TensorEngine

/// One additive term of a loss as the program wrote it: `F.cross_entropy(...)` in
/// `loss = ce + 10 * loss_distill`, or the `10 * loss_distill` beside it.
struct LossTerm {
    /// The term as it appears in the sum (`10 * loss_distill`), with its value.
    let written: Expr
    let tensor: Tensor
    /// Where the term's own value was computed: through constant factors and names,
    /// `10 * loss_distill` leads to the line that computed `loss_distill`.
    let origin: Expr
    /// The value computed at `origin` (`loss_distill`, without the factor 10).
    let originTensor: Tensor
    /// The constant factors between `origin` and the written term (`10`, or `T`, `T`),
    /// a division entered as its reciprocal.
    let factors: [Double]
}

/// Splits a loss into the terms added to make it, following names back to the
/// expressions that computed them.
struct LossTermSplitter {
    /// The expression that last produced a tensor, if the explained code did.
    let producer: (Tensor) -> Expr?
    /// The latest value of an expression.
    let value: (Expr) -> Value?

    func terms(of root: Tensor) -> [LossTerm] {
        guard let expr = producer(root) else { return [] }
        var terms: [LossTerm] = []
        collect(expr, tensor: root, depth: 0, into: &terms)
        return terms
    }

    private func collect(_ expr: Expr, tensor: Tensor, depth: Int, into terms: inout [LossTerm]) {
        if depth < 32, case let .binary(op, left, right) = expr.kind, op == .add || op == .subtract {
            for operand in [left, right] {
                // A Python number added to a loss is a constant: no term, no gradient.
                guard case let .tensor(part)? = value(operand) else { continue }
                collect(producer(part) ?? operand, tensor: part, depth: depth + 1, into: &terms)
            }
            return
        }
        var factors: [Double] = []
        let (originExpr, originTensor) = origin(of: expr, tensor: tensor, depth: 0, factors: &factors)
        terms.append(LossTerm(written: expr, tensor: tensor, origin: originExpr, originTensor: originTensor, factors: factors))
    }

    /// Through a constant factor (`10 * x`, `x * T * T`, `x / N`) to the tensor's own producer.
    private func origin(of expr: Expr, tensor: Tensor, depth: Int, factors: inout [Double]) -> (Expr, Tensor) {
        guard depth < 32, case let .binary(op, left, right) = expr.kind, [.multiply, .divide].contains(op) else { return (expr, tensor) }
        let (leftValue, rightValue) = (value(left), value(right))
        let tensorSide: Expr?
        switch (leftValue, rightValue) {
        case (.tensor?, .int?), (.tensor?, .float?): tensorSide = left
        case (.int?, .tensor?), (.float?, .tensor?): tensorSide = op == .multiply ? right : nil
        default: tensorSide = nil
        }
        guard let tensorSide, case let .tensor(inner)? = value(tensorSide) else { return (expr, tensor) }
        if let factor = (tensorSide === left ? rightValue : leftValue).flatMap(numberValue) {
            factors.append(op == .divide ? 1 / factor : factor)
        }
        return origin(of: producer(inner) ?? tensorSide, tensor: inner, depth: depth + 1, factors: &factors)
    }
}

/// A tensor held without keeping it alive, to recognise it later by identity.
struct WeakTensorReference {
    weak var tensor: Tensor?
    init(_ tensor: Tensor) { self.tensor = tensor }
}

private func numberValue(_ value: Value) -> Double? {
    switch value {
    case let .int(number): return Double(number)
    case let .float(number): return number
    default: return nil
    }
}
