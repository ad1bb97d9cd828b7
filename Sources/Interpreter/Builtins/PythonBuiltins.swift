import Glibc
import PySyntax
import Autograd
import TensorEngine

/// Python's builtin functions, over the language's values.
extension Interpreter {
    func makePythonBuiltins() -> [String: Value] {
        var table: [String: Value] = [:]
        func define(_ name: String, _ body: @escaping Builtin.Body) {
            table[name] = .builtin(Builtin(name, body))
        }
        define("print") { interpreter, arguments in
            let bound = try arguments.bind("print", ["*", "sep", "end", "file", "flush"], variadic: true)
            let separator = try bound.string("sep", default: " ")
            let end = try bound.string("end", default: "\n")
            let text = try bound.extra.map { try interpreter.str($0) }.joined(separator: separator)
            interpreter.output?.write(text + end)
            return .none
        }
        define("len") { interpreter, arguments in
            let bound = try arguments.bind("len", ["obj"])
            return .int(Int64(try interpreter.length(try bound.value("obj"))))
        }
        define("range") { interpreter, arguments in
            if arguments.positional.contains(where: \.isBigInt) {
                return try BigRangeObject.make(arguments.positional.map { try $0.bigInt ?? BigInt(interpreter.pythonInt($0)) })
            }
            let values = try arguments.positional.map { try interpreter.pythonInt($0) }
            switch values.count {
            case 1: return .range(start: 0, stop: values[0], step: 1)
            case 2: return .range(start: values[0], stop: values[1], step: 1)
            case 3:
                guard values[2] != 0 else { throw PythonError.valueError("range() arg 3 must not be zero") }
                return .range(start: values[0], stop: values[1], step: values[2])
            default: throw PythonError.typeError("range expected at most 3 arguments, got \(values.count)")
            }
        }
        define("enumerate") { interpreter, arguments in
            let bound = try arguments.bind("enumerate", ["iterable", "start"])
            let start = Int64(try bound.int("start", default: 0))
            let items = try interpreter.iterate(try bound.value("iterable"))
            guard items.isEmpty || start <= Int64.max - Int64(items.count - 1) else {
                throw PythonError.overflow("enumerate: the count would not fit in 64 bits")
            }
            return .native(IteratorObject(kind: "enumerate", items: items.enumerated().map { .tuple([.int(start + Int64($0)), $1]) }))
        }
        define("zip") { interpreter, arguments in
            // Endless iterators (itertools.count()) give only as many items as the finite ones;
            // with no finite one, the zip is endless too.
            if let endless = zipOfEndless(arguments.positional) { return endless }
            // Each argument is iterated once: a generator (`model.parameters()`) is used up by it.
            let finite = try arguments.positional.map { $0.isLazyIterator ? nil : try interpreter.iterate($0) }
            let shortest = finite.compactMap { $0?.count }.min() ?? (arguments.positional.isEmpty ? 0 : interpreter.limits.maxContainerItems)
            let sequences = try zip(arguments.positional, finite).map { value, items in
                try items.map { Array($0.prefix(shortest)) } ?? interpreter.prefix(of: value, shortest)
            }
            let count = sequences.map(\.count).min() ?? 0
            return .native(IteratorObject(kind: "zip", items: (0..<count).map { index in .tuple(sequences.map { $0[index] }) }))
        }
        define("reversed") { interpreter, arguments in
            let bound = try arguments.bind("reversed", ["sequence"])
            return .native(IteratorObject(kind: "reversed", items: try interpreter.iterate(try bound.value("sequence")).reversed()))
        }
        define("iter") { interpreter, arguments in
            let bound = try arguments.bind("iter", ["object"])
            let object = try bound.value("object")
            if let lazy = interpreter.lazyIterator(object) { return .native(lazy) }
            if case let .instance(instance) = object, instance.classObject.lookup("__iter__") != nil {
                let result = try interpreter.call(try interpreter.attribute(of: object, "__iter__"), CallArguments([]))
                // An iterator of a user class is handed back as itself, so `next()` reaches its `__next__`.
                if case let .instance(iterator) = result, iterator.classObject.lookup("__next__") != nil { return result }
                return .native(try interpreter.iteratorFromIterResult(result))
            }
            if let lazy = try interpreter.protocolIterator(object) { return .native(lazy) }
            return .native(IteratorObject(kind: "iterator", items: try interpreter.iterate(object)))
        }
        define("next") { interpreter, arguments in
            guard !arguments.positional.isEmpty else { throw PythonError.typeError("next expected at least 1 argument, got 0") }
            if case let .instance(instance)? = arguments.positional.first {
                guard let nextMethod = instance.classObject.lookup("__next__") else {
                    throw PythonError.typeError("'\(instance.classObject.name)' object is not an iterator")
                }
                if let item = try interpreter.callNext(nextMethod, on: arguments.positional[0]) { return item }
                if arguments.positional.count > 1 { return arguments.positional[1] }
                throw PythonError("StopIteration", "")
            }
            if case let .native(lazy as LazyIterator)? = arguments.positional.first {
                if let item = try lazy.next() { return item }
                if arguments.positional.count > 1 { return arguments.positional[1] }
                throw PythonError("StopIteration", "")
            }
            guard case let .native(object as IteratorObject)? = arguments.positional.first else {
                throw PythonError.typeError("'\(arguments.positional.first?.typeName ?? "NoneType")' object is not an iterator")
            }
            guard !object.items.isEmpty else {
                if arguments.positional.count > 1 { return arguments.positional[1] }
                throw PythonError("StopIteration", "")
            }
            return object.items.removeFirst()
        }
        define("map") { interpreter, arguments in
            guard let function = arguments.positional.first else { throw PythonError.typeError("map() must have at least two arguments.") }
            let sequences = try arguments.positional.dropFirst().map { try interpreter.iterate($0) }
            let count = sequences.map(\.count).min() ?? 0
            let items = try (0..<count).map { index in try interpreter.call(function, CallArguments(sequences.map { $0[index] })) }
            return .native(IteratorObject(kind: "map", items: items))
        }
        define("filter") { interpreter, arguments in
            let bound = try arguments.bind("filter", ["function", "iterable"])
            let function = try bound.value("function")
            let items = try interpreter.iterate(try bound.value("iterable")).filter { item in
                try interpreter.truthy(function.isNone ? item : try interpreter.call(function, CallArguments([item])))
            }
            return .native(IteratorObject(kind: "filter", items: items))
        }
        define("int") { interpreter, arguments in
            let bound = try arguments.bind("int", ["x", "base"])
            guard let value = bound.values["x"] else { return .int(0) }
            return try interpreter.convertToInt(value, base: try bound.optionalInt("base"))
        }
        define("float") { interpreter, arguments in
            let bound = try arguments.bind("float", ["x"])
            guard let value = bound.values["x"] else { return .float(0) }
            return .float(try interpreter.convertToFloat(value))
        }
        define("bool") { interpreter, arguments in
            let bound = try arguments.bind("bool", ["x"])
            guard let value = bound.values["x"] else { return .bool(false) }
            return .bool(try interpreter.truthy(value))
        }
        define("str") { interpreter, arguments in
            let bound = try arguments.bind("str", ["object"])
            guard let value = bound.values["object"] else { return .string("") }
            return .string(try interpreter.str(value))
        }
        define("repr") { interpreter, arguments in
            .string(try interpreter.repr(try arguments.bind("repr", ["obj"]).value("obj")))
        }
        define("abs") { interpreter, arguments in
            let value = try arguments.bind("abs", ["x"]).value("x")
            switch value {
            case let .int(number):
                guard number != .min else { return try .integer(BigInt(number).magnitude) }
                return .int(Swift.abs(number))
            case let .float(number): return .float(Swift.abs(number))
            case let .native(big as BigIntObject): return try .integer(big.value.magnitude)
            case let .bool(flag): return .int(flag ? 1 : 0)
            case let .tensor(tensor): return .tensor(try Autodiff.unary(.abs, tensor))
            case let .native(object) where value.isNumPy: return numpyResult(try interpreter.numpyArray(.native(object), dtype: nil).unary(.abs))
            default: throw PythonError.typeError("bad operand type for abs(): '\(value.typeName)'")
            }
        }
        define("min") { interpreter, arguments in try interpreter.extremum(arguments, name: "min", op: .less) }
        define("max") { interpreter, arguments in try interpreter.extremum(arguments, name: "max", op: .greater) }
        define("sum") { interpreter, arguments in
            let bound = try arguments.bind("sum", ["iterable", "start"])
            var total = bound.values["start"] ?? .int(0)
            for item in try interpreter.iterate(try bound.value("iterable")) {
                total = try interpreter.binaryOperation(.add, total, item)
            }
            return total
        }
        define("round") { interpreter, arguments in
            let bound = try arguments.bind("round", ["number", "ndigits"])
            return try interpreter.pythonRound(try bound.value("number"), digits: try bound.optionalInt("ndigits"))
        }
        define("divmod") { interpreter, arguments in
            let bound = try arguments.bind("divmod", ["a", "b"])
            let a = try bound.value("a")
            let b = try bound.value("b")
            return .tuple([try interpreter.binaryOperation(.floorDivide, a, b), try interpreter.binaryOperation(.modulo, a, b)])
        }
        define("pow") { interpreter, arguments in
            let bound = try arguments.bind("pow", ["base", "exp", "mod"])
            guard let modulus = bound.values["mod"], !modulus.isNone else {
                return try interpreter.binaryOperation(.power, try bound.value("base"), try bound.value("exp"))
            }
            return try interpreter.modularPower(try bound.value("base"), try bound.value("exp"), modulus)
        }
        define("list") { interpreter, arguments in
            let bound = try arguments.bind("list", ["iterable"])
            guard let value = bound.values["iterable"] else { return .list(ListStorage([])) }
            return .list(ListStorage(try interpreter.iterate(value)))
        }
        define("tuple") { interpreter, arguments in
            let bound = try arguments.bind("tuple", ["iterable"])
            guard let value = bound.values["iterable"] else { return .tuple([]) }
            return .tuple(try interpreter.iterate(value))
        }
        define("set") { interpreter, arguments in
            let bound = try arguments.bind("set", ["iterable"])
            return interpreter.makeSet(try bound.values["iterable"].map { try interpreter.iterate($0) } ?? [])
        }
        define("dict") { interpreter, arguments in
            let dict = DictStorage()
            if let source = arguments.positional.first {
                if case let .dict(other) = source {
                    dict.entries = other.entries
                } else {
                    for pair in try interpreter.iterate(source) {
                        let items = try interpreter.iterate(pair)
                        guard items.count == 2 else { throw PythonError.valueError("dictionary update sequence element has length \(items.count); 2 is required") }
                        dict[items[0]] = items[1]
                    }
                }
            }
            for (name, value) in arguments.keywords { dict[.string(name)] = value }
            return .dict(dict)
        }
        define("sorted") { interpreter, arguments in
            let bound = try arguments.bind("sorted", ["iterable", "*", "key", "reverse"])
            let items = try interpreter.iterate(try bound.value("iterable"))
            return .list(ListStorage(try interpreter.sortValues(items, key: bound.optional("key"), reverse: try bound.bool("reverse", default: false))))
        }
        define("any") { interpreter, arguments in
            .bool(try interpreter.iterate(try arguments.bind("any", ["iterable"]).value("iterable")).contains { try interpreter.truthy($0) })
        }
        define("all") { interpreter, arguments in
            .bool(try interpreter.iterate(try arguments.bind("all", ["iterable"]).value("iterable")).allSatisfy { try interpreter.truthy($0) })
        }
        define("isinstance") { interpreter, arguments in
            let bound = try arguments.bind("isinstance", ["obj", "class_or_tuple"])
            return .bool(try interpreter.isInstance(try bound.value("obj"), try bound.value("class_or_tuple")))
        }
        define("type") { interpreter, arguments in
            guard arguments.positional.count == 1, let value = arguments.positional.first else {
                throw PythonError.typeError("type() takes 1 or 3 arguments")
            }
            return interpreter.typeObject(of: value)
        }
        addLanguageBuiltins(to: &table)
        // The root class, so that `class Config(object):` defines an ordinary class.
        table["object"] = .classObject(ClassObject(name: "object", attributes: [:], bases: []))
        define("issubclass") { interpreter, arguments in
            let bound = try arguments.bind("issubclass", ["cls", "class_or_tuple"])
            return .bool(try interpreter.isSubclass(try bound.value("cls"), try bound.value("class_or_tuple")))
        }
        define("hasattr") { interpreter, arguments in
            let bound = try arguments.bind("hasattr", ["obj", "name"])
            guard case let .string(name) = try bound.value("name") else { throw PythonError.typeError("attribute name must be string") }
            return .bool((try? interpreter.attribute(of: try bound.value("obj"), name)) != nil)
        }
        define("getattr") { interpreter, arguments in
            let bound = try arguments.bind("getattr", ["obj", "name", "default"])
            guard case let .string(name) = try bound.value("name") else { throw PythonError.typeError("attribute name must be string") }
            do {
                return try interpreter.attribute(of: try bound.value("obj"), name)
            } catch let error as PythonError where error.type == "AttributeError" {
                if let fallback = bound.values["default"] { return fallback }
                throw error
            }
        }
        define("setattr") { interpreter, arguments in
            let bound = try arguments.bind("setattr", ["obj", "name", "value"])
            guard case let .string(name) = try bound.value("name") else { throw PythonError.typeError("attribute name must be string") }
            try interpreter.setAttribute(of: try bound.value("obj"), name, try bound.value("value"))
            return .none
        }
        define("callable") { _, arguments in
            switch arguments.positional.first {
            case .function?, .builtin?, .classObject?: return .bool(true)
            case let .native(object)?: return .bool(object is NativeCallable || object is NNModule)
            case let .instance(instance)?: return .bool(instance.classObject.lookup("__call__") != nil)
            default: return .bool(false)
            }
        }
        define("super") { interpreter, _ in interpreter.makeSuper() }
        define("id") { _, arguments in .int(Int64(arguments.positional.count)) }
        define("chr") { _, arguments in
            let code = try toInt(arguments.positional.first ?? .none, function: "chr", argument: "i")
            guard let scalar = Unicode.Scalar(UInt32(clamping: code < 0 ? 0x110000 : code)) else { throw PythonError.valueError("chr() arg not in range(0x110000)") }
            return .string(String(Character(scalar)))
        }
        define("ord") { _, arguments in
            guard case let .string(text)? = arguments.positional.first, text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first else {
                throw PythonError.typeError("ord() expected a character")
            }
            return .int(Int64(scalar.value))
        }
        for name in ["open", "exec", "eval", "compile", "__import__", "input", "globals", "locals", "breakpoint", "exit", "quit"] {
            define(name) { _, _ in
                throw PythonError("PermissionError", "\(name)() is not available: TensorTutor runs tensor code only, with no file, process or environment access")
            }
        }
        define("vars") { interpreter, arguments in
            // `vars(args)` lists an object's attributes; bare `vars()` would expose the scope.
            guard let object = arguments.positional.first else {
                throw PythonError("PermissionError", "vars() without an argument is not available: TensorTutor runs tensor code only, with no file, process or environment access")
            }
            do {
                return try interpreter.attribute(of: object, "__dict__")
            } catch let error as PythonError where error.type == "AttributeError" {
                throw PythonError.typeError("vars() argument must have __dict__ attribute")
            }
        }
        for name in Array(exceptionHierarchy.keys) + ["BaseException"] {
            table[name] = .classObject(ClassObject(name: name, attributes: [:], bases: []))
        }
        table["NotImplemented"] = .none
        return table
    }

    func length(_ value: Value) throws -> Int {
        switch value {
        case let .string(text): return text.count
        case let .list(list): return list.items.count
        case let .tuple(items): return items.count
        case let .namedTuple(tuple): return tuple.values.count
        case let .dict(dict): return dict.entries.count
        case let .size(sizes): return sizes.count
        case let .range(start, stop, step): return Int(rangeCount(start, stop, step))
        case let .native(range as BigRangeObject): return try range.length()
        case let .tensor(tensor):
            guard tensor.rank > 0 else { throw PythonError.typeError("len() of a 0-d tensor") }
            return tensor.shape[0]
        case let .instance(instance):
            if let method = instance.classObject.lookup("__len__") {
                let count = try pythonInt(try call(method, CallArguments([value])))
                guard count >= 0 else { throw PythonError.valueError("__len__() should return >= 0") }
                return Int(count)
            }
            if let native = instance.nativeModule as? NativeContainer { return native.count }
        case let .native(object as NativeContainer):
            return object.count
        case let .native(array as NDArray) where array.tensor.rank == 0: throw PythonError.typeError("len() of unsized object")
        case let .native(object as NativeSized): return object.count
        default: break
        }
        throw PythonError.typeError("object of type '\(value.typeName)' has no len()")
    }

    func convertToInt(_ value: Value, base: Int?) throws -> Value {
        if base != nil, case .string = value {} else if base != nil { throw PythonError.typeError("int() can't convert non-string with explicit base") }
        switch value {
        case let .int(number): return .int(number)
        case let .bool(flag): return .int(flag ? 1 : 0)
        case let .float(number):
            guard number.isFinite else {
                throw number.isNaN ? PythonError.valueError("cannot convert float NaN to integer")
                    : PythonError.overflow("cannot convert float infinity to integer")
            }
            guard let whole = BigInt(truncating: number) else { throw PythonError.overflow("cannot convert float infinity to integer") }
            return try .integer(whole)
        case .native(is BigIntObject): return value
        case let .string(text):
            guard let number = try PythonIntLiteral.parseValue(text, base: Int64(base ?? 10)) else {
                throw PythonError.valueError("invalid literal for int() with base \(base ?? 10): \(pythonStringRepr(text))")
            }
            return number
        case let .tensor(tensor):
            guard tensor.count == 1 else {
                throw PythonError.valueError("only one element tensors can be converted to Python scalars")
            }
            return try convertToInt(scalarValue(try tensor.item()), base: nil)
        case let .native(scalar as NumPyScalar): return try convertToInt(scalar.pythonValue, base: nil)
        default:
            throw PythonError.typeError("int() argument must be a string, a bytes-like object or a real number, not '\(value.typeName)'")
        }
    }

    func convertToFloat(_ value: Value) throws -> Double {
        switch value {
        case let .int(number): return Double(number)
        case let .bool(flag): return flag ? 1 : 0
        case let .float(number): return number
        case let .string(text):
            let trimmed = text.trimmingCharacters(in: " \t\n").lowercased()
            switch trimmed {
            case "inf", "+inf", "infinity", "+infinity": return .infinity
            case "-inf", "-infinity": return -.infinity
            case "nan", "+nan", "-nan": return .nan
            default:
                guard let number = Double(trimmed) else {
                    throw PythonError.valueError("could not convert string to float: \(pythonStringRepr(text))")
                }
                return number
            }
        case let .tensor(tensor):
            guard tensor.count == 1 else {
                throw PythonError.valueError("only one element tensors can be converted to Python scalars")
            }
            return try tensor.item().doubleValue
        case let .native(scalar as NumPyScalar): return scalar.value.doubleValue
        case let .native(big as BigIntObject): return try bigIntDouble(big.value)
        default:
            throw PythonError.typeError("float() argument must be a string or a real number, not '\(value.typeName)'")
        }
    }

    func pythonRound(_ value: Value, digits: Int?) throws -> Value {
        switch value {
        case .native(is BigIntObject) where digits == nil || digits! >= 0: return value
        case let .int(number):
            guard let digits, digits < 0 else { return .int(number) }
            let factor = Glibc.pow(10.0, Double(-digits))
            return .int(saturatingInt64((Double(number) / factor).rounded(.toNearestOrEven) * factor))
        case let .bool(flag): return .int(flag ? 1 : 0)
        case let .float(number):
            guard let digits else {
                guard number.isFinite else {
                    throw number.isNaN ? PythonError.valueError("cannot convert float NaN to integer")
                        : PythonError.overflow("cannot convert float infinity to integer")
                }
                return try convertToInt(.float(number.rounded(.toNearestOrEven)), base: nil)
            }
            guard number.isFinite else { return .float(number) }
            if digits >= 0 {
                // Decimal rounding of the exact binary value, as CPython does.
                return .float(Double(formatFixed(number, precision: min(digits, 340))) ?? number)
            }
            let factor = Glibc.pow(10.0, Double(-digits))
            return .float((number / factor).rounded(.toNearestOrEven) * factor)
        case let .tensor(tensor):
            return .tensor(try Autodiff.unary(.round, tensor))
        case let .native(scalar as NumPyScalar):
            guard let digits else { return try pythonRound(scalar.pythonValue, digits: nil) }
            return try numpyRound(CallArguments([value, .int(Int64(digits))]))
        default:
            throw PythonError.typeError("type \(value.typeName) doesn't define __round__ method")
        }
    }

    private func extremum(_ arguments: CallArguments, name: String, op: CompareOperator) throws -> Value {
        let bound = try arguments.bind(name, ["*", "key", "default"], variadic: true)
        let candidates = bound.extra.count == 1 ? try iterate(bound.extra[0]) : bound.extra
        guard var best = candidates.first else {
            if let fallback = bound.values["default"] { return fallback }
            throw PythonError.valueError("\(name)() arg is an empty sequence")
        }
        let key = bound.optional("key")
        var bestKey = try key.map { try call($0, CallArguments([best])) } ?? best
        for candidate in candidates.dropFirst() {
            let candidateKey = try key.map { try call($0, CallArguments([candidate])) } ?? candidate
            if try truthy(try compare(op, candidateKey, bestKey)) {
                best = candidate
                bestKey = candidateKey
            }
        }
        return best
    }

    func sortValues(_ items: [Value], key: Value?, reverse: Bool) throws -> [Value] {
        let keys = try items.map { item in try key.map { try call($0, CallArguments([item])) } ?? item }
        if let order = FastSort.order(keys, reverse: reverse) { return order.map { items[$0] } }
        var order = Array(items.indices)
        var failure: Error?
        var comparisons = 0
        // A stable merge sort that can report comparison errors.
        order = mergeSort(order) { left, right in
            if failure != nil { return false }
            do {
                comparisons += 1
                if comparisons & 0xFFFF == 0 { try checkInterrupt() }
                let first = reverse ? keys[right] : keys[left]
                let second = reverse ? keys[left] : keys[right]
                return try truthy(try compare(.less, first, second))
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        return order.map { items[$0] }
    }

    func isInstance(_ value: Value, _ classes: Value) throws -> Bool {
        if case let .tuple(options) = classes { return try options.contains { try isInstance(value, $0) } }
        switch classes {
        case let .classObject(classObject) where classObject.name == "object" && classObject.bases.isEmpty:
            return true
        case let .classObject(classObject):
            if case let .instance(instance) = value {
                var pending = [instance.classObject]
                while let current = pending.popLast() {
                    if current === classObject { return true }
                    pending += current.bases
                }
                return false
            }
            if case let .native(object as ExceptionObject) = value { return object.ancestry.contains { exceptionMatches($0, classObject.name) } }
            return false
        case let .builtin(builtin) where nativeModuleFactory(classes) != nil:
            return isNativeModuleInstance(value, of: builtin)
        case let .builtin(builtin):
            switch (builtin.name, value) {
            case ("int", .int), ("int", .bool), ("float", .float), ("str", .string), ("bool", .bool),
                 ("list", .list), ("tuple", .tuple), ("tuple", .size), ("tuple", .namedTuple), ("dict", .dict):
                return true
            case let ("float", .native(scalar as NumPyScalar)): return scalar.dtype == .float64  // np.float64 subclasses float
            case ("int", .native(is BigIntObject)): return true
            default: return false
            }
        case let .native(object as NativeInstanceCheck):
            return try object.isInstance(value, interpreter: self)
        case let .native(object) where object is TensorTypeObject:
            if case .tensor = value { return true }
            return false
        case let .native(object) where object is ModuleBaseClass:
            if case let .instance(instance) = value { return instance.classObject.lookup("__tensortutor_module__") != nil }
            if case let .native(native) = value { return native is NNModule }
            return false
        default:
            return false
        }
    }
}


/// A stable merge sort over indices with a comparison that cannot throw.
func mergeSort(_ items: [Int], by less: (Int, Int) -> Bool) -> [Int] {
    guard items.count > 1 else { return items }
    let middle = items.count / 2
    let left = mergeSort(Array(items[..<middle]), by: less)
    let right = mergeSort(Array(items[middle...]), by: less)
    var merged: [Int] = []
    merged.reserveCapacity(items.count)
    var i = 0
    var j = 0
    while i < left.count && j < right.count {
        if less(right[j], left[i]) {
            merged.append(right[j]); j += 1
        } else {
            merged.append(left[i]); i += 1
        }
    }
    merged += left[i...]
    merged += right[j...]
    return merged
}

func scalarValue(_ scalar: Scalar) -> Value {
    switch scalar {
    case let .bool(flag): .bool(flag)
    case let .int(number): .int(number)
    case let .float(number): .float(number)
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }

    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }

    func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var remaining = Substring(self)
        while let range = remaining.range(of: separator) {
            parts.append(String(remaining[..<range.lowerBound]))
            remaining = remaining[range.upperBound...]
        }
        parts.append(String(remaining))
        return parts
    }
}

extension Substring {
    func range(of target: String) -> Range<Index>? {
        guard !target.isEmpty else { return nil }
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(target) {
                return index..<(self.index(index, offsetBy: target.count))
            }
            index = self.index(after: index)
        }
        return nil
    }
}
