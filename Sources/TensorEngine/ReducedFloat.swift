/// The two 16-bit float dtypes. PyTorch CPU stores them narrow but computes in float32
/// ("opmath"), so every conversion in or out goes through `Float`: a double or int64
/// becomes half the way `static_cast<c10::Half>` does it, double → float → half.
public protocol ReducedFloatElement: TensorElement {
    init(_ value: Float)
    var floatValue: Float { get }
}

extension ReducedFloatElement {
    public init(convertingDouble value: Double) { self.init(Float(value)) }
    public init(convertingInt64 value: Int64) { self.init(Float(value)) }
    public init(convertingBool value: Bool) { self.init(Float(value ? 1 : 0)) }
    public var doubleValue: Double { Double(floatValue) }
    public var int64Value: Int64 { saturatingInt64(doubleValue) }
    public var boolValue: Bool { floatValue != 0 }
}

extension Float16: ReducedFloatElement {
    public static var dtype: DType { .float16 }
    public static var one: Float16 { 1 }
    public var floatValue: Float { Float(self) }
}

/// `torch.bfloat16`: the top 16 bits of a float32 (8-bit exponent, 7-bit mantissa).
public struct BFloat16: ReducedFloatElement, Hashable, Comparable {
    public var bitPattern: UInt16

    public init(bitPattern: UInt16) { self.bitPattern = bitPattern }

    /// Round to nearest, ties to even, as `c10::BFloat16(float)`; a NaN stays a quiet NaN.
    public init(_ value: Float) {
        if value.isNaN {
            bitPattern = 0x7FC0
            return
        }
        let bits = value.bitPattern
        let roundingBias = UInt32(0x7FFF) + ((bits >> 16) & 1)
        bitPattern = UInt16(truncatingIfNeeded: (bits &+ roundingBias) >> 16)
    }

    public static var dtype: DType { .bfloat16 }
    public static var zero: BFloat16 { BFloat16(bitPattern: 0) }
    public static var one: BFloat16 { BFloat16(Float(1)) }
    public var floatValue: Float { Float(bitPattern: UInt32(bitPattern) << 16) }

    /// IEEE equality (so nan != nan and 0 == -0), not bitwise.
    public static func == (lhs: BFloat16, rhs: BFloat16) -> Bool { lhs.floatValue == rhs.floatValue }
    public static func < (lhs: BFloat16, rhs: BFloat16) -> Bool { lhs.floatValue < rhs.floatValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(floatValue) }
}

extension DType {
    /// `value` rounded to this floating dtype's precision, going through Float for the
    /// 16-bit types as PyTorch's conversions do; other dtypes return it unchanged.
    func roundedToPrecision(_ value: Double) -> Double {
        switch self {
        case .float16: Float16(convertingDouble: value).doubleValue
        case .bfloat16: BFloat16(convertingDouble: value).doubleValue
        case .float32: Double(Float(value))
        default: value
        }
    }
}

extension Tensor {
    /// Runs `body` on a float32 copy of a 16-bit float tensor and rounds the result back,
    /// as PyTorch's kernels that widen to float for the whole computation do. Returns nil
    /// for other dtypes so callers fall through to their own path.
    public func computedInFloat32(_ body: (Tensor) throws -> Tensor) throws -> Tensor? {
        guard dtype.isReducedFloat else { return nil }
        return try body(try to(.float32)).to(dtype)
    }
}
