import Autograd
import TensorEngine

/// `repr`, `str` and `format` of values, as Python writes them.
extension Interpreter {
    public func repr(_ value: Value) throws -> String {
        // Values nested a million deep (`x = [x]` in a loop) recurse here without any call.
        try NativeStack.check()
        switch value {
        case .none: return "None"
        case let .bool(flag): return flag ? "True" : "False"
        case let .int(number): return String(number)
        case let .float(number): return pythonFloatRepr(number)
        case let .string(text): return pythonStringRepr(text)
        case let .tensor(tensor): return tensorRepr(tensor)
        case let .list(list) where list.dictViewName != nil || list.isKeysView:
            let name = list.dictViewName ?? "dict_keys"
            return try reprOnce(list, cycle: "[...]") { name + "([" + (try list.items.map { try repr($0) }).joined(separator: ", ") + "])" }
        case let .list(list) where list.isFrozen:
            if list.items.isEmpty { return "frozenset()" }
            return try reprOnce(list, cycle: "{...}") { "frozenset({" + (try list.items.map { try repr($0) }).joined(separator: ", ") + "})" }
        case let .list(list) where list.isSet:
            if list.items.isEmpty { return "set()" }
            return try reprOnce(list, cycle: "{...}") { "{" + (try list.items.map { try repr($0) }).joined(separator: ", ") + "}" }
        case let .list(list):
            return try reprOnce(list, cycle: "[...]") { "[" + (try list.items.map { try repr($0) }).joined(separator: ", ") + "]" }
        case let .tuple(items):
            if items.count == 1 { return "(\(try repr(items[0])),)" }
            return "(" + (try items.map { try repr($0) }).joined(separator: ", ") + ")"
        case let .namedTuple(tuple): return try namedTupleRepr(tuple)
        case let .dict(dict) where !dict.flavor.isPlain:
            return try reprOnce(dict, cycle: "...") { try flavoredDictRepr(dict) }
        case let .dict(dict):
            return try reprOnce(dict, cycle: "{...}") {
                "{" + (try dict.entries.map { "\(try repr($0.key)): \(try repr($0.value))" }).joined(separator: ", ") + "}"
            }
        case let .dtype(dtype): return dtype.torchName
        case let .size(sizes): return "torch.Size([" + sizes.map(String.init).joined(separator: ", ") + "])"
        case let .slice(start, stop, step): return "slice(\(try repr(start)), \(try repr(stop)), \(try repr(step)))"
        case .ellipsis: return "Ellipsis"
        case let .range(start, stop, step): return step == 1 ? "range(\(start), \(stop))" : "range(\(start), \(stop), \(step))"
        case let .function(function): return "<function \(function.name)>"
        case let .builtin(builtin):
            if let description = nativeModuleClassRepr(value) { return description }
            if isParameterType(builtin) { return "<class 'torch.nn.parameter.Parameter'>" }
            if let owner = builtin.owner { return "<built-in method \(builtin.name) of \(owner) object>" }
            if Interpreter.builtinTypeNames.contains(builtin.name) { return "<class '\(builtin.name)'>" }
            return "<built-in function \(builtin.shortName)>"
        case let .module(namespace): return "<module '\(namespace.name)'>"
        case let .classObject(classObject):
            if isObjectClass(classObject) { return "<class 'object'>" }
            return enumMembers(of: classObject) != nil ? "<enum '\(classObject.name)'>" : "<class '__main__.\(classObject.name)'>"
        case let .instance(instance):
            if let method = instance.classObject.lookup("__repr__") {
                return try str(try call(method, CallArguments([value])))
            }
            if let native = instance.nativeModule { return try native.repr(self, as: value) }
            if let wrapped = instance.builtinValue { return try builtinSubclassRepr(instance, wrapped) }
            if instance.moduleRegistry != nil { return try genericModuleRepr(value) }
            return "<__main__.\(instance.classObject.name) object>"
        case let .native(module as NNModule): return try module.repr(self, as: value)
        case let .native(object as NativeContainerRepr): return try object.repr(self)
        case let .native(big as BigIntObject): return try big.decimalText()
        case let .native(object): return object.repr()
        }
    }

    /// A container that holds itself (`x.append(x)`) prints as `[...]` inside itself, as
    /// in Python, instead of recursing forever.
    private func reprOnce(_ container: AnyObject, cycle: String, _ body: () throws -> String) throws -> String {
        let identity = ObjectIdentifier(container)
        guard reprInProgress.insert(identity).inserted else { return cycle }
        defer { reprInProgress.remove(identity) }
        return try body()
    }

    public func str(_ value: Value) throws -> String {
        switch value {
        case let .string(text): return text
        case let .instance(instance):
            if let method = instance.classObject.lookup("__str__") { return try str(try call(method, CallArguments([value]))) }
            if case let .string(text)? = instance.builtinValue { return text }
            return try repr(value)
        case let .native(object as ExceptionObject): return object.message
        case let .native(object as NativeContainerRepr): return try object.str(self)
        case let .namedTuple(tuple):
            if let method = try tuple.owner?.member("__str__", receiver: value, self) { return try str(try call(method, CallArguments())) }
            return try repr(value)
        default: return try repr(value)
        }
    }

    /// `format(value, spec)`, the mini-language f-strings use.
    func format(_ value: Value, spec: String) throws -> String {
        // A 0-d tensor formats as its Python number, as Tensor.__format__ does.
        if spec.isEmpty, case let .tensor(tensor) = value, tensor.rank == 0 { return try str(scalarValue(try tensor.item())) }
        if spec.isEmpty { return try str(value) }
        var number = value.numpyScalarNumber ?? value
        if case let .tensor(tensor) = value {
            guard tensor.rank == 0 else {
                throw PythonError.typeError("unsupported format string passed to Tensor.__format__")
            }
            switch try tensor.item() {
            case let .float(item): number = .float(item)
            case let .int(item): number = .int(item)
            case let .bool(item): number = .bool(item)
            }
        }
        let parsed = try FormatSpec(spec)
        // A width or precision is an allocation size: `f'{1:>{10**12}}'` is a MemoryError.
        try limits.checkStringBytes(parsed.width ?? 0)
        try limits.checkStringBytes(parsed.precision ?? 0)
        var body: String
        switch number {
        case let .float(item): body = try formatNumber(item, isInteger: false, parsed)
        case let .int(item): body = try formatInteger(item, parsed)
        case let .native(big as BigIntObject) where [nil, "d", "n", "x", "X", "b", "o"].contains(parsed.type):
            var digits = parsed.type == nil || parsed.type == "d" || parsed.type == "n" ? try big.decimalText() : big.value.magnitude.text(radix: parsed.type == "b" ? 2 : parsed.type == "o" ? 8 : 16)
            if parsed.type == "X" { digits = digits.uppercased() }
            if big.value.isNegative, digits.hasPrefix("-") { digits.removeFirst() }
            if parsed.grouping { digits = groupThousands(digits) }
            body = (big.value.isNegative ? "-" : parsed.signPrefix(true)) + digits
        case let .bool(item): body = parsed.type == nil ? (item ? "True" : "False") : try formatInteger(item ? 1 : 0, parsed)
        case let .string(text):
            body = parsed.precision.map { String(text.prefix($0)) } ?? text
            return parsed.pad(body, defaultAlign: "<")
        default:
            return parsed.pad(try str(value), defaultAlign: "<")
        }
        if parsed.zeroPad, let width = parsed.width, body.count < width {
            // The zeros go after the sign and after a base prefix (`0x`).
            var headLength = body.hasPrefix("-") || body.hasPrefix("+") || body.hasPrefix(" ") ? 1 : 0
            if parsed.alternate, ["0x", "0X", "0b", "0o"].contains(String(body.dropFirst(headLength).prefix(2))) { headLength += 2 }
            body = String(body.prefix(headLength)) + String(repeating: "0", count: width - body.count) + String(body.dropFirst(headLength))
        }
        return parsed.pad(body, defaultAlign: ">")
    }

    private func formatInteger(_ value: Int64, _ spec: FormatSpec) throws -> String {
        switch spec.type {
        case nil, "d", "n":
            var text = String(value)
            if spec.grouping { text = groupThousands(text) }
            return spec.signPrefix(value >= 0) + text
        case "x", "X", "b", "o":
            let radix = spec.type == "b" ? 2 : spec.type == "o" ? 8 : 16
            let digits = String(value.magnitude, radix: radix, uppercase: spec.type == "X")
            // `#` marks the base, after the sign: f"{-255:#x}" is -0xff.
            let prefix = spec.alternate ? "0" + String(spec.type ?? "x") : ""
            return (value < 0 ? "-" : spec.signPrefix(true)) + prefix + digits
        case "c": return Unicode.Scalar(UInt32(clamping: value)).map { String(Character($0)) } ?? ""
        default: return try formatNumber(Double(value), isInteger: true, spec)
        }
    }

    private func formatNumber(_ value: Double, isInteger: Bool, _ spec: FormatSpec) throws -> String {
        let precision = spec.precision ?? 6
        var text: String
        switch spec.type {
        case "f", "F": text = formatFixed(value, precision: precision)
        case "e", "E":
            text = formatScientific(value, precision: precision)
            if spec.type == "E" { text = text.uppercased() }
        case "%": text = formatFixed(value * 100, precision: precision) + "%"
        case "g", "G", nil:
            if spec.type == nil && spec.precision == nil { text = pythonFloatRepr(value) } else {
                text = formatGeneral(value, precision: max(precision, 1), alwaysPoint: spec.type == nil)
            }
        default:
            // An int reaches here only for the float codes; any other code names its own type.
            throw PythonError.valueError("Unknown format code '\(spec.type.map(String.init) ?? "")' for object of type '\(isInteger ? "int" : "float")'")
        }
        if spec.grouping { text = groupThousands(text) }
        if !text.hasPrefix("-") { text = spec.signPrefix(true) + text }
        return text
    }

    private func groupThousands(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let integerPart = digits.prefix { $0.isNumber }
        let rest = digits.dropFirst(integerPart.count)
        var grouped = ""
        for (index, character) in integerPart.enumerated() {
            if index > 0 && (integerPart.count - index) % 3 == 0 { grouped += "," }
            grouped.append(character)
        }
        return (negative ? "-" : "") + grouped + rest
    }

    /// `'%.4f' % x` and friends.
    func percentFormat(_ template: String, _ arguments: Value) throws -> String {
        var values: [Value]
        if case let .tuple(items) = arguments { values = items } else { values = [arguments] }
        var output = ""
        var usedMapping = false
        var characters = template[...]
        while let character = characters.first {
            characters = characters.dropFirst()
            guard character == "%" else { output.append(character); continue }
            if characters.first == "%" { output.append("%"); characters = characters.dropFirst(); continue }
            var mapped: Value?
            if characters.first == "(", case let .dict(mapping) = arguments {
                // `'%(name)s' % {'name': ...}`, as logging's format strings use.
                let key = String(characters.dropFirst().prefix { $0 != ")" })
                characters = characters.dropFirst(key.count + 2)
                guard let found = mapping[.string(key)] else { throw PythonError("KeyError", pythonStringRepr(key)) }
                mapped = found
                usedMapping = true
            }
            var spec = ""
            while let next = characters.first, !"sdifegrxXoEG".contains(next) {
                spec.append(next)
                characters = characters.dropFirst()
            }
            guard let type = characters.first else { throw PythonError.valueError("incomplete format") }
            characters = characters.dropFirst()
            guard mapped != nil || !values.isEmpty else { throw PythonError.typeError("not enough arguments for format string") }
            let value = try percentOperand(mapped ?? values.removeFirst(), conversion: type)
            spec = printfSpec(spec, textual: type == "s" || type == "r")
            switch type {
            case "s": output += try format(.string(try str(value)), spec: spec)
            case "r": output += try format(.string(try repr(value)), spec: spec)
            case "d", "i":
                if case let .float(number) = value { _ = try convertToInt(.float(number), base: nil) }
                let integer: Value = (try? pythonDouble(value)).map { .int(saturatingInt64($0)) } ?? value
                output += try format(integer, spec: spec + "d")
            case "x", "X", "o":
                guard let integer = try? pythonInt(value) else {
                    throw PythonError.typeError("%\(type) format: an integer is required, not \(value.typeName)")
                }
                output += try format(.int(integer), spec: spec + String(type))
            default: output += try format(.float(try pythonDouble(value)), spec: spec + String(type))
            }
        }
        if !values.isEmpty && !usedMapping { throw PythonError.typeError("not all arguments converted during string formatting") }
        return output
    }
}

/// A `%` conversion's flags, width and precision (`-08.3`) as a format spec: `-` aligns
/// left, anything else right (strings too, unlike `format`), `0` pads numbers with zeros,
/// `+`, ` ` and `#` are the sign and alternate-form flags.
func printfSpec(_ printf: String, textual: Bool) -> String {
    let flags = printf.prefix { "-+ #0".contains($0) }
    let rest = printf.dropFirst(flags.count)
    guard !rest.isEmpty || !flags.isEmpty else { return "" }
    let leftAligned = flags.contains("-")
    var spec = leftAligned ? "<" : (rest.first?.isNumber == true ? ">" : "")
    if !textual {
        if flags.contains("+") { spec += "+" } else if flags.contains(" ") { spec += " " }
        if flags.contains("#") { spec += "#" }
        if flags.contains("0") && !leftAligned { spec = (spec.hasPrefix(">") ? String(spec.dropFirst()) : spec) + "0" }
    }
    return spec + rest
}

/// Python's `%g` formatting.
func formatGeneral(_ value: Double, precision: Int, alwaysPoint: Bool) -> String {
    guard value.isFinite else { return pythonFloatRepr(value) }
    if value == 0 { return value.sign == .minus ? "-0" + (alwaysPoint ? ".0" : "") : "0" + (alwaysPoint ? ".0" : "") }
    let scientific = formatScientific(value, precision: precision - 1)
    let exponent = Int(scientific.split(separator: "e").last ?? "0") ?? 0
    var text: String
    if exponent >= -4 && exponent < precision {
        text = formatFixed(value, precision: max(0, precision - 1 - exponent))
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text += alwaysPoint ? "0" : "" }
            if text.hasSuffix(".") { text.removeLast() }
        } else if alwaysPoint {
            text += ".0"
        }
    } else {
        let parts = scientific.split(separator: "e")
        var mantissa = String(parts[0])
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        text = mantissa + "e" + parts[1]
    }
    return text
}

/// Python's repr of a str: single quotes unless the text has one and no double quote.
public func pythonStringRepr(_ text: String) -> String {
    let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
    var output = String(quote)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": output += "\\\\"
        case "\n": output += "\\n"
        case "\r": output += "\\r"
        case "\t": output += "\\t"
        case Unicode.Scalar(UInt8(ascii: quote == "'" ? "'" : "\"")): output += "\\" + String(quote)
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F || (scalar.value >= 0x80 && scalar.value < 0xA0) {
                output += "\\x" + String(scalar.value, radix: 16).leftPadded(2)
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
    }
    output.append(quote)
    return output
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// A parsed format spec: `[[fill]align][sign][0][width][,][.precision][type]`.
struct FormatSpec {
    var fill: Character = " "
    var align: Character?
    var sign: Character?
    var zeroPad = false
    /// `#`: the alternate form, which marks an integer's base (`0x`, `0b`, `0o`).
    var alternate = false
    var width: Int?
    var grouping = false
    var precision: Int?
    var type: Character?

    init(_ spec: String) throws {
        var characters = Array(spec)
        if characters.count >= 2, "<>^=".contains(characters[1]) {
            fill = characters[0]
            align = characters[1]
            characters.removeFirst(2)
        } else if let first = characters.first, "<>^=".contains(first) {
            align = first
            characters.removeFirst()
        }
        if let first = characters.first, "+- ".contains(first) {
            sign = first
            characters.removeFirst()
        }
        if characters.first == "#" {
            alternate = true
            characters.removeFirst()
        }
        if characters.first == "0" {
            zeroPad = true
            characters.removeFirst()
        }
        var digits = ""
        while let first = characters.first, first.isASCII, first.isNumber {
            digits.append(first)
            characters.removeFirst()
        }
        width = try FormatSpec.number(digits)
        if characters.first == "," || characters.first == "_" {
            grouping = true
            characters.removeFirst()
        }
        if characters.first == "." {
            characters.removeFirst()
            var precisionDigits = ""
            while let first = characters.first, first.isASCII, first.isNumber {
                precisionDigits.append(first)
                characters.removeFirst()
            }
            precision = try FormatSpec.number(precisionDigits)
        }
        type = characters.first
    }

    /// A width or precision; Python refuses one that does not fit in its index size.
    private static func number(_ digits: String) throws -> Int? {
        guard !digits.isEmpty else { return nil }
        guard let value = Int(digits) else { throw PythonError.valueError("Too many decimal digits in format string") }
        return value
    }

    func signPrefix(_ nonNegative: Bool) -> String {
        guard nonNegative else { return "" }
        switch sign {
        case "+": return "+"
        case " ": return " "
        default: return ""
        }
    }

    func pad(_ text: String, defaultAlign: Character) -> String {
        guard let width, text.count < width else { return text }
        let padding = width - text.count
        switch align ?? defaultAlign {
        case "<": return text + String(repeating: fill, count: padding)
        case "^":
            let left = padding / 2
            return String(repeating: fill, count: left) + text + String(repeating: fill, count: padding - left)
        default: return String(repeating: fill, count: padding) + text
        }
    }
}
