/// The element types the engine stores, named as PyTorch names them.
public enum DType: String, Sendable, CaseIterable {
    case bool
    case uint8
    case int8
    case int16
    case int32
    case int64
    case float16
    case bfloat16
    case float32
    case float64

    public var isFloatingPoint: Bool { self == .float16 || self == .bfloat16 || self == .float32 || self == .float64 }
    /// float16 and bfloat16: stored in 16 bits, computed in float32 as PyTorch's CPU kernels do.
    public var isReducedFloat: Bool { self == .float16 || self == .bfloat16 }
    public var isIntegral: Bool { !isFloatingPoint && self != .bool }

    /// Bytes per element.
    public var itemSize: Int {
        switch self {
        case .bool, .uint8, .int8: 1
        case .int16, .float16, .bfloat16: 2
        case .int32, .float32: 4
        case .int64, .float64: 8
        }
    }

    /// `torch.finfo` of a floating dtype: machine epsilon, the largest finite value and
    /// the smallest normal value. nil for the other dtypes.
    public var floatLimits: (eps: Double, max: Double, tiny: Double)? {
        switch self {
        case .float16: (Double(Float16.ulpOfOne), Double(Float16.greatestFiniteMagnitude), Double(Float16.leastNormalMagnitude))
        // bfloat16 keeps float32's exponent range with 8 significand bits: max is 0x7F7F.
        case .bfloat16: (0x1p-7, 0x1.FEp127, Double(Float.leastNormalMagnitude))
        case .float32: (Double(Float.ulpOfOne), Double(Float.greatestFiniteMagnitude), Double(Float.leastNormalMagnitude))
        case .float64: (Double.ulpOfOne, Double.greatestFiniteMagnitude, Double.leastNormalMagnitude)
        default: nil
        }
    }

    /// How the dtype prints in Python: `torch.float32`.
    public var torchName: String { "torch.\(rawValue)" }

    /// The C++ scalar-type name PyTorch uses inside error messages ("Got: Long").
    public var scalarTypeName: String {
        switch self {
        case .bool: "Bool"
        case .uint8: "Byte"
        case .int8: "Char"
        case .int16: "Short"
        case .int32: "Int"
        case .int64: "Long"
        case .float16: "Half"
        case .bfloat16: "BFloat16"
        case .float32: "Float"
        case .float64: "Double"
        }
    }

    /// The C++ type name PyTorch prints in some checks ("float != long int") and in
    /// range errors ("out of bounds for int").
    public var cppTypeName: String {
        switch self {
        case .bool: "bool"
        case .uint8: "unsigned char"
        case .int8: "signed char"
        case .int16: "short int"
        case .int32: "int"
        case .int64: "long int"
        case .float16: "c10::Half"
        case .bfloat16: "c10::BFloat16"
        case .float32: "float"
        case .float64: "double"
        }
    }

    /// Looks a dtype up by any of the names `torch` exposes for it (`float`, `long`, `int64` ...).
    public init?(torchAttribute name: String) {
        switch name {
        case "bool": self = .bool
        case "uint8": self = .uint8
        case "int8": self = .int8
        case "int16", "short": self = .int16
        case "int32", "int": self = .int32
        case "int64", "long": self = .int64
        case "float16", "half": self = .float16
        case "bfloat16": self = .bfloat16
        case "float32", "float": self = .float32
        case "float64", "double": self = .float64
        default: return nil
        }
    }

    /// The three categories that drive PyTorch's type promotion.
    enum Category: Int, Comparable {
        case boolean, integral, floating
        static func < (lhs: Category, rhs: Category) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    var category: Category {
        if self == .bool { return .boolean }
        return isFloatingPoint ? .floating : .integral
    }

    /// `torch.promote_types`: the smallest dtype that holds both.
    public static func promote(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        if a == .bool { return b }
        if b == .bool { return a }
        if a.isFloatingPoint || b.isFloatingPoint {
            // Neither 16-bit float holds the other, so together they need float32.
            if a.isReducedFloat && b.isReducedFloat { return .float32 }
            if a.isFloatingPoint && b.isFloatingPoint { return a.itemSize >= b.itemSize ? a : b }
            return a.isFloatingPoint ? a : b
        }
        // Both integral. uint8 with int8 needs a wider signed type.
        if (a == .uint8 && b == .int8) || (a == .int8 && b == .uint8) { return .int16 }
        return a.itemSize >= b.itemSize ? a : b
    }
}

/// One operand's part in type promotion: a tensor with dimensions, a 0-dim tensor, or a
/// Python number ("wrapped number"). PyTorch lets a lower-priority operand change the
/// result dtype only when its category is higher (`c10::result_type`).
public enum PromotionOperand {
    case tensor(DType, dimensions: Int)
    case pythonBool
    case pythonInt
    case pythonFloat
}

public func resultType(_ operands: [PromotionOperand]) -> DType {
    var dimensioned: DType?
    var zeroDim: DType?
    var wrapped: DType?
    func merge(_ current: DType?, _ next: DType) -> DType { current.map { DType.promote($0, next) } ?? next }
    for operand in operands {
        switch operand {
        case let .tensor(dtype, dimensions):
            if dimensions > 0 { dimensioned = merge(dimensioned, dtype) } else { zeroDim = merge(zeroDim, dtype) }
        case .pythonBool: wrapped = merge(wrapped, .bool)
        case .pythonInt: wrapped = merge(wrapped, .int64)
        case .pythonFloat: wrapped = merge(wrapped, defaultFloatDType)
        }
    }
    return combineCategories(dimensioned, combineCategories(zeroDim, wrapped)) ?? defaultFloatDType
}

private func combineCategories(_ higher: DType?, _ lower: DType?) -> DType? {
    guard let higher else { return lower }
    guard let lower else { return higher }
    if higher.isFloatingPoint { return higher }
    if higher == .bool || lower.isFloatingPoint { return DType.promote(higher, lower) }
    return higher
}

/// `torch.get_default_dtype()`; the engine never changes it.
public let defaultFloatDType = DType.float32
