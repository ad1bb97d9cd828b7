import Diagnostics
import PySyntax

// A compact S-expression rendering of the syntax tree, so tests can state the shape
// of a parse in one line: `1 + 2 * 3` is `(+ 1 (* 2 3))`.

func sExpression(_ expression: Expr) -> String {
    switch expression.kind {
    case .name(let name): return name
    case .int(let value, let digits): return value.map { String($0) } ?? "big:\(digits)"
    case .float(let value): return "\(value)"
    case .string(let text): return quoted(text)
    case .formattedString(let parts): return "(f" + parts.map { " " + sExpression($0) }.joined() + ")"
    case .bool(let value): return value ? "True" : "False"
    case .none: return "None"
    case .ellipsis: return "..."
    case .list(let elements): return list("list", elements.map(sExpression))
    case .tuple(let elements): return list("tuple", elements.map(sExpression))
    case .set(let elements): return list("set", elements.map(sExpression))
    case .dict(let entries):
        return list("dict", entries.map { entry in
            entry.key.map { "(\(sExpression($0)) \(sExpression(entry.value)))" } ?? "(** \(sExpression(entry.value)))"
        })
    case .unary(let op, let operand): return list(op.rawValue, [sExpression(operand)])
    case .binary(let op, let left, let right): return list(op.rawValue, [sExpression(left), sExpression(right)])
    case .boolean(let op, let left, let right): return list(op.rawValue, [sExpression(left), sExpression(right)])
    case .compare(let first, let rest):
        return list("cmp", [sExpression(first)] + rest.flatMap { [$0.0.rawValue, sExpression($0.1)] })
    case .conditional(let condition, let then, let otherwise):
        return list("if", [sExpression(condition), sExpression(then), sExpression(otherwise)])
    case .call(let callee, let arguments): return list("call", [sExpression(callee)] + arguments.map(sExpression))
    case .attribute(let value, let name, _): return list(".", [sExpression(value), name])
    case .subscript(let value, let index): return list("[]", [sExpression(value), sExpression(index)])
    case .slice(let lower, let upper, let step):
        return list("slice", [lower, upper, step].map { $0.map(sExpression) ?? "_" })
    case .lambda(let parameters, let body):
        return list("lambda", [list("params", parameters.map(sExpression)), sExpression(body)])
    case .listComprehension(let element, let generators):
        return list("listcomp", [sExpression(element)] + generators.map(sExpression))
    case .generator(let element, let generators):
        return list("genexp", [sExpression(element)] + generators.map(sExpression))
    case .dictComprehension(let key, let value, let generators):
        return list("dictcomp", [sExpression(key), sExpression(value)] + generators.map(sExpression))
    case .setComprehension(let element, let generators):
        return list("setcomp", [sExpression(element)] + generators.map(sExpression))
    case .starred(let value): return list("*", [sExpression(value)])
    case .namedExpr(let name, let value): return list(":=", [name, sExpression(value)])
    case .yield(let value): return list("yield", value.map { [sExpression($0)] } ?? [])
    case .yieldFrom(let value): return list("yield-from", [sExpression(value)])
    }
}

func sExpression(_ part: FStringPart) -> String {
    switch part {
    case .literal(let text): return quoted(text)
    case .field(let expression, let conversion, let spec):
        var items = [sExpression(expression)]
        if let conversion { items.append("!\(conversion)") }
        if !spec.isEmpty { items.append(list("spec", spec.map(sExpression))) }
        return list("field", items)
    }
}

func sExpression(_ argument: Argument) -> String {
    switch argument.kind {
    case .positional: return sExpression(argument.value)
    case .keyword(let name): return "\(name)=\(sExpression(argument.value))"
    case .unpack: return "*" + sExpression(argument.value)
    case .unpackKeywords: return "**" + sExpression(argument.value)
    }
}

func sExpression(_ parameter: Parameter) -> String {
    let prefix: String = switch parameter.kind {
    case .normal: ""
    case .variadic: "*"
    case .keywordVariadic: "**"
    case .keywordOnly: "kw:"
    }
    return prefix + parameter.name + (parameter.defaultValue.map { "=" + sExpression($0) } ?? "")
}

func sExpression(_ comprehension: Comprehension) -> String {
    list("for", [sExpression(comprehension.target), sExpression(comprehension.iterable)]
        + comprehension.conditions.map { list("if", [sExpression($0)]) })
}

func sExpression(_ statement: Stmt) -> String {
    switch statement.kind {
    case .expression(let expression): return sExpression(expression)
    case .assign(let targets, let value): return list("=", (targets + [value]).map(sExpression))
    case .augmentedAssign(let target, let op, let value): return list(op.rawValue + "=", [sExpression(target), sExpression(value)])
    case .annotatedAssign(let target, let annotation, let value):
        return list(":", [sExpression(target), sExpression(annotation)] + (value.map { [sExpression($0)] } ?? []))
    case .if(let condition, let body, let orElse):
        return list("if", [sExpression(condition), block(body)] + (orElse.isEmpty ? [] : [block(orElse)]))
    case .for(let target, let iterable, let body, let orElse):
        return list("for", [sExpression(target), sExpression(iterable), block(body)] + (orElse.isEmpty ? [] : [block(orElse)]))
    case .while(let condition, let body, let orElse):
        return list("while", [sExpression(condition), block(body)] + (orElse.isEmpty ? [] : [block(orElse)]))
    case .break: return "break"
    case .continue: return "continue"
    case .pass: return "pass"
    case .functionDef(let name, let parameters, let body, let decorators, let isGenerator):
        return list(isGenerator ? "def-generator" : "def", decorators.map { "@" + sExpression($0) } + [name, list("params", parameters.map(sExpression)), block(body)])
    case .classDef(let name, let bases, let keywords, let body, let decorators):
        let arguments = list("bases", bases.map(sExpression) + keywords.map(sExpression))
        return list("class", decorators.map { "@" + sExpression($0) } + [name, arguments, block(body)])
    case .return(let value): return list("return", value.map { [sExpression($0)] } ?? [])
    case .with(let items, let body):
        return list("with", items.map { item in
            item.target.map { "(as \(sExpression(item.context)) \(sExpression($0)))" } ?? sExpression(item.context)
        } + [block(body)])
    case .import(let names): return list("import", names.map(sExpression))
    case .importFrom(let module, let names, let level):
        return list("from", [String(repeating: ".", count: level) + module] + names.map(sExpression))
    case .assert(let test, let message): return list("assert", [sExpression(test)] + (message.map { [sExpression($0)] } ?? []))
    case .raise(let exception, let cause):
        return list("raise", (exception.map { [sExpression($0)] } ?? []) + (cause.map { ["from", sExpression($0)] } ?? []))
    case .delete(let targets): return list("del", targets.map(sExpression))
    case .global(let names): return list("global", names)
    case .nonlocal(let names): return list("nonlocal", names)
    case .try(let body, let handlers, let orElse, let finally):
        var items = [block(body)]
        for handler in handlers {
            var parts: [String] = []
            if let type = handler.type { parts.append(sExpression(type)) }
            if let name = handler.name { parts.append("as " + name) }
            items.append(list("except", parts + [block(handler.body)]))
        }
        if !orElse.isEmpty { items.append(list("else", [block(orElse)])) }
        if !finally.isEmpty { items.append(list("finally", [block(finally)])) }
        return list("try", items)
    case .match(let subject, let cases):
        return list("match", [sExpression(subject)] + cases.map { matchCase in
            list("case", [sExpression(matchCase.pattern)] + (matchCase.guardCondition.map { ["if", sExpression($0)] } ?? []) + [block(matchCase.body)])
        })
    }
}

func sExpression(_ pattern: Pattern) -> String {
    switch pattern.kind {
    case .value(let expression), .singleton(let expression): return sExpression(expression)
    case .capture(let name): return name ?? "_"
    case .star(let name): return "*" + (name ?? "_")
    case .sequence(let elements): return list("seq", elements.map(sExpression))
    case .mapping(let keys, let values, let rest):
        return list("map", zip(keys, values).map { "\(sExpression($0)):\(sExpression($1))" } + (rest.map { ["**" + $0] } ?? []))
    case .classPattern(let type, let positional, let keywords):
        return list("cls", [sExpression(type)] + positional.map(sExpression) + keywords.map { "\($0.name)=\(sExpression($0.pattern))" })
    case .or(let alternatives): return list("|", alternatives.map(sExpression))
    case .as(let inner, let name): return list("as", [sExpression(inner), name])
    }
}

func sExpression(_ name: ImportName) -> String {
    name.alias.map { "\(name.name) as \($0)" } ?? name.name
}

private func block(_ statements: [Stmt]) -> String {
    "{" + statements.map(sExpression).joined(separator: "; ") + "}"
}

private func list(_ head: String, _ items: [String]) -> String {
    "(" + ([head] + items).joined(separator: " ") + ")"
}

private func quoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences("\\", with: "\\\\").replacingOccurrences("\"", with: "\\\"").replacingOccurrences("\n", with: "\\n") + "\""
}

extension String {
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

// MARK: Parsing helpers for tests

func parseExpr(_ text: String) throws -> Expr {
    try PythonParser.parseExpression(SourceFile(name: "<test>", text: text))
}

func parseModule(_ text: String) throws -> Module {
    try PythonParser.parseModule(SourceFile(name: "<test>", text: text))
}

/// The S-expression of a single expression, or the error message.
func shape(_ text: String) -> String {
    do { return sExpression(try parseExpr(text)) } catch { return "error: \((error as? ParseError)?.message ?? "\(error)")" }
}

/// The S-expressions of a module's statements, joined with "; ", or the error message.
func program(_ text: String) -> String {
    do {
        return try parseModule(text).body.map(sExpression).joined(separator: "; ")
    } catch {
        return "error: \((error as? ParseError)?.message ?? "\(error)")"
    }
}

/// The error that parsing `text` as a module gives, or nil if it parses.
func parseError(_ text: String) -> ParseError? {
    do {
        _ = try parseModule(text)
        return nil
    } catch {
        return error as? ParseError
    }
}
