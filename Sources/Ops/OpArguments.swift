import TensorEngine

/// One argument after conversion by its parameter's declared type.
public enum OpArgument {
    case none
    case tensor(Tensor)
    case tensors([Tensor])
    case int(Int)
    case ints([Int])
    case float(Double)
    case bool(Bool)
    case string(String)
    case dtype(DType)
    case scalar(Scalar)
    /// A value the op table does not convert (type `object`), carried for the binding.
    case opaque(Any)
}

/// An op's arguments bound to its parameters by name, defaults filled in.
/// The accessors trust the conversion: a mismatch is a table bug, reported as an internal error.
public struct OpArguments {
    public let opName: String
    /// Which of the entry's signatures matched, counted from 0.
    public let overload: Int
    private var values: [(name: String, value: OpArgument)]
    /// Shows a UserWarning where the call was made, as PyTorch's Python code does.
    public let warn: (String) -> Void
    /// PyTorch's `TORCH_WARN_ONCE`: the first time in a program only, wherever that is.
    public let warnOnce: (String) -> Void
    /// Refuses a result of this many Python items (`what` names it) when the session's
    /// item limit would be passed.
    public let checkItems: (Int, String) throws -> Void

    public init(opName: String, overload: Int = 0, values: [(name: String, value: OpArgument)], warn: @escaping (String) -> Void = { _ in },
                warnOnce: ((String) -> Void)? = nil, checkItems: @escaping (Int, String) throws -> Void = { _, _ in }) {
        self.opName = opName
        self.overload = overload
        self.values = values
        self.warn = warn
        self.warnOnce = warnOnce ?? warn
        self.checkItems = checkItems
    }

    /// Refuses `unbind`/`split`/`chunk` of `tensor` along `dim` into pieces whose length
    /// `pieceLength` gives from the dim's size, when the tuple would pass the item limit:
    /// a tensor of shape (2**62, 0) holds no elements but would unbind into 2**62 tensors.
    /// An invalid dim or length is left for the op itself to report, with its own message.
    public func checkPieces(of tensor: Tensor, dim: Int, pieceLength: (Int) -> Int) throws {
        guard tensor.rank > 0, (-tensor.rank..<tensor.rank).contains(dim) else { return }
        let size = tensor.shape[dim < 0 ? dim + tensor.rank : dim]
        let length = pieceLength(size)
        guard length > 0 else { return }
        try checkItems(size / length + (size % length == 0 ? 0 : 1), "\(opName)()'s tuple")
    }

    /// Whether an argument was passed (not left at its default of None).
    public func has(_ name: String) -> Bool {
        if case .none = self[name] { return false }
        return true
    }

    public subscript(name: String) -> OpArgument {
        values.first { $0.name == name }?.value ?? .none
    }

    /// The arguments in parameter order, for observers that show them.
    public var all: [(name: String, value: OpArgument)] { values }

    public func tensor(_ name: String) throws -> Tensor {
        guard case let .tensor(tensor) = self[name] else { throw mismatch(name, "Tensor") }
        return tensor
    }

    public func tensors(_ name: String) throws -> [Tensor] {
        guard case let .tensors(tensors) = self[name] else { throw mismatch(name, "Tensor[]") }
        return tensors
    }

    public func optionalTensor(_ name: String) throws -> Tensor? {
        if case .none = self[name] { return nil }
        return try tensor(name)
    }

    public func int(_ name: String) throws -> Int {
        guard case let .int(value) = self[name] else { throw mismatch(name, "int") }
        return value
    }

    public func optionalInt(_ name: String) throws -> Int? {
        if case .none = self[name] { return nil }
        return try int(name)
    }

    /// A dims argument: nil when absent, one element for `dim=1`.
    public func dims(_ name: String) throws -> [Int]? {
        switch self[name] {
        case .none: return nil
        case let .int(dim): return [dim]
        case let .ints(dims): return dims
        default: throw mismatch(name, "int[1]?")
        }
    }

    public func ints(_ name: String) throws -> [Int] {
        guard case let .ints(values) = self[name] else { throw mismatch(name, "int[]") }
        return values
    }

    public func float(_ name: String) throws -> Double {
        switch self[name] {
        case let .float(value): return value
        case let .int(value): return Double(value)
        case let .scalar(value): return value.doubleValue
        default: throw mismatch(name, "float")
        }
    }

    /// A `Scalar` argument (`alpha`, `beta`), keeping whether it was an int or a float.
    public func scalar(_ name: String) throws -> Scalar {
        switch self[name] {
        case let .scalar(value): return value
        case let .int(value): return .int(Int64(value))
        case let .float(value): return .float(value)
        case let .bool(value): return .bool(value)
        default: throw mismatch(name, "Number")
        }
    }

    /// A `Tensor|Scalar` argument as an elementwise operand.
    public func operand(_ name: String) throws -> Operand {
        switch self[name] {
        case let .tensor(tensor): return .tensor(tensor)
        case let .scalar(scalar): return .scalar(scalar)
        default: throw mismatch(name, "Tensor or Number")
        }
    }

    public func optionalFloat(_ name: String) throws -> Double? {
        if case .none = self[name] { return nil }
        return try float(name)
    }

    public func bool(_ name: String) throws -> Bool {
        guard case let .bool(value) = self[name] else { throw mismatch(name, "bool") }
        return value
    }

    /// A `bool?` argument, with the value None stands for.
    public func bool(_ name: String, default fallback: Bool) throws -> Bool {
        if case .none = self[name] { return fallback }
        return try bool(name)
    }

    public func string(_ name: String) throws -> String {
        guard case let .string(value) = self[name] else { throw mismatch(name, "str") }
        return value
    }

    public func dtype(_ name: String) throws -> DType? {
        switch self[name] {
        case .none: return nil
        case let .dtype(dtype): return dtype
        default: throw mismatch(name, "ScalarType?")
        }
    }

    private func mismatch(_ name: String, _ type: String) -> TensorError {
        TensorError.runtime("internal error: \(opName)() argument '\(name)' was not bound as \(type)")
    }
}

/// What an op returns, before the interpreter turns it into a Python value.
public enum OpResult {
    case tensor(Tensor)
    /// `torch.return_types.max(values=..., indices=...)` and its kin.
    case namedTuple(typeName: String, fields: [String], tensors: [Tensor])
    case tuple([Tensor])
}
