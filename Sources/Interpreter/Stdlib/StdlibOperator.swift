import PySyntax

/// `operator`: the language's operators as functions, through the same machinery as
/// `a + b`, so tensors, user classes' `__add__` and broadcasting all behave the same.
extension Interpreter {
    func makeOperatorMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        let binary: [(String, BinaryOperator)] = [
            ("add", .add), ("sub", .subtract), ("mul", .multiply), ("truediv", .divide), ("floordiv", .floorDivide),
            ("mod", .modulo), ("pow", .power), ("matmul", .matrixMultiply), ("and_", .bitAnd), ("or_", .bitOr), ("xor", .bitXor),
            ("lshift", .leftShift), ("rshift", .rightShift),
        ]
        for (name, op) in binary {
            members[name] = stdlibFunction(name) { interpreter, arguments in
                let bound = try arguments.bind(name, ["a", "b"])
                return try interpreter.binaryOperation(op, try bound.value("a"), try bound.value("b"))
            }
        }
        let comparisons: [(String, CompareOperator)] = [
            ("eq", .equal), ("ne", .notEqual), ("lt", .less), ("le", .lessEqual), ("gt", .greater), ("ge", .greaterEqual),
            ("contains", .in), ("is_", .is), ("is_not", .isNot),
        ]
        for (name, op) in comparisons {
            members[name] = stdlibFunction(name) { interpreter, arguments in
                let bound = try arguments.bind(name, ["a", "b"])
                // `contains(a, b)` is `b in a`: the container comes first.
                if op == .in { return try interpreter.compare(.in, try bound.value("b"), try bound.value("a")) }
                return try interpreter.compare(op, try bound.value("a"), try bound.value("b"))
            }
        }
        for (name, op) in [("neg", UnaryOperator.negate), ("pos", .plus), ("not_", .not), ("invert", .invert)] {
            members[name] = stdlibFunction(name) { interpreter, arguments in
                try interpreter.unaryOperation(op, try arguments.bind(name, ["a"]).value("a"))
            }
        }
        members["truth"] = stdlibFunction("truth") { interpreter, arguments in
            .bool(try interpreter.truthy(try arguments.bind("truth", ["a"]).value("a")))
        }
        members["getitem"] = stdlibFunction("getitem") { interpreter, arguments in
            let bound = try arguments.bind("getitem", ["a", "b"])
            return try interpreter.subscriptValue(try bound.value("a"), try bound.value("b"))
        }
        members["itemgetter"] = stdlibFunction("itemgetter") { _, arguments in
            .native(Getter(kind: "itemgetter", keys: arguments.positional) { interpreter, object, key in try interpreter.subscriptValue(object, key) })
        }
        members["attrgetter"] = stdlibFunction("attrgetter") { _, arguments in
            .native(Getter(kind: "attrgetter", keys: arguments.positional) { interpreter, object, key in
                // `attrgetter('a.b')` follows the dotted path.
                try interpreter.str(key).split(separator: ".").reduce(object) { try interpreter.attribute(of: $0, String($1)) }
            })
        }
        return members
    }
}

/// `itemgetter(1)` / `attrgetter('x', 'y')`: one key gives one value, several a tuple.
final class Getter: NativeCallable {
    let kind: String
    let keys: [Value]
    let fetch: (Interpreter, Value, Value) throws -> Value

    init(kind: String, keys: [Value], fetch: @escaping (Interpreter, Value, Value) throws -> Value) {
        self.kind = kind
        self.keys = keys
        self.fetch = fetch
    }

    var typeName: String { "operator.\(kind)" }
    func repr() -> String { "operator.\(kind)(...)" }

    func call(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value? {
        let object = try arguments.bind(kind, ["obj"]).value("obj")
        let values = try keys.map { try fetch(interpreter, object, $0) }
        return values.count == 1 ? values[0] : .tuple(values)
    }
}
