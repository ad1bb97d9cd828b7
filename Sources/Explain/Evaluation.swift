import Interpreter
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

    init(expr: Expr, value: Value, index: SyntaxIndex, facts: TensorFacts, values: @escaping (Expr) -> Value?,
         findings: @escaping () -> [Finding] = { [] }) {
        self.expr = expr
        self.value = value
        self.index = index
        self.facts = facts
        self.valueLookup = values
        self.findingsSoFar = findings
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

    init?(_ evaluation: Evaluation) {
        guard case let .call(callee, arguments) = evaluation.expr.kind else { return nil }
        self.callee = callee
        calleeValue = evaluation.value(of: callee)
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

    /// An argument by keyword, or by position counted after the receiver for methods
    /// (`x.softmax(1)`) and from the first argument for functions (`F.softmax(x, 1)`).
    func argument(_ keyword: String, position: Int) -> (expr: Expr, value: Value)? {
        if let match = keywords.first(where: { $0.name == keyword }) { return (match.expr, match.value) }
        let adjusted = isMethod ? position - 1 : position
        guard adjusted >= 0, adjusted < positional.count else { return nil }
        return positional[adjusted]
    }

    /// The main tensor: the receiver of a method, or the first argument of a function.
    var input: (expr: Expr, tensor: Tensor)? {
        if let receiver { return receiver }
        if let (expr, value) = argument("input", position: 0), case let .tensor(tensor) = value { return (expr, tensor) }
        return nil
    }

    func int(_ keyword: String, position: Int) -> Int? {
        guard let (_, value) = argument(keyword, position: position) else { return nil }
        return intValue(value)
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
