import TensorEngine

/// `np.random.RandomState(seed)`: the module's functions over a state of its own.
final class NumPyRandomStateObject: NativeObject {
    let members: [String: Value]
    init(members: [String: Value]) { self.members = members }
    var typeName: String { "RandomState" }
    func repr() -> String { "RandomState(MT19937)" }
    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? { members[name] }
}

/// The `np.random` functions real training scripts call (seeding, data-order
/// permutations, exemplar sampling), over numpy's legacy generator; see `NumPyRandomState`.
extension Interpreter {
    func makeNumPyRandomModule() -> Value {
        var members = makeNumPyRandomMembers(stdlib.numpyRandom)
        members["RandomState"] = stdlibFunction("RandomState") { interpreter, arguments in
            let seed = try interpreter.numpySeed(try arguments.bind("RandomState", ["seed"]).optional("seed"))
            return .native(NumPyRandomStateObject(members: interpreter.makeNumPyRandomMembers(NumPyRandomState(seed: seed))))
        }
        return .module(Namespace(name: "numpy.random", members: members))
    }

    private func makeNumPyRandomMembers(_ state: NumPyRandomState) -> [String: Value] {
        var members: [String: Value] = [:]
        func define(_ name: String, _ parameters: [String], variadic: Bool = false,
                    _ body: @escaping (Interpreter, BoundArguments) throws -> Value) {
            members[name] = stdlibFunction(name) { interpreter, arguments in
                try body(interpreter, try arguments.bind(name, parameters, variadic: variadic))
            }
        }
        define("seed", ["seed"]) { interpreter, bound in
            state.reseed(try interpreter.numpySeed(bound.optional("seed")))
            return .none
        }
        for (name, draw) in [("rand", state.double), ("randn", state.gauss)] {
            define(name, ["d0"], variadic: true) { _, bound in
                bound.values["d0"] == nil ? .float(draw()) : try numpyDraws(try bound.shape("d0"), draw)
            }
        }
        for name in ["random", "random_sample", "sample", "ranf"] {
            define(name, ["size"]) { interpreter, bound in try numpyDraws(try interpreter.numpySize(bound.optional("size")), state.double) }
        }
        define("standard_normal", ["size"]) { interpreter, bound in try numpyDraws(try interpreter.numpySize(bound.optional("size")), state.gauss) }
        define("normal", ["loc", "scale", "size"]) { interpreter, bound in
            let (mean, deviation) = (try bound.double("loc", default: 0), try bound.double("scale", default: 1))
            guard deviation >= 0 else { throw PythonError.valueError("scale < 0") }
            return try numpyDraws(try interpreter.numpySize(bound.optional("size"))) { mean + deviation * state.gauss() }
        }
        define("uniform", ["low", "high", "size"]) { interpreter, bound in
            let (low, high) = (try bound.double("low", default: 0), try bound.double("high", default: 1))
            return try numpyDraws(try interpreter.numpySize(bound.optional("size"))) { low + (high - low) * state.double() }
        }
        define("randint", ["low", "high", "size", "dtype"]) { interpreter, bound in
            try interpreter.numpyRandomIntegers(state, bound)
        }
        define("permutation", ["x"]) { interpreter, bound in try interpreter.numpyPermutation(state, try bound.value("x")) }
        define("shuffle", ["x"]) { interpreter, bound in
            try interpreter.numpyShuffle(state, try bound.value("x"))
            return .none
        }
        define("choice", ["a", "size", "replace", "p"]) { interpreter, bound in try interpreter.numpyChoice(state, bound) }
        return members.merging(makeNumPyContinuousMembers(state)) { first, _ in first }
    }

    /// A seed as numpy's legacy seeding takes it: None (the clock) or an int in [0, 2**32).
    func numpySeed(_ value: Value?) throws -> UInt32? {
        guard let value, !value.isNone else { return nil }
        let seed = try pythonInt(value)
        guard seed >= 0, seed <= 0xFFFF_FFFF else { throw PythonError.valueError("Seed must be between 0 and 2**32 - 1") }
        return UInt32(seed)
    }

    /// `size=`: None for one value, an int or a tuple for an array's shape.
    func numpySize(_ value: Value?) throws -> [Int]? {
        guard let value, !value.isNone else { return nil }
        if case let .int(count) = value { return [Int(count)] }
        return try toIntList(value, function: "size", argument: "size")
    }
}

/// One float per element of `shape` (a Python float when there is no shape), float64.
private func numpyDraws(_ shape: [Int]?, _ draw: () -> Double) throws -> Value {
    guard let shape else { return .float(draw()) }
    return .native(NDArray(tensor: try numpyDrawnArray(shape, draw)))
}

/// A new array of `shape` filled by `draw` in row-major order, checked against the
/// memory budget before anything is drawn.
func numpyDrawnArray<Element: TensorElement>(_ shape: [Int], _ draw: () -> Element) throws -> Tensor {
    guard !shape.contains(where: { $0 < 0 }) else { throw PythonError.valueError("negative dimensions are not allowed") }
    try ensureAllocatable(shape: shape, itemSize: 8)
    let count = shape.reduce(1, *)
    var values = [Element]()
    values.reserveCapacity(count)
    for _ in 0..<count { values.append(draw()) }
    return try Tensor(values: values, shape: shape)
}
