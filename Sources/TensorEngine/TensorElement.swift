/// A Swift type that backs one dtype. Conversions follow C++ `static_cast` as PyTorch
/// uses it, except that float-to-integer conversions of nan, inf or out-of-range values
/// give the type's minimum (what x86 produces) instead of trapping.
public protocol TensorElement: Sendable, Equatable {
    static var dtype: DType { get }
    static var zero: Self { get }
    static var one: Self { get }
    init(convertingDouble value: Double)
    init(convertingInt64 value: Int64)
    init(convertingBool value: Bool)
    var doubleValue: Double { get }
    var int64Value: Int64 { get }
    var boolValue: Bool { get }
}

/// Float-to-int64 conversion that truncates toward zero and never traps.
@inline(__always)
public func saturatingInt64(_ value: Double) -> Int64 {
    guard value.isFinite, value > -9.223372036854775808e18, value < 9.223372036854775807e18 else {
        return Int64.min
    }
    return Int64(value.rounded(.towardZero))
}

extension Bool: TensorElement {
    public static var dtype: DType { .bool }
    public static var zero: Bool { false }
    public static var one: Bool { true }
    public init(convertingDouble value: Double) { self = value != 0 }
    public init(convertingInt64 value: Int64) { self = value != 0 }
    public init(convertingBool value: Bool) { self = value }
    public var doubleValue: Double { self ? 1 : 0 }
    public var int64Value: Int64 { self ? 1 : 0 }
    public var boolValue: Bool { self }
}

extension Float: TensorElement {
    public static var dtype: DType { .float32 }
    public static var one: Float { 1 }
    public init(convertingDouble value: Double) { self = Float(value) }
    public init(convertingInt64 value: Int64) { self = Float(value) }
    public init(convertingBool value: Bool) { self = value ? 1 : 0 }
    public var doubleValue: Double { Double(self) }
    public var int64Value: Int64 { saturatingInt64(Double(self)) }
    public var boolValue: Bool { self != 0 }
}

extension Double: TensorElement {
    public static var dtype: DType { .float64 }
    public static var one: Double { 1 }
    public init(convertingDouble value: Double) { self = value }
    public init(convertingInt64 value: Int64) { self = Double(value) }
    public init(convertingBool value: Bool) { self = value ? 1 : 0 }
    public var doubleValue: Double { self }
    public var int64Value: Int64 { saturatingInt64(self) }
    public var boolValue: Bool { self != 0 }
}

/// Shared conformance for the integer types: wrap like C++ when narrowing.
public protocol IntegerTensorElement: TensorElement, FixedWidthInteger {}

extension IntegerTensorElement {
    public static var one: Self { 1 }
    public init(convertingDouble value: Double) {
        self.init(truncatingIfNeeded: saturatingInt64(value))
    }
    public init(convertingInt64 value: Int64) { self.init(truncatingIfNeeded: value) }
    public init(convertingBool value: Bool) { self = value ? 1 : 0 }
    public var doubleValue: Double { Double(self) }
    public var int64Value: Int64 { Int64(truncatingIfNeeded: self) }
    public var boolValue: Bool { self != 0 }
}

extension Int64: IntegerTensorElement { public static var dtype: DType { .int64 } }
extension Int32: IntegerTensorElement { public static var dtype: DType { .int32 } }
extension Int16: IntegerTensorElement { public static var dtype: DType { .int16 } }
extension Int8: IntegerTensorElement { public static var dtype: DType { .int8 } }
extension UInt8: IntegerTensorElement { public static var dtype: DType { .uint8 } }

extension TensorElement {
    /// Converts from any other element type the way `Tensor.to(dtype)` does.
    @inline(__always)
    public init<Source: TensorElement>(converting value: Source) {
        if Source.dtype.isFloatingPoint {
            self.init(convertingDouble: value.doubleValue)
        } else if Source.dtype == .bool {
            self.init(convertingBool: value.boolValue)
        } else {
            self.init(convertingInt64: value.int64Value)
        }
    }
}

/// A single number as Python sees it, used for scalars crossing the engine boundary.
public enum Scalar: Sendable, Equatable, CustomStringConvertible {
    case bool(Bool)
    case int(Int64)
    case float(Double)

    public var doubleValue: Double {
        switch self {
        case let .bool(value): value ? 1 : 0
        case let .int(value): Double(value)
        case let .float(value): value
        }
    }

    public var int64Value: Int64 {
        switch self {
        case let .bool(value): value ? 1 : 0
        case let .int(value): value
        case let .float(value): saturatingInt64(value)
        }
    }

    public var boolValue: Bool { doubleValue != 0 || (self.isFloat && doubleValue.isNaN) }

    public var isFloat: Bool { if case .float = self { true } else { false } }

    /// The promotion role of a Python number.
    public var promotionOperand: PromotionOperand {
        switch self {
        case .bool: .pythonBool
        case .int: .pythonInt
        case .float: .pythonFloat
        }
    }

    public func converted<T: TensorElement>(to type: T.Type) -> T {
        switch self {
        case let .bool(value): T(convertingBool: value)
        case let .int(value): T(convertingInt64: value)
        case let .float(value): T(convertingDouble: value)
        }
    }

    public var description: String {
        switch self {
        case let .bool(value): value ? "True" : "False"
        case let .int(value): String(value)
        case let .float(value): String(value)
        }
    }
}
