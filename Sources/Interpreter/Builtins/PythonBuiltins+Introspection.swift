import Glibc
import PySyntax
import Autograd
import TensorEngine

/// The builtins that ask about objects and classes: `isinstance`, `type`, `getattr`, `callable`, ...
extension Interpreter {
    /// `isinstance`, `type`, `issubclass` and the language's own types (`object`, `slice`, ...).
    func addTypeBuiltins(to table: inout [String: Value]) {
        table.defineBuiltin("isinstance") { interpreter, arguments in
            let bound = try arguments.bind("isinstance", ["obj", "class_or_tuple"])
            return .bool(try interpreter.isInstance(try bound.value("obj"), try bound.value("class_or_tuple")))
        }
        table.defineBuiltin("type") { interpreter, arguments in
            guard arguments.positional.count == 1, let value = arguments.positional.first else {
                throw PythonError.typeError("type() takes 1 or 3 arguments")
            }
            return interpreter.typeObject(of: value)
        }
        addLanguageBuiltins(to: &table)
        addDirBuiltin(to: &table)
        // The root class, so that `class Config(object):` defines an ordinary class.
        table["object"] = .classObject(ClassObject(name: "object", attributes: [:], bases: []))
        table.defineBuiltin("issubclass") { interpreter, arguments in
            let bound = try arguments.bind("issubclass", ["cls", "class_or_tuple"])
            return .bool(try interpreter.isSubclass(try bound.value("cls"), try bound.value("class_or_tuple")))
        }
        table.defineBuiltin("hasattr") { interpreter, arguments in
            let bound = try arguments.bind("hasattr", ["obj", "name"])
            guard case let .string(name) = try bound.value("name") else { throw PythonError.typeError("attribute name must be string") }
            return .bool((try? interpreter.attribute(of: try bound.value("obj"), name)) != nil)
        }
        table.defineBuiltin("getattr") { interpreter, arguments in
            let bound = try arguments.bind("getattr", ["obj", "name", "default"])
            guard case let .string(name) = try bound.value("name") else { throw PythonError.typeError("attribute name must be string") }
            do {
                return try interpreter.attribute(of: try bound.value("obj"), name)
            } catch let error as PythonError where error.type == "AttributeError" {
                if let fallback = bound.values["default"] { return fallback }
                throw error
            }
        }
        table.defineBuiltin("setattr") { interpreter, arguments in
            let bound = try arguments.bind("setattr", ["obj", "name", "value"])
            guard case let .string(name) = try bound.value("name") else { throw PythonError.typeError("attribute name must be string") }
            try interpreter.setAttribute(of: try bound.value("obj"), name, try bound.value("value"))
            return .none
        }
        table.defineBuiltin("delattr") { interpreter, arguments in
            let bound = try arguments.bind("delattr", ["obj", "name"])
            guard case let .string(name) = try bound.value("name") else { throw PythonError.typeError("attribute name must be string") }
            try interpreter.deleteAttribute(of: try bound.value("obj"), name)
            return .none
        }
    }

    /// `callable`, `super`, `id`, `chr`, `ord`, and the builtins a sandbox refuses.
    func addObjectBuiltins(to table: inout [String: Value]) {
        table.defineBuiltin("callable") { _, arguments in
            switch arguments.positional.first {
            case .function?, .builtin?, .classObject?: return .bool(true)
            case let .native(object)?: return .bool(object is NativeCallable || object is NNModule)
            case let .instance(instance)?: return .bool(instance.classObject.lookup("__call__") != nil)
            default: return .bool(false)
            }
        }
        table.defineBuiltin("super") { interpreter, arguments in
            let bound = try arguments.bind("super", ["type", "object_or_type"])
            guard let start = bound.optional("type") else { return interpreter.makeSuper() }
            let receiver = bound.optional("object_or_type")
            switch start {
            case let .classObject(start):
                // `super(Base, self)`: the search starts after `Base` in the receiver's order.
                return .native(SuperProxy(receiver: receiver, startClass: start))
            case .native, .builtin:
                // A native base (`super(nn.Module, self)`) has no user methods to find.
                return .native(SuperProxy(receiver: receiver, startClass: nil))
            default:
                throw PythonError.typeError("super() argument 1 must be a type, not \(start.typeName)")
            }
        }
        table.defineBuiltin("id") { interpreter, arguments in
            .int(interpreter.pythonIdentity(try arguments.bind("id", ["obj"]).value("obj")))
        }
        table.defineBuiltin("chr") { _, arguments in
            let code = try toInt(arguments.positional.first ?? .none, function: "chr", argument: "i")
            guard let scalar = Unicode.Scalar(UInt32(clamping: code < 0 ? 0x110000 : code)) else { throw PythonError.valueError("chr() arg not in range(0x110000)") }
            return .string(String(Character(scalar)))
        }
        table.defineBuiltin("ord") { _, arguments in
            guard case let .string(text)? = arguments.positional.first, text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first else {
                throw PythonError.typeError("ord() expected a character")
            }
            return .int(Int64(scalar.value))
        }
        table.defineBuiltin("eval", Interpreter.evalBuiltin)
        for name in ["open", "exec", "compile", "__import__", "input", "locals", "breakpoint", "exit", "quit"] {
            table.defineBuiltin(name) { _, _ in
                throw PythonError("PermissionError", "\(name)() is not available: TensorTutor runs tensor code only, with no file, process or environment access")
            }
        }
        table.defineBuiltin("globals") { interpreter, arguments in
            try Interpreter.requireNoArguments("globals", arguments)
            return interpreter.moduleGlobalsSnapshot()
        }
        table.defineBuiltin("vars") { interpreter, arguments in
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
    }

    /// `globals()`: the program's module-level names in the order they were first bound,
    /// as config code reads them (`{k: globals()[k] for k in config_keys}`). A copy: a
    /// name stored into it does not become a variable.
    func moduleGlobalsSnapshot() -> Value {
        let module = globals
        return .dict(DictStorage(module.definitionOrder.compactMap { name in
            module.variables[name].map { (key: Value.string(name), value: $0) }
        }))
    }

    func isInstance(_ value: Value, _ classes: Value) throws -> Bool {
        if case let .tuple(options) = classes { return try options.contains { try isInstance(value, $0) } }
        switch classes {
        case let .classObject(classObject) where classObject.name == "object" && classObject.bases.isEmpty:
            return true
        case let .classObject(classObject):
            if case let .instance(instance) = value { return instance.classObject.inherits(from: classObject) }
            if case let .native(object as ExceptionObject) = value { return object.ancestry.contains { exceptionMatches($0, classObject.name) } }
            if classObject === optimizerBaseClass, case .native(is Optimizer) = value { return true }
            if classObject === schedulerBaseClass, case let .native(object) = value {
                return object is LRScheduler || object is SequentialScheduler
            }
            return false
        case let .builtin(builtin) where nativeModuleFactory(classes) != nil:
            return isNativeModuleInstance(value, of: builtin)
        case let .builtin(builtin):
            if case let .instance(instance) = value, let wrapped = instance.builtinValue { return try isInstance(wrapped, classes) }
            if isTwinSubclassInstance(value, of: builtin) { return true }
            switch (builtin.name, value) {
            case ("int", .int), ("int", .bool), ("float", .float), ("str", .string), ("bool", .bool),
                 ("tuple", .tuple), ("tuple", .size), ("tuple", .namedTuple), ("dict", .dict):
                return true
            case let ("float", .native(scalar as NumPyScalar)): return scalar.dtype == .float64  // np.float64 subclasses float
            case let ("Parameter", .tensor(tensor)) where isParameterType(builtin): return tensor.isParameter
            case let (name, .tensor(tensor)) where builtin.owner == nil && LegacyTensorType.dtype(ofTypeNamed: name) != nil:
                return tensor.dtype == LegacyTensorType.dtype(ofTypeNamed: name)
            case ("int", .native(is BigIntObject)): return true
            case let ("list", .list(list)): return !list.isSet && !list.isKeysView && list.dictViewName == nil
            case let ("set", .list(list)): return list.isSet && !list.isFrozen
            case let ("frozenset", .list(list)): return list.isFrozen
            case ("dict", .native(is InstanceDict)): return true  // an instance's live `__dict__`, as `vars()` gives it
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

