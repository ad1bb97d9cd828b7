import Foundation
import Interpreter
import TensorEngine

/// Why two values are not the same answer, specific enough to tell the learner where.
indirect enum Mismatch {
    /// Different kinds of value: a tensor where an int was expected.
    case type(actual: String, expected: String)
    case rank(actual: [Int], expected: [Int])
    /// Same number of dims; `dim` is the first whose size differs.
    case dimension(dim: Int, actual: [Int], expected: [Int])
    /// Shapes match; `valuesMatch` says whether the values would pass on their own.
    case dtype(actual: DType, expected: DType, valuesMatch: Bool)
    case values(shape: [Int], differing: [(index: [Int], actual: String, expected: String)], differingCount: Int)
    /// A Python number, string, bool or None that differs.
    case scalar(actual: String, expected: String)
    case length(actual: Int, expected: Int, container: String)
    /// Element `index` of a tuple or list differs.
    case element(index: Int, Mismatch)
}

/// Compares a learner's value with the reference, as `check: value` and `check: shape`
/// define: tensors by shape, dtype and values (floats within `torch.testing`'s default
/// tolerances), Python values by equality, tuples and sizes item by item.
enum ValueComparison {
    static func compare(_ actual: Value, _ expected: Value, shapeOnly: Bool = false) -> Mismatch? {
        switch (actual, expected) {
        case let (.tensor(mine), .tensor(reference)):
            return compareTensors(mine, reference, shapeOnly: shapeOnly)
        case let (.size(mine), .size(reference)):
            return compareSequences(mine.map { Value.int(Int64($0)) }, reference.map { Value.int(Int64($0)) }, container: "torch.Size")
        default:
            break
        }
        if let mine = sequence(actual), let reference = sequence(expected), sameContainerFamily(actual, expected) {
            return compareSequences(mine, reference, container: expected.typeName)
        }
        if let mine = number(actual), let reference = number(expected) {
            let same = (mine.isNaN && reference.isNaN) || mine == reference
            return same ? nil : .scalar(actual: describe(actual), expected: describe(expected))
        }
        switch (actual, expected) {
        case let (.string(mine), .string(reference)):
            return mine == reference ? nil : .scalar(actual: describe(actual), expected: describe(expected))
        case (.none, .none):
            return nil
        case let (.dtype(mine), .dtype(reference)):
            return mine == reference ? nil : .scalar(actual: mine.torchName, expected: reference.torchName)
        default:
            return .type(actual: actual.typeName, expected: expected.typeName)
        }
    }

    static func compareTensors(_ mine: Tensor, _ reference: Tensor, shapeOnly: Bool) -> Mismatch? {
        if mine.rank != reference.rank { return .rank(actual: mine.shape, expected: reference.shape) }
        if let dim = zip(mine.shape, reference.shape).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            return .dimension(dim: dim, actual: mine.shape, expected: reference.shape)
        }
        if shapeOnly { return nil }
        let valueMismatch = compareElements(mine, reference)
        if mine.dtype != reference.dtype {
            return .dtype(actual: mine.dtype, expected: reference.dtype, valuesMatch: valueMismatch == nil)
        }
        return valueMismatch
    }

    /// Elements compared in row-major order; the first few differences are kept.
    static func compareElements(_ mine: Tensor, _ reference: Tensor) -> Mismatch? {
        let actualValues = mine.doubles()
        let expectedValues = reference.doubles()
        let tolerance = tolerances(mine.dtype, reference.dtype)
        var differing: [(index: [Int], actual: String, expected: String)] = []
        var count = 0
        for position in 0..<min(actualValues.count, expectedValues.count) {
            let (a, e) = (actualValues[position], expectedValues[position])
            if close(a, e, tolerance) { continue }
            count += 1
            if differing.count < 4 {
                differing.append((multiIndex(position, shape: reference.shape), element(a, mine.dtype), element(e, reference.dtype)))
            }
        }
        return count == 0 ? nil : .values(shape: reference.shape, differing: differing, differingCount: count)
    }

    /// `torch.testing.assert_close`'s defaults: bfloat16 rtol 1.6e-2, float16 1e-3
    /// (atol 1e-5); float32 rtol 1.3e-6, atol 1e-5; float64 rtol 1e-7, atol 1e-7;
    /// integers and bools exactly. The looser dtype of the two decides.
    static func tolerances(_ first: DType, _ second: DType) -> (relative: Double, absolute: Double) {
        if first == .bfloat16 || second == .bfloat16 { return (1.6e-2, 1e-5) }
        if first == .float16 || second == .float16 { return (1e-3, 1e-5) }
        if first == .float32 || second == .float32 { return (1.3e-6, 1e-5) }
        if first == .float64 || second == .float64 { return (1e-7, 1e-7) }
        return (0, 0)
    }

    static func close(_ a: Double, _ e: Double, _ tolerance: (relative: Double, absolute: Double)) -> Bool {
        if a == e { return true }
        if a.isNaN || e.isNaN { return a.isNaN && e.isNaN }
        if a.isInfinite || e.isInfinite { return false }
        return abs(a - e) <= tolerance.absolute + tolerance.relative * abs(e)
    }

    static func multiIndex(_ flat: Int, shape: [Int]) -> [Int] {
        var index = Array(repeating: 0, count: shape.count)
        var rest = flat
        for dim in stride(from: shape.count - 1, through: 0, by: -1) where shape[dim] > 0 {
            index[dim] = rest % shape[dim]
            rest /= shape[dim]
        }
        return index
    }

    /// One element, short: `2`, `True`, `3.` for a whole float, else the shortest
    /// decimal that reads back to the same float32 or float64.
    static func element(_ value: Double, _ dtype: DType) -> String {
        switch dtype {
        case .bool: return value != 0 ? "True" : "False"
        case .float16, .bfloat16, .float32: return formatFloat(Double(Float(value)), float32: true)
        case .float64: return formatFloat(value, float32: false)
        default: return String(Int64(value))
        }
    }

    static func formatFloat(_ value: Double, float32: Bool) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) + "." }
        return float32 ? Float(value).description : value.description
    }

    static func compareSequences(_ mine: [Value], _ reference: [Value], container: String) -> Mismatch? {
        if mine.count != reference.count { return .length(actual: mine.count, expected: reference.count, container: container) }
        for (index, (a, e)) in zip(mine, reference).enumerated() {
            if let mismatch = compare(a, e) { return .element(index: index, mismatch) }
        }
        return nil
    }

    static func sequence(_ value: Value) -> [Value]? {
        switch value {
        case let .tuple(items): return items
        case let .namedTuple(tuple): return tuple.values
        case let .list(list): return list.items
        case let .size(sizes): return sizes.map { .int(Int64($0)) }
        default: return nil
        }
    }

    /// `torch.Size` compares equal to a tuple of ints, as in Python; lists stay lists.
    static func sameContainerFamily(_ a: Value, _ b: Value) -> Bool {
        func family(_ value: Value) -> Int {
            if case .list = value { return 1 }
            return 0
        }
        return family(a) == family(b)
    }

    static func number(_ value: Value) -> Double? {
        switch value {
        case let .int(number): Double(number)
        case let .float(number): number
        case let .bool(flag): flag ? 1 : 0
        default: nil
        }
    }

    static func describe(_ value: Value) -> String {
        switch value {
        case let .int(number): String(number)
        case let .float(number): number.description
        case let .bool(flag): flag ? "True" : "False"
        case let .string(text): "'\(text)'"
        case .none: "None"
        default: value.typeName
        }
    }
}
