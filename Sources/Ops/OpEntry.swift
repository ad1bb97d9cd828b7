/// Where an op can be reached from Python.
public struct OpVariants: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// `torch.name(input, ...)`
    public static let function = OpVariants(rawValue: 1)
    /// `input.name(...)`
    public static let method = OpVariants(rawValue: 2)
    /// `torch.nn.functional.name(input, ...)`
    public static let functional = OpVariants(rawValue: 4)
    /// `input.name_(...)`, writing into the receiver.
    public static let inPlace = OpVariants(rawValue: 8)
    /// `torch.nn.Name(...)`: a module class; the signature is its constructor's.
    public static let moduleClass = OpVariants(rawValue: 16)
    /// `input.name_(...)` of a view op (`x.t_()`, `x.unsqueeze_(0)`): the receiver takes the
    /// op's view of itself; no data is written.
    public static let inPlaceView = OpVariants(rawValue: 32)
    /// `torch.name_(input, ...)`: the in-place form as a torch function (`torch.exp_(x)`).
    public static let inPlaceFunction = OpVariants(rawValue: 64)
    /// `torch.nn.functional.name_(input, ...)` (`F.elu_(x)`): `F.name` with `inplace=True`.
    public static let inPlaceFunctional = OpVariants(rawValue: 128)
}

/// The kind of op. Explain picks its explainer by family, and `:help` groups by it.
public enum OpFamily: String, Sendable, CaseIterable {
    case creation, random
    case elementwise, comparison, activation
    case reduction, scan, sorting
    case movement, indexing, join, masking
    case linearAlgebra, normalization, loss, pooling
}

/// What `:help` shows besides the signature. The example's output is checked by the tests.
public struct OpDoc: Sendable {
    public let summary: String
    public let formula: String?
    /// Lines typed at `>>> ` followed by the output they print, as in a doctest.
    public let example: String

    public init(_ summary: String, formula: String? = nil, example: String) {
        self.summary = summary
        self.formula = formula
        self.example = example
    }
}

/// Runs the op on converted, bound arguments. Pure engine and autograd calls: no Python values.
public typealias OpImplementation = @Sendable (OpArguments) throws -> OpResult

/// One op, declared once: the counterpart of an entry in PyTorch's `native_functions.yaml`.
public struct OpEntry: Sendable {
    /// The Python name without namespace: `sum`, `softmax`.
    public let name: String
    /// The overloads, tried in order; the last is the most general and is the one shown.
    public let signatures: [OpSignature]
    public var signature: OpSignature { signatures[signatures.count - 1] }
    public let variants: OpVariants
    public let family: OpFamily
    /// Other names for the same op, with their namespace: `torch.concat`, `Tensor.absolute`.
    public let aliases: [String]
    public let doc: OpDoc?
    /// What Explain needs besides the signature: the op's kind, traits and words.
    public let explanation: OpExplanation
    /// Nil while the op is still bound by hand in the interpreter; the table then supplies
    /// its signature, family and doc only.
    public let implementation: OpImplementation?
    /// PyTorch's overloads of the function form, as its argument parser prints them
    /// (`Tensor input, *, torch.dtype dtype = None`). With two or more, a call that fits
    /// none gets PyTorch's "received an invalid combination of arguments" list.
    public let pythonOverloads: [String]
    /// Whether PyTorch defines the op in Python (`torch.split`, `torch.meshgrid`): its
    /// argument errors are then Python's own ("missing 1 required positional argument: 'x'").
    public let isPythonFunction: Bool

    public init(_ name: String, _ signature: String, _ variants: OpVariants, family: OpFamily, explain explanation: OpExplanation = .none,
                aliases: [String] = [], overloads: [String] = [], doc: OpDoc? = nil, pythonOverloads: [String] = [],
                python isPythonFunction: Bool = false, implementation: OpImplementation? = nil) {
        self.pythonOverloads = pythonOverloads
        self.isPythonFunction = isPythonFunction
        self.name = name
        self.signatures = (overloads + [signature]).map(OpSignature.init)
        self.variants = variants
        self.family = family
        self.aliases = aliases
        self.doc = doc
        self.explanation = explanation
        self.implementation = implementation
    }

    /// Every qualified spelling: `torch.sum`, `Tensor.sum`, `torch.nn.functional.softmax`, aliases.
    public var qualifiedNames: [String] {
        var names: [String] = []
        if variants.contains(.function) { names.append("torch." + name) }
        if variants.contains(.method) { names.append("Tensor." + name) }
        if variants.contains(.functional) { names.append("torch.nn.functional." + name) }
        if variants.contains(.inPlace) || variants.contains(.inPlaceView) { names.append("Tensor." + name + "_") }
        if variants.contains(.inPlaceFunction) { names.append("torch." + name + "_") }
        if variants.contains(.inPlaceFunctional) { names.append("torch.nn.functional." + name + "_") }
        if variants.contains(.moduleClass) { names.append("torch.nn." + name) }
        return names + aliases
    }

    /// The name `:help` shows first.
    public var primaryName: String { qualifiedNames.first ?? name }

    /// Whether `qualifiedName` is an in-place form of this op: `Tensor.exp_`, `Tensor.clip_`,
    /// `torch.exp_`, `F.elu_`. An op whose own name ends in `_` (`nn.init.normal_`) has no other form.
    public func isInPlace(as qualifiedName: String) -> Bool {
        qualifiedName.hasSuffix("_") && !name.hasSuffix("_")
    }

    /// The signature as called through `qualifiedName`: a method's drops its receiver.
    public func signature(as qualifiedName: String) -> OpSignature {
        qualifiedName.hasPrefix("Tensor.") ? signature.droppingReceiver : signature
    }

    /// The overloads as PyTorch prints them for a call through `qualifiedName`: a method has
    /// only those over a tensor input, without `Tensor input` and `out=`.
    public func pythonOverloads(as qualifiedName: String) -> [String] {
        guard qualifiedName.hasPrefix("Tensor.") else { return pythonOverloads }
        return pythonOverloads.filter { $0.hasPrefix("Tensor input") }.map { line in
            var parts = line.split(separator: ", ").map(String.init).filter { $0 != "Tensor input" && $0 != "Tensor out = None" }
            if parts.last == "*" { parts.removeLast() }
            return parts.joined(separator: ", ")
        }
    }
}
