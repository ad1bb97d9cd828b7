import PySyntax
import Autograd
import TensorEngine

/// How a statement ended, so loops and calls can react to `break`, `continue`, `return`.
enum ControlFlow {
    case normal
    case breakLoop
    case continueLoop
    case returned(Value)
}

extension Interpreter {
    @discardableResult
    func execute(_ statements: [Stmt]) throws -> ControlFlow {
        for statement in statements {
            let flow = try execute(statement)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    /// Whether the code running is the user's own (top level, or a function defined in
    /// this file), whose lines warnings and log records name.
    var runsUserSource: Bool { scope === globals || scope.function?.sourceName == source.name }

    @discardableResult
    func execute(_ statement: Stmt) throws -> ControlFlow {
        // The line warnings and log records name: the innermost statement running, as
        // CPython's stack frame gives it, inside functions defined in this file too.
        if runsUserSource { currentLine = source.line(of: statement.span.start) }
        if !generatorsToClose.isEmpty { closeDroppedGenerators() }
        do {
            return try executeUnlocated(statement)
        } catch var error as PythonError where error.span == nil && !runningLibraryCode {
            // Errors raised by the statement itself (assert, raise, unpacking) point at it.
            error.span = statement.span
            throw error
        } catch let error as TensorError {
            // An engine error from the statement's own work (`t[i] = v` writing out of
            // bounds) becomes a Python exception here, so `except IndexError:` catches it.
            let span = runningLibraryCode ? nil : statement.span
            if error.kind == .interrupted { throw interruptedOperationError(span: span) }
            throw PythonError(error, span: span)
        }
    }

    private func executeUnlocated(_ statement: Stmt) throws -> ControlFlow {
        switch statement.kind {
        case let .expression(expr):
            _ = try evaluate(expr)
        case let .assign(targets, value):
            let result = try evaluate(value)
            for target in targets { try assign(result, to: target) }
        case let .augmentedAssign(target, op, value):
            try executeAugmentedAssign(target, op, value)
        case let .annotatedAssign(target, annotation, value):
            if let value { try assign(try evaluate(value), to: target) }
            // A class body records its annotated names in order, as `@dataclass` reads them.
            if case let .dict(annotations)? = scope.variables["__annotations__"], case let .name(name) = target.kind {
                annotations[.string(name)] = (try? evaluate(annotation)) ?? .none
            }
        case let .if(condition, body, orElse):
            return try execute(try truthy(try evaluate(condition)) ? body : orElse)
        case let .for(target, iterable, body, orElse):
            return try executeFor(target, iterable, body, orElse)
        case let .while(condition, body, orElse):
            while try truthy(try evaluate(condition)) {
                try checkInterrupt()
                switch try execute(body) {
                case .breakLoop: return .normal
                case let .returned(value): return .returned(value)
                default: continue
                }
            }
            return try execute(orElse)
        case .break: return .breakLoop
        case .continue: return .continueLoop
        case .pass: break
        case let .functionDef(name, parameters, body, decorators, isGenerator):
            let definition = try makeFunction(name: name, parameters: parameters, body: .statements(body))
            definition.isGenerator = isGenerator
            var function = Value.function(definition)
            for decorator in decorators.reversed() {
                function = try call(try evaluate(decorator), CallArguments([function]))
            }
            assignName(name, function)
        case let .classDef(name, bases, keywords, body, decorators):
            var classValue = try makeClass(name: name, bases: bases, keywords: keywords, body: body)
            for decorator in decorators.reversed() {
                classValue = try call(try evaluate(decorator), CallArguments([classValue]))
            }
            assignName(name, classValue)
        case let .return(value):
            return .returned(try value.map { try evaluate($0) } ?? .none)
        case let .with(items, body):
            return try executeWith(items, body)
        case let .import(names):
            for name in names { try importModule(name) }
        case let .importFrom(module, names, _):
            try importFrom(module, names)
        case let .assert(test, message):
            if !(try truthy(try evaluate(test))) {
                let text = try message.map { try str(try evaluate($0)) } ?? ""
                throw PythonError("AssertionError", text)
            }
        case let .raise(exception, _):
            throw try makeRaisedError(exception)
        case let .delete(targets):
            for target in targets { try delete(target) }
        case let .global(names):
            scope.globalNames.formUnion(names)
        case let .nonlocal(names):
            guard scope !== globals else {
                throw PythonError("SyntaxError", "nonlocal declaration not allowed at module level")
            }
            scope.nonlocalNames.formUnion(names)
        case let .try(body, handlers, orElse, finally):
            return try executeTry(body, handlers, orElse, finally)
        case let .match(subject, cases):
            return try executeMatch(subject, cases)
        }
        return .normal
    }

    private func executeFor(_ target: Expr, _ iterable: Expr, _ body: [Stmt], _ orElse: [Stmt]) throws -> ControlFlow {
        /// Runs the body for one item; nil means go on to the next item.
        func runBody(_ item: Value) throws -> ControlFlow? {
            try checkInterrupt()
            try assign(item, to: target)
            switch try execute(body) {
            case .breakLoop: return .normal
            case let .returned(value): return .returned(value)
            default: return nil
            }
        }
        let iterableValue = try evaluate(iterable)
        if case let .range(start, _, step) = iterableValue, case let .range(_, stop, _) = iterableValue {
            // Walked lazily: `for i in range(10**18)` is a long loop (stopped by --timeout),
            // not a list of 10**18 items.
            let count = rangeCount(start, stop, step)
            var position: Int64 = 0
            while position < count {
                if let flow = try runBody(.int(start &+ position &* step)) { return flow }
                position += 1
            }
            return try execute(orElse)
        }
        if let lazy = try lazyIterator(iterableValue) ?? protocolIterator(iterableValue) {
            while let item = try lazy.next() {
                if let flow = try runBody(item) { return flow }
            }
            return try execute(orElse)
        }
        for item in try iterate(iterableValue) {
            if let flow = try runBody(item) { return flow }
        }
        return try execute(orElse)
    }

    private func executeTry(_ body: [Stmt], _ handlers: [ExceptHandler], _ orElse: [Stmt], _ finally: [Stmt]) throws -> ControlFlow {
        var flow: ControlFlow = .normal
        do {
            var bodyRaised = false
            do {
                flow = try execute(body)
            } catch let error as PythonError {
                bodyRaised = true
                // A stop from outside (timeout, output limit) is not the program's to catch.
                // The error caught may be one the stop caused mid-statement; report the stop.
                if let stop = stopSignal.error { throw stop }
                guard let handler = try handlers.first(where: { try handlerMatches($0, error) }) else { throw error }
                if let name = handler.name { assignName(name, exceptionValue(error)) }
                flow = try execute(handler.body)
            }
            if !bodyRaised, case .normal = flow { flow = try execute(orElse) }
        } catch {
            try execute(finally)
            throw error
        }
        let finalFlow = try execute(finally)
        if case .normal = finalFlow { return flow }
        return finalFlow
    }

    private func handlerMatches(_ handler: ExceptHandler, _ error: PythonError) throws -> Bool {
        guard let typeExpr = handler.type else { return true }
        let types: [Value]
        if case let .tuple(items) = try evaluate(typeExpr) { types = items } else { types = [try evaluate(typeExpr)] }
        return types.contains { raisedError(error, matches: $0) }
    }

    func exceptionValue(_ error: PythonError) -> Value {
        if let payload = error.payload { return payload }
        // An error raised with no message (a bare `assert`) was raised with no arguments.
        return .native(ExceptionObject(type: error.type, message: error.message, hasArguments: !error.message.isEmpty))
    }

    private func makeRaisedError(_ exception: Expr?) throws -> PythonError {
        guard let exception else { return PythonError.runtimeError("No active exception to reraise") }
        let value = try evaluate(exception)
        switch value {
        case let .native(object as ExceptionObject):
            var error = PythonError(object.type, object.message)
            error.payload = value
            return error
        case let .builtin(builtin) where exceptionHierarchy[builtin.name] != nil || builtin.name == "BaseException":
            return PythonError(builtin.name, "")
        case let .classObject(classObject) where isExceptionClass(classObject):
            var error = PythonError(classObject.name, "")
            error.payload = .native(ExceptionObject(type: classObject.name, message: "", ancestry: classAncestry(classObject), hasArguments: false))
            return error
        default:
            return PythonError.typeError("exceptions must derive from BaseException")
        }
    }

    private func executeAugmentedAssign(_ target: Expr, _ op: BinaryOperator, _ value: Expr) throws {
        switch target.kind {
        case let .name(name):
            let current = try lookup(name)
            let result = try inPlaceOperation(op, current, try evaluate(value))
            assignName(name, result)
            if isObserved { observer?.didStore(into: target, value: result) }
        case let .attribute(objectExpr, attributeName, _):
            let name = mangledAttribute(attributeName)
            let object = try evaluate(objectExpr)
            let current = try attribute(of: object, name)
            let result = try inPlaceOperation(op, current, try evaluate(value))
            try setAttribute(of: object, name, result)
            if isObserved { observer?.didStore(into: target, value: result) }
        case let .subscript(containerExpr, indexExpr):
            let container = try evaluate(containerExpr)
            let index = try evaluate(indexExpr)
            let current = try subscriptValue(container, index)
            let result = try inPlaceOperation(op, current, try evaluate(value))
            try setSubscript(container, index, result)
            if isObserved { observer?.didStore(into: target, value: result) }
        default:
            throw PythonError("SyntaxError", "'\(source.text(of: target.span))' is an illegal expression for augmented assignment")
        }
    }

    /// `a op= b`: tensors and lists change in place, other values rebind.
    func inPlaceOperation(_ op: BinaryOperator, _ current: Value, _ operand: Value) throws -> Value {
        switch current {
        case let .tensor(tensor):
            let result = try binaryOperation(op, current, operand)
            guard case let .tensor(resultTensor) = result else { return result }
            do {
                try Autodiff.assignResult(tensor, resultTensor)
            } catch let error as TensorError {
                throw PythonError(error)
            }
            return current
        case let .list(list) where op == .add:
            list.items += try iterate(operand)
            return current
        case let .native(array as NDArray):
            try numpyInPlace(op, array, operand)
            return current
        default:
            return try binaryOperation(op, current, operand)
        }
    }

    func assign(_ value: Value, to target: Expr) throws {
        switch target.kind {
        case let .name(name):
            assignName(name, value)
        case let .attribute(objectExpr, name, _):
            try setAttribute(of: try evaluate(objectExpr), mangledAttribute(name), value)
        case let .subscript(containerExpr, indexExpr):
            let container = try evaluate(containerExpr)
            try setSubscript(container, try evaluate(indexExpr), value)
            if isObserved { observer?.didStore(into: target, value: value) }
        case let .tuple(targets), let .list(targets):
            try unpack(value, into: targets)
        case let .starred(inner):
            try assign(.list(ListStorage(try iterate(value))), to: inner)
        default:
            throw PythonError("SyntaxError", "cannot assign to expression")
        }
    }

    private func unpack(_ value: Value, into targets: [Expr]) throws {
        let items = try iterate(value)
        if let starIndex = targets.firstIndex(where: { if case .starred = $0.kind { true } else { false } }) {
            let after = targets.count - starIndex - 1
            guard items.count >= targets.count - 1 else {
                throw PythonError.valueError("not enough values to unpack (expected at least \(targets.count - 1), got \(items.count))")
            }
            for index in 0..<starIndex { try assign(items[index], to: targets[index]) }
            try assign(.list(ListStorage(Array(items[starIndex..<(items.count - after)]))), to: targets[starIndex])
            for index in 0..<after { try assign(items[items.count - after + index], to: targets[starIndex + 1 + index]) }
            return
        }
        if items.count > targets.count {
            throw PythonError.valueError("too many values to unpack (expected \(targets.count))")
        }
        if items.count < targets.count {
            throw PythonError.valueError("not enough values to unpack (expected \(targets.count), got \(items.count))")
        }
        for (item, target) in zip(items, targets) { try assign(item, to: target) }
    }

    func makeFunction(name: String, parameters: [Parameter], body: Function.FunctionBody) throws -> Function {
        var defaults: [String: Value] = [:]
        for parameter in parameters {
            if let defaultValue = parameter.defaultValue { defaults[parameter.name] = try evaluate(defaultValue) }
        }
        var closure = scope
        while closure.isClassBody, let enclosing = closure.parent { closure = enclosing }
        if closure.function != nil { closure.definesClosures = true }
        let function = Function(name: name, parameters: parameters, body: body, defaults: defaults, closure: closure)
        function.sourceName = source.name
        return function
    }

    private func makeClass(name: String, bases: [Expr], keywords: [Argument], body: [Stmt]) throws -> Value {
        var baseClasses: [ClassObject] = []
        var isModule = false
        var nativeBase: Builtin?
        var builtinBase: Builtin?
        var isNamedTuple = false
        for base in bases {
            let value = try evaluate(base)
            switch value {
            case let .classObject(classObject): baseClasses.append(classObject)
            case let .native(object) where object is ModuleBaseClass: isModule = true
            case .native(is TypingNamedTuple): isNamedTuple = true
            case let type where subclassableBuiltinType(type) != nil: builtinBase = subclassableBuiltinType(type)
            default:
                if case let .builtin(builtin) = value, let twin = subclassTwin(of: builtin) {
                    baseClasses.append(twin)
                } else if let factory = nativeModuleFactory(value) {
                    isModule = true
                    nativeBase = factory
                }
            }
        }
        let classKeywords = try evaluateArguments(keywords).keywords
        try ClassLinearization.check(bases: baseClasses)
        let classScope = Scope(parent: scope)
        classScope.isClassBody = true
        classScope.variables["__annotations__"] = .dict(DictStorage())
        let saved = scope
        scope = classScope
        defer { scope = saved }
        try execute(body)
        let docstring = if case let .expression(first)? = body.first?.kind, case let .string(text) = first.kind { text } else { String?.none }
        if isNamedTuple { return try namedTupleClass(named: name, body: classScope, docstring: docstring) }
        let classObject = ClassObject(name: name, attributes: classScope.variables, bases: baseClasses)
        if let docstring { classObject.attributes["__doc__"] = .string(docstring) }
        for key in Array(classObject.attributes.keys) where privateName(key) {
            classObject.attributes[mangled(key, className: name)] = classObject.attributes.removeValue(forKey: key)
        }
        for case let .function(function) in classObject.attributes.values { function.definingClass = classObject }
        for case let .native(decorated as DecoratedFunction) in classObject.attributes.values { decorated.function.definingClass = classObject }
        for case let (name, .native(descriptor as ClassBodyDescriptor)) in classObject.attributes {
            descriptor.name = name
            for function in descriptor.functions { function.definingClass = classObject }
        }
        if isModule { classObject.attributes["__tensortutor_module__"] = .bool(true) }
        if let nativeBase { classObject.attributes["__tensortutor_native_base__"] = .builtin(nativeBase) }
        if let builtinBase { classObject.attributes[Self.builtinBaseAttribute] = .builtin(builtinBase) }
        classObject.abstractMethods = abstractMethodNames(classObject)
        try makeEnumMembersIfEnum(classObject, body: body)
        try runInitSubclass(of: classObject, keywords: classKeywords)
        return .classObject(classObject)
    }
}

/// Names that Python mangles inside a class: `__name`, but not dunder names like `__init__`.
func privateName(_ name: String) -> Bool { name.hasPrefix("__") && !name.hasSuffix("__") }

/// `__name` in class `_C` becomes `_C__name` (leading underscores of the class name dropped).
func mangled(_ name: String, className: String) -> String {
    let stripped = className.drop { $0 == "_" }
    return stripped.isEmpty ? name : "_\(stripped)\(name)"
}

extension Interpreter {
    /// Python's private name mangling: inside the methods of class C (and functions nested
    /// in them), `x.__name` means `x._C__name`.
    func mangledAttribute(_ name: String) -> String {
        guard privateName(name) else { return name }
        var current: Scope? = scope
        while let candidate = current {
            if let owner = candidate.function?.definingClass { return mangled(name, className: owner.name) }
            current = candidate.parent
        }
        return name
    }
}
