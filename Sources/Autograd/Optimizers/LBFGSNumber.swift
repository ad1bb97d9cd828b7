import TensorEngine

/// A number as `torch.optim.LBFGS` holds it: a Python float, or a float32 0-dim tensor
/// (a dot product, or what was computed from one). Arithmetic follows PyTorch: with a
/// tensor on either side the Python float is rounded to float32 and the result is a
/// float32 tensor; `number / tensor` is the tensor's reciprocal times the number
/// (`Tensor.__rtruediv__`); comparisons with a tensor compare in float32.
enum LBFGSNumber {
    case python(Double)
    case tensor(Float)

    init(_ value: Double) { self = .python(value) }

    /// The number as `float(x)` or an `alpha=` argument reads it.
    var double: Double {
        switch self {
        case let .python(value): value
        case let .tensor(value): Double(value)
        }
    }

    private var isTensor: Bool { if case .tensor = self { true } else { false } }
    private var float: Float {
        switch self {
        case let .python(value): Float(value)
        case let .tensor(value): value
        }
    }

    private static func combine(_ a: LBFGSNumber, _ b: LBFGSNumber, _ python: (Double, Double) -> Double,
                                _ tensor: (Float, Float) -> Float) -> LBFGSNumber {
        a.isTensor || b.isTensor ? .tensor(tensor(a.float, b.float)) : .python(python(a.double, b.double))
    }

    static func + (a: LBFGSNumber, b: LBFGSNumber) -> LBFGSNumber { combine(a, b, +, +) }
    static func - (a: LBFGSNumber, b: LBFGSNumber) -> LBFGSNumber { combine(a, b, -, -) }
    static func * (a: LBFGSNumber, b: LBFGSNumber) -> LBFGSNumber { combine(a, b, *, *) }
    static func / (a: LBFGSNumber, b: LBFGSNumber) -> LBFGSNumber {
        if case .python = a, case let .tensor(divisor) = b { return .tensor((1 / divisor) * a.float) }
        return combine(a, b, /, /)
    }
    static prefix func - (a: LBFGSNumber) -> LBFGSNumber {
        switch a {
        case let .python(value): .python(-value)
        case let .tensor(value): .tensor(-value)
        }
    }

    var magnitude: LBFGSNumber {
        switch self {
        case let .python(value): .python(Swift.abs(value))
        case let .tensor(value): .tensor(Swift.abs(value))
        }
    }

    /// `x ** 2`: a tensor squares in float32.
    var squared: LBFGSNumber { self * self }

    /// `x.sqrt()` of a tensor; PyTorch calls it only on tensors.
    var squareRoot: LBFGSNumber {
        switch self {
        case let .python(value): .python(value.squareRoot())
        case let .tensor(value): .tensor(value.squareRoot())
        }
    }

    private static func compare(_ a: LBFGSNumber, _ b: LBFGSNumber, _ python: (Double, Double) -> Bool,
                                _ tensor: (Float, Float) -> Bool) -> Bool {
        a.isTensor || b.isTensor ? tensor(a.float, b.float) : python(a.double, b.double)
    }

    static func < (a: LBFGSNumber, b: LBFGSNumber) -> Bool { compare(a, b, <, <) }
    static func <= (a: LBFGSNumber, b: LBFGSNumber) -> Bool { compare(a, b, <=, <=) }
    static func > (a: LBFGSNumber, b: LBFGSNumber) -> Bool { compare(a, b, >, >) }
    static func >= (a: LBFGSNumber, b: LBFGSNumber) -> Bool { compare(a, b, >=, >=) }

    /// Python's `min(a, b)`: `a` unless `b < a`.
    static func pythonMin(_ a: LBFGSNumber, _ b: LBFGSNumber) -> LBFGSNumber { b < a ? b : a }
    /// Python's `max(a, b)`: `a` unless `b > a`.
    static func pythonMax(_ a: LBFGSNumber, _ b: LBFGSNumber) -> LBFGSNumber { b > a ? b : a }

    /// A 0-dim float tensor's value (a dot product, a norm) as a tensor number.
    static func of(_ scalar: Tensor) throws -> LBFGSNumber { .tensor(Float(try scalar.item().doubleValue)) }
}

extension LBFGSNumber: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    init(floatLiteral value: Double) { self = .python(value) }
    init(integerLiteral value: Int) { self = .python(Double(value)) }
}

/// `_cubic_interpolate`: the minimiser of the cubic through two points with their
/// derivatives, clamped to the bounds (the midpoint when the cubic has none).
func cubicInterpolate(_ x1: LBFGSNumber, _ f1: LBFGSNumber, _ g1: LBFGSNumber, _ x2: LBFGSNumber, _ f2: LBFGSNumber,
                      _ g2: LBFGSNumber, bounds: (LBFGSNumber, LBFGSNumber)? = nil) -> LBFGSNumber {
    let (lower, upper) = bounds ?? (x1 <= x2 ? (x1, x2) : (x2, x1))
    let d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
    let d2Square = d1.squared - g1 * g2
    guard d2Square >= 0 else { return (lower + upper) / 2.0 }
    let d2 = d2Square.squareRoot
    let minimum = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
        : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
    return LBFGSNumber.pythonMin(LBFGSNumber.pythonMax(minimum, lower), upper)
}
