import PySyntax
import TensorEngine

extension Interpreter {
    /// Evaluates `expr`. An error that has no span yet gets this node's span, so the
    /// caret lands under the innermost sub-expression that failed.
    func evaluate(_ expr: Expr) throws -> Value {
        let value: Value
        evaluationDepth &+= 1
        defer { evaluationDepth &-= 1 }
        do {
            if evaluationDepth & 7 == 0 { try NativeStack.check() }
            value = try evaluateUnobserved(expr)
        } catch var error as PythonError {
            // An op stopped by the engine may reach here already converted by a builtin.
            let span = runningLibraryCode ? nil : expr.span
            if error.type == "KeyboardInterrupt", stopSignal.error != nil { throw interruptedOperationError(span: span) }
            if error.span == nil { error.span = span }
            throw error
        } catch let error as TensorError {
            let span = runningLibraryCode ? nil : expr.span
            if error.kind == .interrupted { throw interruptedOperationError(span: span) }
            throw PythonError(error, span: span)
        }
        if isObserved, !runningLibraryCode { observer?.didEvaluate(expr, value: value) }
        return value
    }

    private func evaluateUnobserved(_ expr: Expr) throws -> Value {
        switch expr.kind {
        case let .name(name): return try lookup(name)
        case let .int(value, digits):
            guard let value else {
                guard let big = try PythonIntLiteral.parseValue(digits, base: 0) else { throw PythonError("SyntaxError", "invalid decimal literal") }
                return big
            }
            return .int(value)
        case let .float(value): return .float(value)
        case let .string(text): return .string(text)
        case let .formattedString(parts): return .string(try formatParts(parts))
        case let .bool(flag): return .bool(flag)
        case .none: return .none
        case .ellipsis: return .ellipsis
        case let .list(items): return .list(ListStorage(try evaluateSequence(items)))
        case let .tuple(items): return .tuple(try evaluateSequence(items))
        case let .set(items): return try makeCheckedSet(try evaluateSequence(items))
        case let .dict(entries): return try evaluateDict(entries)
        case let .unary(op, operand): return try unaryOperation(op, try evaluate(operand))
        case let .binary(op, left, right):
            let lhs = try evaluate(left)
            let rhs = try evaluate(right)
            try checkInterrupt()
            return try binaryOperation(op, lhs, rhs)
        case let .boolean(op, left, right):
            let lhs = try evaluate(left)
            let leftTruth = try truthy(lhs)
            switch op {
            case .and: return leftTruth ? try evaluate(right) : lhs
            case .or: return leftTruth ? lhs : try evaluate(right)
            }
        case let .compare(first, rest): return try evaluateComparison(first, rest)
        case let .conditional(condition, then, otherwise):
            return try truthy(try evaluate(condition)) ? try evaluate(then) : try evaluate(otherwise)
        case let .call(callee, arguments): return try evaluateCall(callee, arguments, at: expr.span.start)
        case let .attribute(object, name, _): return try attribute(of: try evaluate(object), mangledAttribute(name))
        case let .subscript(container, index):
            let containerValue = try evaluate(container)
            return try subscriptValue(containerValue, try evaluate(index))
        case let .slice(lower, upper, step):
            return .slice(
                start: try lower.map { try evaluate($0) } ?? .none,
                stop: try upper.map { try evaluate($0) } ?? .none,
                step: try step.map { try evaluate($0) } ?? .none)
        case let .lambda(parameters, body):
            return .function(try makeFunction(name: "<lambda>", parameters: parameters, body: .expression(body)))
        case .listComprehension, .generator, .setComprehension, .dictComprehension:
            return try evaluateComprehension(expr.kind)
        case .starred:
            throw PythonError("SyntaxError", "can't use starred expression here")
        case let .namedExpr(name, value):
            return try assignNamed(name, try evaluate(value))
        case let .yield(value):
            return try yieldToConsumer(try value.map { try evaluate($0) } ?? .none)
        case let .yieldFrom(iterable):
            return try yieldEach(of: try evaluate(iterable))
        }
    }

    /// A list, set or dict comprehension, or a generator expression.
    private func evaluateComprehension(_ kind: ExprKind) throws -> Value {
        switch kind {
        case let .generator(element, generators):
            return try makeGeneratorExpression(element: element, generators: generators)
        case let .listComprehension(element, generators):
            // Built in a list from the start, so its items count against the memory budget as they come.
            let results = ListStorage([])
            try comprehend(generators[...], collectsEveryItem: true) {
                let item = try self.evaluate(element)
                try self.limits.checkItems(results.items.count + 1)
                results.items.append(item)
            }
            return .list(results)
        case let .setComprehension(element, generators):
            let results = ListStorage([])
            results.isSet = true
            try comprehend(generators[...], collectsEveryItem: true) {
                let item = try self.evaluate(element)
                try self.limits.checkItems(results.items.count + 1)
                try self.requireHashable(item)
                results.setInsert(item)
            }
            return .list(results)
        case let .dictComprehension(key, value, generators):
            let dict = DictStorage()
            try comprehend(generators[...]) {
                let keyValue = try self.evaluate(key)
                try self.requireHashable(keyValue)
                dict[keyValue] = try self.evaluate(value)
            }
            return .dict(dict)
        default:
            throw PythonError("SystemError", "not a comprehension")
        }
    }

    private func evaluateSequence(_ items: [Expr]) throws -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(items.count)
        for item in items {
            if case let .starred(inner) = item.kind {
                values += try iterate(try evaluate(inner))
            } else {
                values.append(try evaluate(item))
            }
        }
        return values
    }

    private func evaluateDict(_ entries: [DictEntry]) throws -> Value {
        let dict = DictStorage()
        for entry in entries {
            if let key = entry.key {
                let keyValue = try evaluate(key)
                try requireHashable(keyValue)
                dict[keyValue] = try evaluate(entry.value)
            } else {
                let unpacked = try evaluate(entry.value)
                guard case let .dict(other) = unwrappingBuiltinSubclass(unpacked) else {
                    throw PythonError.typeError("'\(unpacked.typeName)' object is not a mapping")
                }
                for (key, value) in other.entries { dict[key] = value }
            }
        }
        return .dict(dict)
    }

    /// Runs nested `for`/`if` clauses of a comprehension in a scope of their own.
    /// `name := value`: inside a comprehension the name belongs to the enclosing function, as in Python.
    private func assignNamed(_ name: String, _ value: Value) throws -> Value {
        let comprehension = scope
        while scope.isComprehension, let parent = scope.parent { scope = parent }
        assignName(name, value)
        scope = comprehension
        return value
    }

    private func comprehend(_ generators: ArraySlice<Comprehension>, collectsEveryItem: Bool = false, _ body: () throws -> Void) throws {
        let saved = scope
        scope = Scope(parent: saved)
        scope.isComprehension = true
        defer { scope = saved }
        try comprehendLevel(generators, collectsEveryItem: collectsEveryItem, body)
    }

    private func comprehendLevel(_ generators: ArraySlice<Comprehension>, collectsEveryItem: Bool = false, _ body: () throws -> Void) throws {
        guard let first = generators.first else { return try body() }
        func visit(_ item: Value) throws {
            try checkInterrupt()
            try assign(item, to: first.target)
            if try first.conditions.allSatisfy({ try truthy(try evaluate($0)) }) {
                try comprehendLevel(generators.dropFirst(), body)
            }
        }
        let iterable = try evaluate(first.iterable)
        // A range is walked lazily, as in a `for` statement: `[x for x in range(10**8)]`
        // ends at the item or memory limit, not by materializing the range first.
        if case let .range(start, stop, step) = iterable {
            let count = rangeCount(start, stop, step)
            // `[i for i in range(10**18)]` would hold every item: refused before the walk.
            if generators.count == 1, first.conditions.isEmpty, collectsEveryItem { try limits.checkItems(count) }
            var position: Int64 = 0
            while position < count {
                try visit(.int(start &+ position &* step))
                position += 1
            }
            return
        }
        for item in try iterate(iterable) { try visit(item) }
    }

    private func evaluateComparison(_ first: Expr, _ rest: [(CompareOperator, Expr)]) throws -> Value {
        var left = try evaluate(first)
        var result: Value = .bool(true)
        for (op, rightExpr) in rest {
            let right = try evaluate(rightExpr)
            result = try compare(op, left, right)
            if rest.count > 1, !(try truthy(result)) { return result }
            left = right
        }
        return result
    }

    private func evaluateCall(_ calleeExpr: Expr, _ arguments: [Argument], at start: Int) throws -> Value {
        let callee = try evaluate(calleeExpr)
        let callArguments = try evaluateArguments(arguments)
        try checkInterrupt()
        // A warning names the line of the call that raised it, as CPython's frame does,
        // not the first line of a statement that spans several.
        if runsUserSource { currentLine = source.line(of: start) }
        return try call(callee, callArguments)
    }

    /// The values of a call's arguments, with `*args` and `**kwargs` unpacked.
    func evaluateArguments(_ arguments: [Argument]) throws -> CallArguments {
        var callArguments = CallArguments()
        for argument in arguments {
            switch argument.kind {
            case .positional:
                callArguments.positional.append(try evaluate(argument.value))
            case let .keyword(name):
                callArguments.keywords.append((name, try evaluate(argument.value)))
            case .unpack:
                callArguments.positional += try iterate(try evaluate(argument.value))
            case .unpackKeywords:
                guard case let .dict(dict) = unwrappingBuiltinSubclass(try evaluate(argument.value)) else {
                    throw PythonError.typeError("argument after ** must be a mapping")
                }
                for (key, value) in dict.entries {
                    guard case let .string(name) = key else { throw PythonError.typeError("keywords must be strings") }
                    callArguments.keywords.append((name, value))
                }
            }
        }
        return callArguments
    }

    /// Calls any callable value.
    public func call(_ callee: Value, _ arguments: CallArguments) throws -> Value {
        switch callee {
        case let .builtin(builtin):
            let result = try builtin.body(self, arguments)
            // Every factory takes `requires_grad=`; it applies to the tensor made.
            if !arguments.keywords.isEmpty, case let .tensor(tensor) = result,
               let flag = arguments.keywords.first(where: { $0.name == "requires_grad" })?.value, try truthy(flag) {
                try tensor.setRequiresGrad(true, source: .factory)
            }
            markLostGradient(builtin, arguments, result)
            return result
        case let .function(function):
            return try callFunction(function, arguments)
        case let .classObject(classObject):
            return try instantiate(classObject, arguments)
        case let .instance(instance):
            if let method = instance.classObject.lookup("__call__") {
                return try call(method, arguments.prepending(.instance(instance)))
            }
            if let registry = instance.moduleRegistry {
                return try callModule(callee, registry, arguments) { arguments in
                    try call(try moduleForward(instance), arguments)
                }
            }
        case let .native(object):
            if let result = try object.call(self, arguments) { return result }
        default: break
        }
        throw PythonError.typeError("'\(callee.typeName)' object is not callable")
    }

    func callFunction(_ function: Function, _ arguments: CallArguments) throws -> Value {
        guard callDepth < maxCallDepth else {
            throw PythonError("RecursionError", "maximum recursion depth exceeded")
        }
        let callScope = Scope(parent: function.closure)
        callScope.function = function
        try bindParameters(function, arguments, into: callScope)
        if function.isGenerator, case let .statements(body) = function.body {
            return try makeGenerator(function, body, callScope)
        }
        let saved = scope, savedLine = currentLine
        scope = callScope
        callDepth += 1
        defer {
            scope = saved
            currentLine = savedLine
            callDepth -= 1
            if callScope.definesClosures { callScope.releaseOwnClosures() }
        }
        switch function.body {
        case let .expression(expr):
            return try evaluate(expr)
        case let .statements(body):
            if case let .returned(value) = try execute(body) { return value }
            return .none
        }
    }

    /// Binds a call's arguments to a user function's parameters, raising CPython's errors in
    /// CPython's order: keyword problems, then too many positionals, then every missing name.
    private func bindParameters(_ function: Function, _ arguments: CallArguments, into callScope: Scope) throws {
        let name = function.qualifiedName
        let parameters = function.parameters
        let normal = parameters.filter { $0.kind == .normal }
        let hasVariadic = parameters.contains { $0.kind == .variadic }
        let keywordVariadic = parameters.first { $0.kind == .keywordVariadic }?.name
        let positionalCount = arguments.positional.count
        var extraKeywords: [(name: String, value: Value)] = []
        for keyword in arguments.keywords {
            let target = parameters.first { $0.name == keyword.name && ($0.kind == .normal || $0.kind == .keywordOnly) }
            guard let target else {
                guard keywordVariadic != nil else {
                    throw PythonError.typeError("\(name)() got an unexpected keyword argument '\(keyword.name)'")
                }
                extraKeywords.append(keyword)
                continue
            }
            if target.kind == .normal, let slot = normal.firstIndex(where: { $0.name == target.name }), slot < positionalCount {
                throw PythonError.typeError("\(name)() got multiple values for argument '\(keyword.name)'")
            }
        }
        if positionalCount > normal.count && !hasVariadic {
            let required = normal.filter { function.defaults[$0.name] == nil }.count
            let takes = required == normal.count ? "\(normal.count)" : "from \(required) to \(normal.count)"
            throw PythonError.typeError("\(name)() takes \(takes) positional argument\(normal.count == 1 ? "" : "s") but "
                                        + "\(positionalCount) \(positionalCount == 1 ? "was" : "were") given")
        }
        var missingPositional: [String] = [], missingKeywordOnly: [String] = []
        for parameter in parameters {
            switch parameter.kind {
            case .variadic:
                callScope.variables[parameter.name] = .tuple(Array(arguments.positional.dropFirst(normal.count)))
            case .keywordVariadic:
                callScope.variables[parameter.name] = .dict(DictStorage(extraKeywords.map { (Value.string($0.name), $0.value) }))
            case .normal, .keywordOnly:
                if parameter.kind == .normal, let index = normal.firstIndex(where: { $0.name == parameter.name }),
                   index < positionalCount {
                    callScope.variables[parameter.name] = arguments.positional[index]
                } else if let keyword = arguments.keywords.last(where: { $0.name == parameter.name }) {
                    callScope.variables[parameter.name] = keyword.value
                } else if let defaultValue = function.defaults[parameter.name] {
                    callScope.variables[parameter.name] = defaultValue
                } else if parameter.kind == .normal {
                    missingPositional.append(parameter.name)
                } else {
                    missingKeywordOnly.append(parameter.name)
                }
            }
        }
        if !missingPositional.isEmpty {
            throw PythonError.typeError(missingMessage(name, missingPositional, kind: "positional"))
        }
        if !missingKeywordOnly.isEmpty {
            throw PythonError.typeError(missingMessage(name, missingKeywordOnly, kind: "keyword-only"))
        }
    }

    /// `f() missing 2 required positional arguments: 'a' and 'b'`, as CPython lists names.
    private func missingMessage(_ function: String, _ names: [String], kind: String) -> String {
        let quoted = names.map { "'\($0)'" }
        let list = quoted.count == 1 ? quoted[0]
            : quoted.dropLast().joined(separator: ", ") + (quoted.count > 2 ? "," : "") + " and " + quoted.last!
        return "\(function)() missing \(names.count) required \(kind) argument\(names.count == 1 ? "" : "s"): \(list)"
    }

    /// Renders the parts of an f-string.
    func formatParts(_ parts: [FStringPart]) throws -> String {
        var text = ""
        for part in parts {
            switch part {
            case let .literal(literal):
                text += literal
            case let .field(expr, conversion, specParts):
                var value = try evaluate(expr)
                if conversion == "r" { value = .string(try repr(value)) }
                if conversion == "s" { value = .string(try str(value)) }
                text += try format(value, spec: try formatParts(specParts))
            }
        }
        return text
    }
}
