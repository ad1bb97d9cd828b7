import TensorEngine

/// A native object that `x[i]`, `x[i] = v`, `del x[i]` and `len(x)` reach.
protocol NativeContainer: NativeObject {
    var count: Int { get }
    func item(_ interpreter: Interpreter, _ index: Value) throws -> Value
    func setItem(_ interpreter: Interpreter, _ index: Value, _ value: Value) throws
    func deleteItem(_ interpreter: Interpreter, _ index: Value) throws
}

/// `nn.ModuleList` and `nn.Sequential`: children named "0", "1", ... by position.
class IndexedModuleContainer: NNModule, NativeContainer {
    var count: Int { registry.children.entries.count }

    override func iterate() throws -> [Value]? { registry.children.entries.map { $0.item ?? .none } }

    /// `_get_abs_string_index`: an index in range, made non-negative.
    func position(_ index: Value, _ interpreter: Interpreter) throws -> Int {
        let position = Int(try interpreter.pythonInt(index))
        guard position >= -count, position < count else { throw PythonError.indexError("index \(position) is out of range") }
        return position < 0 ? position + count : position
    }

    func item(_ interpreter: Interpreter, _ index: Value) throws -> Value {
        if case let .slice(start, stop, step) = index {
            let entries = registry.children.entries.map { Value.tuple([.string($0.name), $0.item ?? .none]) }
            return try makeSlice(try interpreter.sliceItems(entries, start, stop, step))
        }
        return registry.children.entries[try position(index, interpreter)].item ?? .none
    }

    /// The container a slice gives; each item is a `(name, module)` pair.
    func makeSlice(_ pairs: [Value]) throws -> Value { .none }

    /// `a + b`, renumbering the children of both; `layers += [...]` comes here too.
    func concatenated(with other: Value, _ interpreter: Interpreter) throws -> Value {
        if self is SequentialModule {
            guard case let .native(right as SequentialModule) = other else {
                throw PythonError.valueError("add operator supports only objects of Sequential class, but <class '\(other.typeName)'> is given.")
            }
            let modules = (try iterate() ?? []) + (try right.iterate() ?? [])
            return .native(try SequentialModule(children: modules.enumerated().map { (String($0.offset), $0.element) }))
        }
        return .native(try ModuleListModule(modules: (try iterate() ?? []) + (try interpreter.iterate(other))))
    }

    func setItem(_ interpreter: Interpreter, _ index: Value, _ value: Value) throws {
        let name = registry.children.entries[try position(index, interpreter)].name
        _ = try setAttribute(name, value)
    }

    func deleteItem(_ interpreter: Interpreter, _ index: Value) throws {
        if case let .slice(start, stop, step) = index {
            let names = try interpreter.sliceItems(registry.children.names.map { .string($0) }, start, stop, step)
            for case let .string(name) in names { registry.children.remove(name) }
        } else {
            registry.children.remove(registry.children.entries[try position(index, interpreter)].name)
        }
        // Both containers renumber what is left, so positions and names agree again.
        let remaining = registry.children.entries.map(\.item)
        registry.children.removeAll()
        for (offset, module) in remaining.enumerated() { registry.children.set(String(offset), module) }
    }

    func append(_ module: Value) throws {
        guard moduleRegistry(of: module) != nil || module.isNone else {
            throw PythonError.typeError("\(torchTypeName(module)) is not a Module subclass")
        }
        registry.children.set(String(count), module.isNone ? nil : module)
    }

    func insert(_ index: Int, _ module: Value) throws {
        var modules = registry.children.entries.map(\.item)
        let position = index < 0 ? max(0, index + modules.count) : min(index, modules.count)
        modules.insert(module, at: position)
        registry.children.removeAll()
        for (offset, item) in modules.enumerated() { registry.children.set(String(offset), item) }
    }

    override func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        func method(_ body: @escaping Builtin.Body) -> Value { .builtin(Builtin(attribute, owner: name, body)) }
        switch attribute {
        case "append":
            return method { _, arguments in
                try self.append(try arguments.bind(attribute, ["module"]).value("module"))
                return .native(self)
            }
        case "extend":
            return method { interpreter, arguments in
                let modules = try arguments.bind(attribute, ["modules"]).value("modules")
                guard let items = try? interpreter.iterate(modules) else {
                    throw PythonError.typeError("\(self.name).extend should be called with an iterable, but got \(modules.typeName)")
                }
                for module in items { try self.append(module) }
                return .native(self)
            }
        case "insert":
            return method { interpreter, arguments in
                let bound = try arguments.bind(attribute, ["index", "module"])
                try self.insert(try bound.int("index"), try bound.value("module"))
                return .none
            }
        case "pop":
            return method { interpreter, arguments in
                let index = try arguments.bind(attribute, ["key"]).optional("key") ?? .int(-1)
                let module = try self.item(interpreter, index)
                try self.deleteItem(interpreter, index)
                return module
            }
        case "__len__":
            return method { _, _ in .int(Int64(self.count)) }
        default:
            return try super.attribute(attribute, interpreter: interpreter)
        }
    }
}

/// `nn.Sequential(*layers)` or `nn.Sequential(OrderedDict(...))`: calls its children in order.
final class SequentialModule: IndexedModuleContainer {
    init(children: [(name: String, module: Value)]) throws {
        super.init(name: "Sequential")
        for (name, module) in children {
            guard moduleRegistry(of: module) != nil || module.isNone else {
                throw PythonError.typeError("\(torchTypeName(module)) is not a Module subclass")
            }
            registry.children.set(name, module.isNone ? nil : module)
        }
    }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? { try SequentialModule(children: []) }

    /// A slice keeps the children's names, as `Sequential(OrderedDict(items[idx]))` does.
    override func makeSlice(_ pairs: [Value]) throws -> Value {
        .native(try SequentialModule(children: pairs.map { pair in
            guard case let .tuple(items) = pair, case let .string(name) = items[0] else { return ("", .none) }
            return (name, items[1])
        }))
    }

    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        var value = try arguments.bind("forward", ["input"]).value("input")
        for module in try iterate() ?? [] { value = try interpreter.call(module, CallArguments([value])) }
        return value
    }
}

/// `nn.ModuleList(modules)`: holds modules by position and has no forward.
final class ModuleListModule: IndexedModuleContainer {
    init(modules: [Value]) throws {
        super.init(name: "ModuleList")
        for module in modules { try append(module) }
    }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? { try ModuleListModule(modules: []) }

    override func makeSlice(_ pairs: [Value]) throws -> Value {
        .native(try ModuleListModule(modules: pairs.map { pair in
            if case let .tuple(items) = pair { return items[1] } else { return .none }
        }))
    }

    /// Runs of identical children print once, as `(0-2): 3 x Block(...)`.
    override func repr(_ interpreter: Interpreter, as module: Value) throws -> String {
        let name = interpreter.moduleClassName(module)
        let reprs = try (try iterate() ?? []).map { try interpreter.repr($0) }
        guard !reprs.isEmpty else { return "\(name)()" }
        var blocks: [(start: Int, end: Int, text: String)] = []
        for (index, text) in reprs.enumerated() {
            if let last = blocks.last, last.text == text {
                blocks[blocks.count - 1].end = index
            } else {
                blocks.append((index, index, text))
            }
        }
        let lines = blocks.map { block -> String in
            let label = block.start == block.end
                ? "(\(block.start)): \(block.text)"
                : "(\(block.start)-\(block.end)): \(block.end - block.start + 1) x \(block.text)"
            return label.replacingOccurrences(of: "\n", with: "\n  ")
        }
        return "\(name)(\n  " + lines.joined(separator: "\n  ") + "\n)"
    }
}
