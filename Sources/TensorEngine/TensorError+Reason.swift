/// The errors a tool explains, as data. `TensorError(_:_:)` renders each one to PyTorch's
/// exact message here, in one place; Explain matches the case, never the text.
extension TensorError {
    public enum Reason: Sendable, Equatable {
        /// `view` on strides that no view can merge.
        case viewNotContiguous
        /// Two sizes that do not broadcast, at a dim counted from the left of the result.
        case sizeMismatch(sizeA: Int, sizeB: Int, dim: Int)
        /// A loss whose target's shape differs from its input's.
        case targetSizeMismatch(target: [Int], input: [Int])
        /// A dim outside `low...high`.
        case dimOutOfRange(low: Int, high: Int, got: Int)
        /// An index outside a dim's size.
        case indexOutOfBounds(index: Int, dim: Int, size: Int)
        /// An index into a lookup table (`embedding`, `index_select`) outside it.
        case lookupOutOfRange
        /// An index into a Python sequence (`tuple`, `list`) past its end.
        case sequenceIndexOutOfRange(sequence: String)
        /// A kernel with no version for a dtype: `"addmm_impl_cpu_" not implemented for 'Long'`.
        case kernelNotImplemented(kernel: String, dtype: DType)
        /// Two operands of a product or a weight whose dtypes differ.
        case scalarTypeMismatch(expected: DType, found: DType)
        /// A loss's target whose dtype differs from its input's.
        case targetDtypeMismatch(found: DType, expected: DType)
        /// An in-place or out= result that cannot hold the computed dtype.
        case castNotAllowed(result: DType, desired: DType)
        /// `masked_fill` with a mask that is not bool.
        case maskNotBool(DType)
        /// `one_hot` of anything but int64.
        case oneHotNeedsInt64
        /// `mean` of an integer tensor (or with an integer `dtype=`).
        case meanNeedsFloat(dtypeArgument: Bool, dtype: DType)

        /// Whether the error is about a dtype the op cannot take.
        public var isDtypeProblem: Bool {
            switch self {
            case .kernelNotImplemented, .scalarTypeMismatch, .targetDtypeMismatch, .castNotAllowed, .maskNotBool, .oneHotNeedsInt64, .meanNeedsFloat: true
            default: false
            }
        }

        /// PyTorch's words for the error.
        var message: String {
            switch self {
            case .viewNotContiguous:
                "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead."
            case let .sizeMismatch(sizeA, sizeB, dim):
                "The size of tensor a (\(sizeA)) must match the size of tensor b (\(sizeB)) at non-singleton dimension \(dim)"
            case let .targetSizeMismatch(target, input):
                "Using a target size (\(formatTorchSize(target))) that is different to the input size (\(formatTorchSize(input))) is deprecated. Please ensure they have the same size."
            case let .dimOutOfRange(low, high, got):
                "Dimension out of range (expected to be in range of [\(low), \(high)], but got \(got))"
            case let .indexOutOfBounds(index, dim, size):
                "index \(index) is out of bounds for dimension \(dim) with size \(size)"
            case .lookupOutOfRange:
                "index out of range in self"
            case let .sequenceIndexOutOfRange(sequence):
                "\(sequence) index out of range"
            case let .kernelNotImplemented(kernel, dtype):
                "\"\(kernel)\" not implemented for '\(dtype.scalarTypeName)'"
            case let .scalarTypeMismatch(expected, found):
                "expected scalar type \(expected.scalarTypeName) but found \(found.scalarTypeName)"
            case let .targetDtypeMismatch(found, expected):
                "Found dtype \(found.scalarTypeName) but expected \(expected.scalarTypeName)"
            case let .castNotAllowed(result, desired):
                "result type \(result.scalarTypeName) can't be cast to the desired output type \(desired.scalarTypeName)"
            case let .maskNotBool(dtype):
                "masked_fill_ only supports boolean masks, but got mask with dtype \(dtype == .float32 ? "float" : dtype.rawValue)"
            case .oneHotNeedsInt64:
                "one_hot is only applicable to index tensor of type LongTensor."
            case let .meanNeedsFloat(dtypeArgument, dtype):
                "mean(): could not infer output dtype. \(dtypeArgument ? "Optional" : "Input") dtype must be either a floating point or complex dtype. Got: \(dtype.scalarTypeName)"
            }
        }
    }

    /// A kernel's missing dtype, raised as PyTorch's dispatch does (NotImplementedError).
    public static func kernelNotImplemented(_ kernel: String, _ dtype: DType) -> TensorError {
        TensorError(.notImplementedError, .kernelNotImplemented(kernel: kernel, dtype: dtype))
    }

    public static func scalarTypeMismatch(expected: DType, found: DType) -> TensorError {
        TensorError(.runtimeError, .scalarTypeMismatch(expected: expected, found: found))
    }

    /// The error for `reason`, raised as the Python exception `kind`.
    public init(_ kind: Kind, _ reason: Reason) {
        self.init(kind, reason.message, reason: reason)
    }
}
