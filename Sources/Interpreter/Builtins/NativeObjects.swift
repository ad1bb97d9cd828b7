import TensorEngine

/// An exception instance, as `except E as e` binds it and `raise E("...")` creates it.
final class ExceptionObject: NativeObject {
    let type: String
    let message: String
    /// The type's name, then its user-class ancestors' names up to a builtin exception.
    let ancestry: [String]
    /// False for `raise E`, `E()` and a bare `assert`: their args are `()`, not `('',)`.
    let hasArguments: Bool

    init(type: String, message: String, ancestry: [String] = [], hasArguments: Bool = true) {
        self.type = type
        self.message = message
        self.ancestry = ancestry.isEmpty ? [type] : ancestry
        self.hasArguments = hasArguments
    }

    var typeName: String { type }

    /// A KeyError's message is already the key's repr.
    func repr() -> String {
        guard hasArguments else { return "\(type)()" }
        return "\(type)(\(type == "KeyError" ? message : pythonStringRepr(message)))"
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        // SystemExit (argparse's errors) carries its exit status as `code`.
        if name == "code" && type == "SystemExit" { return Int64(message).map { .int($0) } ?? .string(message) }
        return name == "args" ? .tuple(hasArguments ? [.string(message)] : []) : nil
    }
}

/// `torch.no_grad()`, `torch.enable_grad()`, `set_grad_enabled(b)`: a context manager
/// (and decorator) that sets autograd's grad mode.
public protocol GradModeSwitch: NativeObject {
    /// Whether gradients are recorded inside the block it guards.
    var enabled: Bool { get }
}

final class GradModeContext: NativeObject, GradModeSwitch {
    let enabled: Bool
    /// The mode before `set_grad_enabled(b)` changed it, to restore when used in `with`.
    let previous: Bool?

    init(enabled: Bool, previous: Bool? = nil) {
        self.enabled = enabled
        self.previous = previous
    }

    var typeName: String { enabled ? "enable_grad" : "no_grad" }

    func repr() -> String { "<torch.autograd.grad_mode.\(typeName) object>" }

    /// `@torch.no_grad()` as a decorator: the function runs in this grad mode, and on a
    /// class it binds `self` like the method it wraps.
    func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value? {
        guard let function = arguments.positional.first else { return nil }
        return .native(GradModeFunction(function, enabled: enabled))
    }

}

/// `nn.Module`, usable as a base class: instances of subclasses call `forward`.
final class ModuleBaseClass: NativeObject {
    var typeName: String { "type" }
    func repr() -> String { "<class 'torch.nn.modules.module.Module'>" }

    /// `nn.Module.__init__(self)`, the older spelling of `super().__init__()`: the instance
    /// already has its registry, so there is nothing left to do.
    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "__init__": return .builtin(Builtin("__init__") { _, _ in .none })
        case "__name__": return .string("Module")
        default: return nil
        }
    }

    /// `nn.Module()` itself: an empty module with no forward.
    func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value? {
        _ = try arguments.bind("Module", [])
        return .native(NNModule(name: "Module"))
    }
}

/// `torch.device('cpu')`: prints as `cpu`, shows as `device(type='cpu')`.
final class Device: NativeContainerRepr {
    let name: String

    init(_ name: String) { self.name = name }

    var typeName: String { "device" }

    func repr() -> String { "device(type='\(name)')" }
    func repr(_ interpreter: Interpreter) throws -> String { repr() }
    func str(_ interpreter: Interpreter) throws -> String { name }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        name == "type" ? .string(self.name) : nil
    }
}

/// `torch.strided`, the only layout here: every tensor is a dense strided one.
/// One shared object, so `x.layout == torch.strided` and `is` both hold.
final class TensorLayout: NativeObject, Sendable {
    static let strided = TensorLayout()

    var typeName: String { "layout" }
    func repr() -> String { "torch.strided" }
}

/// `super()` inside a method: looks attributes up in the receiver's method resolution
/// order after the class that defined the method, as cooperative multiple inheritance
/// needs, bound to the same receiver. A method no user base defines
/// (`super().__init__()` under `nn.Module` or `object`) does nothing.
final class SuperProxy: NativeObject {
    let receiver: Value?
    let startClass: ClassObject?

    init(receiver: Value?, startClass: ClassObject?) {
        self.receiver = receiver
        self.startClass = startClass
    }

    var typeName: String { "super" }
    func repr() -> String { "<super object>" }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        if let startClass {
            // The receiver's own order when it is an instance or subclass of the defining class.
            var receiverClass = startClass
            if case let .instance(instance)? = receiver, instance.classObject.inherits(from: startClass) {
                receiverClass = instance.classObject
            } else if case let .classObject(classObject)? = receiver, classObject.inherits(from: startClass) {
                receiverClass = classObject
            }
            if let found = receiverClass.lookupWithOwner(name, after: startClass) {
                let instance: Value? = if case .classObject = receiver { nil } else { receiver }
                return try interpreter.bindClassAttribute(found.value, instance: instance, classObject: receiverClass)
            }
        }
        if let value = try interpreter.moduleSuperAttribute(receiver, name) { return value }
        if let value = try interpreter.superFallbackAttribute(receiver, name) { return value }
        if name == "__init_subclass__", case let .classObject(classObject)? = receiver {
            return .builtin(Builtin(name) { interpreter, arguments in
                try interpreter.objectInitSubclass(classObject, arguments)
                return .none
            })
        }
        guard name.hasPrefix("__") else { return nil }
        return .builtin(Builtin(name) { _, _ in .none })
    }
}

/// The objects `enumerate`, `zip`, `map`, `reversed` and `iter` return: lazily
/// printed as Python does, iterated eagerly.
final class IteratorObject: NativeObject {
    let kind: String
    var items: [Value]

    init(kind: String, items: [Value]) {
        self.kind = kind
        self.items = items
    }

    var typeName: String { kind }
    func repr() -> String { "<\(kind) object>" }
    func iterate() throws -> [Value]? {
        defer { items = [] }
        return items
    }
}

/// A `torch.Generator` value.
final class GeneratorObject: NativeObject {
    let generator: Generator

    init(_ generator: Generator) { self.generator = generator }

    var typeName: String { "Generator" }
    func repr() -> String { "<torch._C.Generator object>" }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "manual_seed":
            return .builtin(Builtin("manual_seed", owner: "Generator") { [self] _, arguments in
                let bound = try arguments.bind("manual_seed", ["seed"])
                self.generator.manualSeed(Int64(try bound.int("seed")))
                return .native(self)
            })
        case "initial_seed":
            return .builtin(Builtin("initial_seed", owner: "Generator") { [self] _, _ in
                .int(Int64(bitPattern: self.generator.initialSeed))
            })
        case "seed":
            return .builtin(Builtin("seed", owner: "Generator") { [self] _, _ in
                .int(Int64(bitPattern: self.generator.seedNondeterministically()))
            })
        case "get_state":
            return .builtin(Builtin("get_state", owner: "Generator") { [self] _, _ in .tensor(try self.generator.state()) })
        case "set_state":
            return .builtin(Builtin("set_state", owner: "Generator") { [self] _, arguments in
                try self.generator.setState(try arguments.bind("set_state", ["new_state"]).tensor("new_state"))
                return .native(self)
            })
        default: return nil
        }
    }
}

/// A function wrapped by `@torch.no_grad()` or `@torch.enable_grad()`.
final class GradModeFunction: NativeMethodBinding, NativeCallable {
    let function: Value
    let enabled: Bool
    let receiver: Value?

    init(_ function: Value, enabled: Bool, receiver: Value? = nil) {
        self.function = function
        self.enabled = enabled
        self.receiver = receiver
    }

    var typeName: String { "function" }

    func repr() -> String {
        if case let .function(user) = function { return "<function \(user.name)>" }
        return "<function>"
    }

    func bound(to receiver: Value) -> Value { .native(GradModeFunction(function, enabled: enabled, receiver: receiver)) }

    func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value? {
        let saved = interpreter.gradEnabled
        interpreter.gradEnabled = enabled
        defer { interpreter.gradEnabled = saved }
        return try interpreter.call(function, receiver.map { arguments.prepending($0) } ?? arguments)
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "__name__": if case let .function(user) = function { return .string(user.name) }
        case "__wrapped__": return function
        default: break
        }
        return nil
    }
}
