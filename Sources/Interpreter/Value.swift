import PySyntax
import TensorEngine

/// A Python value. Mutable containers and objects are classes, so that aliasing
/// behaves as in Python (`b = a; b.append(1)` changes `a`).
public indirect enum Value {
    case none
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case string(String)
    case tensor(Tensor)
    case list(ListStorage)
    case tuple([Value])
    /// `torch.return_types.max(values=..., indices=...)` and friends.
    case namedTuple(NamedTuple)
    case dict(DictStorage)
    case dtype(DType)
    /// `torch.Size`.
    case size([Int])
    case slice(start: Value, stop: Value, step: Value)
    case ellipsis
    case range(start: Int64, stop: Int64, step: Int64)
    case function(Function)
    case builtin(Builtin)
    case module(Namespace)
    case classObject(ClassObject)
    case instance(Instance)
    /// Objects implemented natively: nn modules, generators, devices, iterators.
    case native(NativeObject)
}

public final class ListStorage {
    private var storage: [Value]
    /// A set's items were added since CPython's iteration order was last applied; it is
    /// applied once, when the items are next read, so a loop of `add` stays linear.
    private var orderPending = false
    /// A set's members by `pythonHash`, for constant-time `in` and `add`; dropped by any
    /// direct change to `items` and rebuilt on the next membership test.
    private var membersByHash: [Int: [Value]]?

    public var items: [Value] {
        get {
            if orderPending {
                storage = cpythonSetOrder(storage)
                orderPending = false
            }
            return storage
        }
        _modify {
            if orderPending {
                storage = cpythonSetOrder(storage)
                orderPending = false
            }
            membersByHash = nil
            let previousCount = storage.count
            defer { charge.settle(storage, previousCount: previousCount) }
            yield &storage
        }
        set {
            let previousCount = storage.count
            storage = newValue
            orderPending = false
            membersByHash = nil
            charge.settle(storage, previousCount: previousCount)
        }
    }
    /// The memory this list holds, in the memory budget (`ObjectMemory`).
    private var charge = ObjectCharge()
    /// Sets are lists whose items stay unique; they print and combine as sets.
    public var isSet = false
    /// A frozenset: a set that never changes after it is made, so it hashes.
    public var isFrozen = false
    /// `dict.keys()`: a list that also combines with sets (`d.keys() - s`) and prints as
    /// `dict_keys([...])`.
    public var isKeysView = false
    /// A view of a dict's keys, values or items prints as its class: `dict_values([...])`,
    /// `odict_keys([...])` for an OrderedDict (a state_dict).
    public var dictViewName: String?
    public init(_ items: [Value]) {
        self.storage = items
        charge.settle(items, previousCount: 0)
    }

    deinit { charge.releaseAll() }

    /// Whether a set holds `item`, by hash when the item has one.
    func setContains(_ item: Value) -> Bool {
        guard let hash = pythonHash(item) else { return storage.contains { pythonEquals($0, item) } }
        if membersByHash == nil { rebuildMembers() }
        if membersByHash?[hash]?.contains(where: { pythonEquals($0, item) }) == true { return true }
        return unhashedMembers.contains { pythonEquals($0, item) }
    }

    /// `set.add`: appends `item` unless present; the set's order is settled on the next read.
    func setInsert(_ item: Value) {
        guard !setContains(item) else { return }
        storage.append(item)
        charge.settle(storage, previousCount: storage.count - 1)
        orderPending = true
        if let hash = pythonHash(item) { membersByHash?[hash, default: []].append(item) } else { unhashedMembers.append(item) }
    }

    private var unhashedMembers: [Value] = []

    private func rebuildMembers() {
        var members: [Int: [Value]] = [:]
        unhashedMembers = []
        for item in storage {
            if let hash = pythonHash(item) { members[hash, default: []].append(item) } else { unhashedMembers.append(item) }
        }
        membersByHash = members
    }
}

public final class DictStorage {
    private var storage: [(key: Value, value: Value)]
    /// Positions of the keys by `pythonHash`, built on the first lookup and kept up to
    /// date by appends through the subscript; any other change to `entries` drops it.
    /// This makes lookups and inserts constant time, as in Python, instead of a scan.
    private var positionsByHash: [Int: [Int]]?
    /// Positions of keys without a hash (rare), compared against every lookup.
    private var unhashedPositions: [Int] = []

    /// Insertion-ordered entries. Changing them directly is allowed (and keeps order);
    /// the hash index is then rebuilt on the next lookup.
    public var entries: [(key: Value, value: Value)] {
        get { storage }
        _modify {
            positionsByHash = nil
            let previousCount = storage.count
            defer { settleCharge(previousCount: previousCount) }
            yield &storage
        }
        set {
            let previousCount = storage.count
            storage = newValue
            positionsByHash = nil
            settleCharge(previousCount: previousCount)
        }
    }
    /// The memory this dict holds, in the memory budget (`ObjectMemory`).
    private var charge = ObjectCharge()
    /// OrderedDict, defaultdict and Counter are dicts that print and look up differently.
    public var flavor: DictFlavor = .plain
    /// Whether the dict carries the `_metadata` (module versions) that `state_dict()` attaches
    /// and `deepcopy` keeps; a dict built from its items does not.
    public var carriesModuleVersions = false
    public init(_ entries: [(key: Value, value: Value)] = []) {
        self.storage = entries
        settleCharge(previousCount: 0)
    }

    deinit { charge.releaseAll() }

    /// Charges for entries added since `previousCount`, or gives back removed ones' share.
    private func settleCharge(previousCount: Int) {
        let count = storage.count
        if count > previousCount {
            var bytes = previousCount == 0 ? ObjectMemory.containerBytes : 0
            for index in previousCount..<count {
                bytes += ObjectMemory.entryBytes + ObjectMemory.itemCost(storage[index].key) + ObjectMemory.itemCost(storage[index].value)
            }
            charge.change(by: bytes)
        } else if count < previousCount {
            let share = count == 0 ? charge.bytes : (charge.bytes - ObjectMemory.containerBytes) / previousCount * (previousCount - count)
            charge.change(by: -Swift.max(0, Swift.min(share, charge.bytes)))
        }
    }

    public func index(of key: Value) -> Int? {
        if positionsByHash == nil { rebuildIndex() }
        let candidates = pythonHash(key).map { positionsByHash?[$0] ?? [] } ?? Array(storage.indices)
        if let found = candidates.first(where: { pythonEquals(storage[$0].key, key) }) { return found }
        return unhashedPositions.first { pythonEquals(storage[$0].key, key) }
    }

    public subscript(key: Value) -> Value? {
        get { index(of: key).map { storage[$0].value } }
        set {
            if let position = index(of: key) {
                if let newValue { storage[position].value = newValue } else { entries.remove(at: position) }
            } else if let newValue {
                storage.append((key, newValue))
                record(key, at: storage.count - 1)
                settleCharge(previousCount: storage.count - 1)
            }
        }
    }

    private func rebuildIndex() {
        positionsByHash = [:]
        unhashedPositions = []
        for (position, entry) in storage.enumerated() { record(entry.key, at: position) }
    }

    private func record(_ key: Value, at position: Int) {
        if let hash = pythonHash(key) { positionsByHash?[hash, default: []].append(position) } else { unhashedPositions.append(position) }
    }
}

public struct NamedTuple {
    /// e.g. `torch.return_types.max`
    public let typeName: String
    public let fields: [String]
    public let values: [Value]
    /// The class that made it, for the methods a `class P(NamedTuple)` body defines.
    var owner: NamedTupleClass?

    public init(typeName: String, fields: [String], values: [Value]) {
        self.typeName = typeName
        self.fields = fields
        self.values = values
    }
}

/// A user function or lambda, closed over the scope it was defined in.
public final class Function {
    public let name: String
    public let parameters: [Parameter]
    public let body: FunctionBody
    public let defaults: [String: Value]
    let closure: Scope
    /// The class whose body defined this function, for `super()`. Weak: the class holds
    /// the function among its attributes, and a class held by its own methods would
    /// never be freed. Whatever calls a method reaches its class first (an instance, a
    /// subclass, the class's name), so the class is alive while the method runs.
    weak var definingClass: ClassObject?
    /// Attributes set on the function (`f.__doc__ = ...`, `functools.wraps`).
    var attributes: [String: Value] = [:]
    /// The file the function was defined in, so lines inside it are counted there.
    var sourceName: String?
    /// Defined by the interpreter's own Python library (`torch.optim.Optimizer`), not by
    /// the user's program: its lines are not the program's lines.
    var isLibrary: Bool { sourceName == pythonLibraryFileName }
    /// A body with `yield`: a call binds the arguments and returns a generator.
    var isGenerator = false
    /// `__qualname__` as CPython's call errors name it: `P.__init__` for a method.
    var qualifiedName: String { definingClass.map { "\($0.name).\(name)" } ?? name }

    public enum FunctionBody {
        case statements([Stmt])
        case expression(Expr)
    }

    init(name: String, parameters: [Parameter], body: FunctionBody, defaults: [String: Value], closure: Scope) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.defaults = defaults
        self.closure = closure
    }
}

/// A function implemented in Swift, optionally bound to a receiver (`x.sum`).
public final class Builtin {
    public typealias Body = (Interpreter, CallArguments) throws -> Value
    public let name: String
    /// The receiver's description for repr, e.g. "Tensor" for a bound tensor method.
    public let owner: String?
    /// The tensor a bound tensor method was read from, for autograd's check that no
    /// gradient is silently lost.
    let receiver: Tensor?
    /// False for wrappers that only call other code (decorators, partials): what they
    /// return was already recorded, or deliberately not, by the code they call.
    let isOp: Bool
    let body: Body
    /// A user method bound to its receiver (`self._hook`): what `copy.deepcopy` rebinds to
    /// the receiver's copy, as Python's copy of a bound method does.
    var boundMethod: (function: Function, receiver: Value)?

    public init(_ name: String, owner: String? = nil, receiver: Tensor? = nil, isOp: Bool = true, _ body: @escaping Body) {
        self.name = name
        self.owner = owner
        self.receiver = receiver
        self.isOp = isOp
        self.body = body
    }

    /// The name Python shows: builtins bound under a qualified name to keep them apart
    /// from their `F.` namesakes (`torch.kl_div`) print as `kl_div`.
    var shortName: String { name.hasPrefix("torch.") ? name.split(separator: ".").last.map(String.init) ?? name : name }
}

/// A class defined with `class Name: ...`.
public final class ClassObject {
    public let name: String
    public var attributes: [String: Value]
    public let bases: [ClassObject]
    /// The ancestors in Python's method resolution order (C3 linearization), nearest first,
    /// so a diamond finds `C.f` before `A.f` in `class D(B, C)`. Without the class itself,
    /// which would make every class keep itself alive.
    let ancestors: [ClassObject]
    /// The `@abstractmethod`s left unimplemented, which make instantiation fail.
    var abstractMethods: [String] = []

    init(name: String, attributes: [String: Value], bases: [ClassObject]) {
        self.name = name
        self.attributes = attributes
        self.bases = bases
        ancestors = ClassLinearization.ancestors(of: bases)
    }

    /// Python's `__mro__`: this class, then its ancestors.
    var mro: [ClassObject] { [self] + ancestors }

    func lookup(_ name: String) -> Value? {
        lookupWithOwner(name, after: nil)?.value
    }

    /// The first class in the resolution order, after `start` when given (as `super()`
    /// searches), that defines `name`, with its value.
    func lookupWithOwner(_ name: String, after start: ClassObject?) -> (value: Value, owner: ClassObject)? {
        var classes = ancestors[...]
        if let start, start !== self {
            guard let index = ancestors.firstIndex(where: { $0 === start }) else { return nil }
            classes = ancestors[(index + 1)...]
        } else if start == nil, let value = attributes[name] {
            return (value, self)
        }
        for candidate in classes { if let value = candidate.attributes[name] { return (value, candidate) } }
        return nil
    }

    /// Whether `ancestor` is this class or one of its ancestors.
    func inherits(from ancestor: ClassObject) -> Bool { ancestor === self || ancestors.contains { $0 === ancestor } }
}

/// Objects whose behaviour is written in Swift.
public protocol NativeObject: AnyObject {
    var typeName: String { get }
    func repr() -> String
    func attribute(_ name: String, interpreter: Interpreter) throws -> Value?
    func setAttribute(_ name: String, _ value: Value) throws -> Bool
    func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value?
    /// The items a `for` loop sees, when the object is iterable.
    func iterate() throws -> [Value]?
}

extension NativeObject {
    public func attribute(_ name: String, interpreter: Interpreter) throws -> Value? { nil }
    public func setAttribute(_ name: String, _ value: Value) throws -> Bool { false }
    public func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value? { nil }
    public func iterate() throws -> [Value]? { nil }
}

extension Value {
    /// Python's `type(x).__name__`.
    public var typeName: String {
        switch self {
        case .none: "NoneType"
        case .bool: "bool"
        case .int: "int"
        case .float: "float"
        case .string: "str"
        case let .tensor(tensor): tensor.isParameter ? "Parameter" : "Tensor"
        case let .list(list): list.dictViewName ?? (list.isSet ? (list.isFrozen ? "frozenset" : "set") : "list")
        case .tuple: "tuple"
        case let .namedTuple(tuple): String(tuple.typeName.split(separator: ".").last ?? "tuple")
        case let .dict(dict): dict.flavor.typeName
        case .dtype: "dtype"
        case .size: "Size"
        case .slice: "slice"
        case .ellipsis: "ellipsis"
        case .range: "range"
        case .function: "function"
        case .builtin: "builtin_function_or_method"
        case .module: "module"
        case .classObject: "type"
        case let .instance(instance): instance.classObject.name
        case let .native(object): object.typeName
        }
    }

    public var isNone: Bool { if case .none = self { true } else { false } }
    var isTensorValue: Bool { if case .tensor = self { true } else { false } }
}
