import PySyntax
import TensorEngine

/// The engine's elementwise op behind each Python operator, shared by tensors and numpy
/// arrays so the two cannot disagree.
extension BinaryOperator {
    /// Nil for `@`, which is a matrix product, not an elementwise op.
    var elementwiseOp: BinaryOp? {
        switch self {
        case .add: .add
        case .subtract: .subtract
        case .multiply: .multiply
        case .divide: .divide
        case .floorDivide: .floorDivide
        case .modulo: .remainder
        case .power: .power
        case .bitAnd: .bitwiseAnd
        case .bitOr: .bitwiseOr
        case .bitXor: .bitwiseXor
        case .leftShift: .leftShift
        case .rightShift: .rightShift
        case .matrixMultiply: nil
        }
    }
}

extension CompareOperator {
    /// Nil for `is`, `is not`, `in` and `not in`, which compare objects, not elements.
    var elementwiseOp: BinaryOp? {
        switch self {
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        case .equal: .equal
        case .notEqual: .notEqual
        case .is, .isNot, .in, .notIn: nil
        }
    }
}
