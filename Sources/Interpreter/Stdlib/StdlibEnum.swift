import PySyntax

/// `enum`: `Enum`, `IntEnum`, `auto` and `unique`. A class deriving from Enum turns its
/// plain class attributes into members, in definition order; each member is an instance
/// with `name` and `value`. Calling the class looks a member up by value, subscripting it
/// by name, and iterating it yields the members, as Python's EnumType does.
extension Interpreter {
    func makeEnumMembers() -> [String: Value] {
        let enumBase = ClassObject(name: "Enum", attributes: [
            enumMarker: .bool(true),
            "__repr__": .builtin(Builtin("__repr__", isOp: false) { interpreter, arguments in
                let (member, classObject) = try receivingMember(arguments)
                return .string("<\(classObject.name).\(try interpreter.str(member.attributes["_name_"] ?? .none)): \(try interpreter.repr(member.attributes["_value_"] ?? .none))>")
            }),
            "__str__": .builtin(Builtin("__str__", isOp: false) { interpreter, arguments in
                let (member, classObject) = try receivingMember(arguments)
                return .string("\(classObject.name).\(try interpreter.str(member.attributes["_name_"] ?? .none))")
            }),
        ], bases: [])
        // Python 3.11's IntEnum prints as its number.
        let intEnum = ClassObject(name: "IntEnum", attributes: [
            "__str__": .builtin(Builtin("__str__", isOp: false) { interpreter, arguments in
                .string(try interpreter.str(try receivingMember(arguments).member.attributes["_value_"] ?? .none))
            }),
            "__int__": .builtin(Builtin("__int__", isOp: false) { _, arguments in try receivingMember(arguments).member.attributes["_value_"] ?? .none }),
            "__index__": .builtin(Builtin("__index__", isOp: false) { _, arguments in try receivingMember(arguments).member.attributes["_value_"] ?? .none }),
        ], bases: [enumBase])
        return [
            "Enum": .classObject(enumBase),
            "IntEnum": .classObject(intEnum),
            "auto": stdlibFunction("auto") { _, arguments in
                _ = try arguments.bind("auto", [])
                return .native(EnumAuto())
            },
            "unique": stdlibFunction("unique") { _, arguments in try arguments.bind("unique", ["enumeration"]).value("enumeration") },
        ]
    }

    /// Turns the class attributes assigned in `body` into members, when `classObject`
    /// derives from Enum and is the first class to define members.
    func makeEnumMembersIfEnum(_ classObject: ClassObject, body: [Stmt]) throws {
        guard classObject.lookup(enumMarker) != nil, classObject.attributes[memberNamesKey] == nil,
              !classObject.bases.contains(where: { enumMembers(of: $0) != nil }) else {
            if classObject.bases.contains(where: { !(enumMembers(of: $0)?.isEmpty ?? true) }) {
                throw PythonError.typeError("\(classObject.name): cannot extend an enumeration that has members")
            }
            return
        }
        var names: [String] = [], lastValue: Value = .int(0)
        for statement in body {
            guard case let .assign(targets, _) = statement.kind, targets.count == 1, case let .name(name) = targets[0].kind,
                  !name.hasPrefix("_"), var value = classObject.attributes[name] else { continue }
            switch value {
            case .function, .builtin, .classObject: continue
            case .native(is EnumAuto):
                value = try binaryOperation(.add, lastValue, .int(1))
            default: break
            }
            lastValue = value
            // A second name for an existing value is an alias of that member.
            if let existing = try names.first(where: { try pythonEqual(memberValue(classObject, $0), value) }) {
                classObject.attributes[name] = classObject.attributes[existing]
                continue
            }
            let member = Instance(classObject: classObject)
            // `class Color(str, Enum)`: each member is also the str (or int) it holds.
            if builtinBase(of: classObject) != nil { member.builtinValue = value }
            for (key, item) in [("name", Value.string(name)), ("value", value), ("_name_", .string(name)), ("_value_", value)] {
                member.attributes[key] = item
                member.attributeOrder.append(key)
            }
            classObject.attributes[name] = .instance(member)
            names.append(name)
        }
        classObject.attributes[memberNamesKey] = .list(ListStorage(names.map { .string($0) }))
    }

    /// The members in definition order, or nil for a class that is not an enumeration.
    func enumMembers(of classObject: ClassObject) -> [Value]? {
        guard case let .list(names)? = classObject.attributes[memberNamesKey] else { return nil }
        return names.items.compactMap { name in if case let .string(text) = name { classObject.attributes[text] } else { nil } }
    }

    /// `Mode("eval")`: the member whose value equals `value`.
    func enumMember(_ classObject: ClassObject, value: Value) throws -> Value {
        let members = enumMembers(of: classObject) ?? []
        if let match = try members.first(where: { member in
            if case let .instance(instance) = member { return try pythonEqual(instance.attributes["_value_"] ?? .none, value) }
            return false
        }) {
            return match
        }
        if case .instance(let instance) = value, instance.classObject === classObject { return value }
        throw PythonError.valueError("\(try repr(value)) is not a valid \(classObject.name)")
    }

    /// `Mode["EVAL"]`: the member called `name`.
    func enumMember(_ classObject: ClassObject, named name: Value) throws -> Value {
        guard case let .string(text) = name, let member = classObject.attributes[text], case .instance = member else {
            throw PythonError("KeyError", try repr(name))
        }
        return member
    }

    private func memberValue(_ classObject: ClassObject, _ name: String) -> Value {
        guard case let .instance(member)? = classObject.attributes[name] else { return .none }
        return member.attributes["_value_"] ?? .none
    }

    private func pythonEqual(_ left: Value, _ right: Value) throws -> Bool {
        try truthy(try compare(.equal, left, right))
    }
}

/// Marks a class as an enumeration (set on `Enum`, found through the bases).
let enumMarker = "__tensortutor_enum__"
/// The member names in definition order, on the class that defines them.
private let memberNamesKey = "_member_names_"

/// `auto()`: the next member's value, one more than the previous (1 for the first).
final class EnumAuto: NativeObject {
    var typeName: String { "auto" }
    func repr() -> String { "auto()" }
}

/// The member and its class, for the methods Enum's members share.
private func receivingMember(_ arguments: CallArguments) throws -> (member: Instance, classObject: ClassObject) {
    guard case let .instance(member)? = arguments.positional.first else {
        throw PythonError.typeError("descriptor requires an Enum member")
    }
    return (member, member.classObject)
}
