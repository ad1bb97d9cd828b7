import Interpreter
import Ops
import PySyntax
import TensorEngine

/// One evaluated node with everything an explainer or a detector may ask about it: its
/// children's values (looked up by identity, since children are reported first), the
/// call it makes, and what is known about the tensors involved.
struct Evaluation {
    let expr: Expr
    let value: Value
    let index: SyntaxIndex
    let facts: TensorFacts
    private let valueLookup: (Expr) -> Value?
    private let findingsSoFar: () -> [Finding]
    /// A native object's attribute as Python reads it (`criterion.reduction`), or nil.
    let nativeAttribute: (NativeObject, String) -> Value?

    init(expr: Expr, value: Value, index: SyntaxIndex, facts: TensorFacts, values: @escaping (Expr) -> Value?,
         findings: @escaping () -> [Finding] = { [] }, nativeAttribute: @escaping (NativeObject, String) -> Value? = { _, _ in nil }) {
        self.expr = expr
        self.value = value
        self.index = index
        self.facts = facts
        self.valueLookup = values
        self.findingsSoFar = findings
        self.nativeAttribute = nativeAttribute
    }

    /// The reduction an `nn` loss module was built with: the legacy `size_average`/`reduce`
    /// flags decide it when given, as `_Loss.__init__` does, else its `reduction`.
    func lossModuleReduction(_ module: NativeObject) -> String? {
        func flag(_ name: String) -> Bool? {
            if case let .bool(value)? = nativeAttribute(module, name) { return value }
            return nil
        }
        let sizeAverage = flag("size_average"), reduce = flag("reduce")
        if sizeAverage != nil || reduce != nil {
            return (reduce ?? true) ? ((sizeAverage ?? true) ? "mean" : "sum") : "none"
        }
        if case let .string(reduction)? = nativeAttribute(module, "reduction") { return reduction }
        return nil
    }

    /// Codes whose fix is the corrected code for its span (not one of several guesses),
    /// so a suggestion that quotes that span can apply it.
    static let definiteFixCodes: Set<String> = ["empty-slice", "implicit-softmax-dim", "dtype-mismatch", "target-out-of-range"]

    /// The source text of `expr` with the definite fixes already found inside it applied
    /// (outermost first), and the findings whose fixes were applied. A suggestion that
    /// quotes `outputs[:0:k]` then quotes the corrected `outputs[:, 0:k]`.
    func fixedText(of expr: Expr) -> (text: String, applied: [Finding]) {
        let span = expr.span
        let candidates = findingsSoFar().filter { finding in
            guard let fix = finding.fix, Self.definiteFixCodes.contains(finding.code) else { return false }
            return fix.span.start >= span.start && fix.span.end <= span.end && fix.span.start < fix.span.end
        }.sorted { ($0.fix!.span.start, -$0.fix!.span.end) < ($1.fix!.span.start, -$1.fix!.span.end) }
        var chosen: [Finding] = []
        for candidate in candidates where !chosen.contains(where: { candidate.fix!.span.start < $0.fix!.span.end }) {
            chosen.append(candidate)
        }
        guard !chosen.isEmpty else { return (text(of: expr), []) }
        let bytes = Array(index.source.text(of: span).utf8)
        var result = ""
        var cursor = 0
        for finding in chosen {
            let fix = finding.fix!
            let from = fix.span.start - span.start
            result += String(decoding: bytes[cursor..<from], as: UTF8.self) + fix.replacement
            cursor = fix.span.end - span.start
        }
        result += String(decoding: bytes[cursor...], as: UTF8.self)
        return (result, chosen)
    }

    func value(of expr: Expr) -> Value? { valueLookup(expr) }
    func tensor(of expr: Expr) -> Tensor? {
        if case let .tensor(tensor)? = valueLookup(expr) { return tensor }
        return nil
    }
    func text(of expr: Expr) -> String { index.text(of: expr) }
    var text: String { index.text(of: expr) }

    /// The tensor an in-place chain writes into, by the name it has before the chain:
    /// `x` for `x.add_(1)` in `x.add_(1).div_(2)`, since each `_` method returns its receiver.
    func chainRootText(of expr: Expr) -> String {
        var current = expr
        while case let .call(callee, _) = current.kind, case let .attribute(object, name, _) = callee.kind, name.hasSuffix("_"),
              let result = tensor(of: current), let receiver = tensor(of: object), result === receiver {
            current = object
        }
        return text(of: current)
    }
    var line: Int { index.line(of: expr) }

    var tensorResult: Tensor? {
        if case let .tensor(tensor) = value { return tensor }
        return nil
    }

    var call: CallSite? { CallSite(self) }

    /// The tensors this node consumed, in source order, with the node that produced each.
    var tensorInputs: [(expr: Expr, tensor: Tensor)] {
        switch expr.kind {
        case let .call(callee, arguments):
            var inputs: [(Expr, Tensor)] = []
            if case let .attribute(object, _, _) = callee.kind, let receiver = tensor(of: object) { inputs.append((object, receiver)) }
            for argument in arguments { if let argumentTensor = tensor(of: argument.value) { inputs.append((argument.value, argumentTensor)) } }
            return inputs
        case let .binary(_, left, right):
            return [left, right].compactMap { side in tensor(of: side).map { (side, $0) } }
        case let .compare(first, rest):
            return ([first] + rest.map(\.1)).compactMap { side in tensor(of: side).map { (side, $0) } }
        case let .unary(_, operand), let .attribute(operand, _, _):
            return tensor(of: operand).map { [(operand, $0)] } ?? []
        case let .subscript(container, indexExpr):
            var inputs: [(Expr, Tensor)] = []
            if let base = tensor(of: container) { inputs.append((container, base)) }
            if let indexTensor = tensor(of: indexExpr) { inputs.append((indexExpr, indexTensor)) }
            return inputs
        default:
            return []
        }
    }

    /// A name for the tensor a node holds, by its role when the code says it: the
    /// assigned variable, or the expression text when it is short.
    func roleName(of expr: Expr) -> String {
        let source = text(of: expr)
        return source.count <= 40 ? "`\(source)`" : "the input"
    }
}

/// The call a node makes, normalized so that `F.softmax(x, dim=1)`, `torch.softmax(x, 1)`
/// and `x.softmax(1)` all answer the same questions.
struct CallSite {
    /// The Python name of the function, method or module type (`softmax`, `view`, `Softmax`).
    let name: String
    let callee: Expr
    /// For tensor methods, the tensor the method is called on.
    let receiver: (expr: Expr, tensor: Tensor)?
    let calleeValue: Value?
    let positional: [(expr: Expr, value: Value)]
    let keywords: [(name: String, expr: Expr, value: Value)]
    let calleeText: String
    /// An attribute of the called `nn` module object as Python reads it (`softmax.dim`).
    let moduleAttribute: (String) -> Value?

    init?(_ evaluation: Evaluation) {
        guard case let .call(callee, arguments) = evaluation.expr.kind else { return nil }
        self.callee = callee
        let calleeValue = evaluation.value(of: callee)
        self.calleeValue = calleeValue
        moduleAttribute = { name in
            if case let .native(module)? = calleeValue { return evaluation.nativeAttribute(module, name) }
            return nil
        }
        calleeText = evaluation.text(of: callee)
        var receiver: (Expr, Tensor)?
        var name: String
        switch callee.kind {
        case let .attribute(object, attributeName, _):
            name = attributeName
            if let tensor = evaluation.tensor(of: object) { receiver = (object, tensor) }
        case let .name(identifier): name = identifier
        default: name = ""
        }
        switch calleeValue {
        case let .builtin(builtin)?: name = builtin.name
        case let .native(object)?: name = object.typeName
        default: break
        }
        self.name = name
        self.receiver = receiver
        var positional: [(Expr, Value)] = []
        var keywords: [(String, Expr, Value)] = []
        for argument in arguments {
            guard let value = evaluation.value(of: argument.value) else { continue }
            switch argument.kind {
            case .positional: positional.append((argument.value, value))
            case let .keyword(keyword): keywords.append((keyword, argument.value, value))
            case .unpack, .unpackKeywords: break
            }
        }
        self.positional = positional
        self.keywords = keywords
    }

    var isMethod: Bool { receiver != nil }
    /// A call of an `nn` module object such as `self.softmax(attn)`.
    var moduleObject: NativeObject? {
        if case let .native(object)? = calleeValue { return object }
        return nil
    }

    /// The op table's entry for this call, and the spelling it was reached by
    /// (`Tensor.sum`, `torch.nn.functional.softmax`, `torch.nn.Softmax`).
    var op: (entry: OpEntry, qualifiedName: String)? {
        OpTable.entry(called: name, asMethod: isMethod)
    }

    /// What the table says the called op is. Nil for a call of an `nn` module object and
    /// for a module class's constructor: their entries describe the class, not the call.
    var kind: OpKind? {
        guard moduleObject == nil, let entry = op?.entry, !entry.variants.contains(.moduleClass) else { return nil }
        return entry.explanation.kind
    }

    /// The kind of the `nn` module object called (`nn.KLDivLoss()(p, q)`).
    var moduleKind: OpKind? {
        guard moduleObject != nil, let entry = op?.entry, entry.variants.contains(.moduleClass) else { return nil }
        return entry.explanation.kind
    }

    /// The kind, for a call of the out-of-place form only (`x.scatter(...)`, not `x.scatter_(...)`).
    var outOfPlaceKind: OpKind? { isInPlaceForm ? nil : kind }

    /// The table's traits of the called function or method.
    var traits: OpTraits { moduleObject == nil ? op?.entry.explanation.traits ?? [] : [] }

    /// Whether the call reached an op's in-place form (`x.exp_()`, `x.masked_fill_(...)`, `torch.exp_(x)`).
    var isInPlaceForm: Bool { op.map { $0.entry.isInPlace(as: $0.qualifiedName) } ?? false }

    /// The tensor an in-place form writes into: the receiver of `x.exp_()`, the input of `torch.exp_(x)`.
    var writtenTensor: (expr: Expr, tensor: Tensor)? { isInPlaceForm ? receiver ?? input : nil }

    /// What the in-place form does, with `{T}` and `{X}` to fill in.
    var inPlaceWords: String? { isInPlaceForm ? op?.entry.explanation.inPlaceWords : nil }

    /// An argument by parameter name: given by keyword, or by the position the op table's
    /// signature gives that name (counted after the receiver for a method).
    func argument(_ parameter: String) -> (expr: Expr, value: Value)? {
        if let match = keywords.first(where: { $0.name == parameter }) { return (match.expr, match.value) }
        // PyTorch's argument parser takes numpy's `axis=` and `keepdims=` too, and so does the interpreter.
        if let alias = Self.numpyAliases[parameter], let match = keywords.first(where: { $0.name == alias }) { return (match.expr, match.value) }
        guard let (entry, qualifiedName) = op else { return nil }
        let positionalNames = entry.signature(as: qualifiedName).parameters.filter { $0.kind == .positional }.map(\.name)
        guard let index = positionalNames.firstIndex(of: parameter), index < positional.count else { return nil }
        return positional[index]
    }

    private static let numpyAliases = ["dim": "axis", "keepdim": "keepdims"]

    /// The argument of the first parameter after the input (`other` of `x.add_(y)`,
    /// `exponent` of `x.pow_(2)`), as the op table's signature orders them.
    var operand: (expr: Expr, value: Value)? {
        guard let (entry, qualifiedName) = op else { return nil }
        let names = entry.signature(as: qualifiedName).positionalNames
        return (isMethod ? names.first : names.dropFirst().first).flatMap(argument)
    }

    /// For a call of an `nn` module object: what its forward was given, the input and, for
    /// a loss, the target.
    var moduleInput: (expr: Expr, value: Value)? { moduleObject == nil ? nil : positional.first }
    var moduleTarget: (expr: Expr, value: Value)? { moduleObject == nil ? nil : positional.dropFirst().first }

    /// The parameter's default as the op table declares it (`-100`, `'mean'`), for an
    /// argument the call leaves out.
    func declaredDefault(_ parameter: String) -> OpArgument? {
        op?.entry.signature.parameter(named: parameter)?.defaultArgument
    }

    /// The main tensor: the receiver of a method, or the op's first argument.
    var input: (expr: Expr, tensor: Tensor)? {
        if let receiver { return receiver }
        let first = op?.entry.signature.parameters.first?.name
        let candidate = first.flatMap(argument) ?? positional.first
        if let (expr, value) = candidate, case let .tensor(tensor) = value { return (expr, tensor) }
        return nil
    }

    /// An int argument, or the declared default when it is left out.
    func int(_ parameter: String) -> Int? {
        guard let (_, value) = argument(parameter) else {
            if case let .int(number)? = declaredDefault(parameter) { return number }
            return nil
        }
        return intValue(value)
    }

    /// A string argument (`reduction`), or the declared default when it is left out.
    func string(_ parameter: String) -> String? {
        guard let (_, value) = argument(parameter) else {
            if case let .string(text)? = declaredDefault(parameter) { return text }
            return nil
        }
        if case let .string(text) = value { return text }
        return nil
    }

    /// A bool argument, or the declared default when it is left out.
    func bool(_ parameter: String) -> Bool? {
        guard let (_, value) = argument(parameter) else {
            if case let .bool(flag)? = declaredDefault(parameter) { return flag }
            return nil
        }
        if case let .bool(flag) = value { return flag }
        return nil
    }

    /// A float argument, or the declared default when it is left out.
    func double(_ parameter: String) -> Double? {
        guard let (_, value) = argument(parameter) else {
            switch declaredDefault(parameter) {
            case let .float(number)?: return number
            case let .int(number)?: return Double(number)
            default: return nil
            }
        }
        return doubleValue(value)
    }

    /// A loss's reduction. The legacy `size_average`/`reduce` flags, when given, decide it
    /// as PyTorch's `_Reduction.legacy_get_string` does: both true (or absent) is 'mean',
    /// only `reduce` is 'sum', and `reduce=False` is 'none'.
    var lossReduction: String? {
        let sizeAverage = argument("size_average").map { !$0.value.isNone ? $0.value : .bool(true) }
        let reduce = argument("reduce").map { !$0.value.isNone ? $0.value : .bool(true) }
        if sizeAverage != nil || reduce != nil {
            let averages = sizeAverage.map(isTruthy) ?? true, reduces = reduce.map(isTruthy) ?? true
            return reduces ? (averages ? "mean" : "sum") : "none"
        }
        return string("reduction")
    }

    /// All positional integers after the receiver, flattening `view((a, b))` into `[a, b]`.
    var integerList: [Int]? {
        let values = isMethod ? positional.map(\.value) : Array(positional.dropFirst().map(\.value))
        if values.count == 1, let list = intList(values[0]) { return list }
        let ints = values.compactMap(intValue)
        return ints.count == values.count ? ints : nil
    }

    /// The source text of each positional argument after the receiver.
    var argumentTexts: [Expr] { isMethod ? positional.map(\.expr) : Array(positional.dropFirst().map(\.expr)) }
}

func intValue(_ value: Value) -> Int? {
    switch value {
    case let .int(number): return Int(number)
    case let .bool(flag): return flag ? 1 : 0
    case let .tensor(tensor) where tensor.count == 1 && !tensor.dtype.isFloatingPoint:
        if case let .int(number)? = try? tensor.item() { return Int(number) }
        return nil
    default: return nil
    }
}

func doubleValue(_ value: Value) -> Double? {
    switch value {
    case let .int(number): return Double(number)
    case let .float(number): return number
    case let .tensor(tensor) where tensor.count == 1 && tensor.rank == 0: return tensor.doubles().first
    default: return nil
    }
}

func intList(_ value: Value) -> [Int]? {
    switch value {
    case let .size(sizes): return sizes
    case let .tuple(items): let ints = items.compactMap(intValue); return ints.count == items.count ? ints : nil
    case let .list(list): let ints = list.items.compactMap(intValue); return ints.count == list.items.count ? ints : nil
    default: return nil
    }
}

private func isTruthy(_ value: Value) -> Bool {
    switch value {
    case let .bool(flag): return flag
    case let .int(number): return number != 0
    case .none: return false
    default: return true
    }
}
