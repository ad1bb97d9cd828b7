/// One generator: the `random` module's shared one, or a `random.Random(seed)` instance's.
final class RandomSource {
    var generator: PythonRandom
    init(seed: UInt64?) { generator = PythonRandom(seed: seed) }
}

/// `random.Random(seed)`: the module's functions over a generator of its own.
final class RandomInstance: NativeObject {
    let members: [String: Value]
    init(members: [String: Value]) { self.members = members }
    var typeName: String { "Random" }
    func repr() -> String { "<random.Random object>" }
    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? { members[name] }
}

/// The `random` module, drawing as CPython does; see `PythonRandom`.
extension Interpreter {
    func makeRandomModuleMembers() -> [String: Value] {
        var members = makeRandomMembers(stdlib.random)
        members["Random"] = stdlibFunction("Random") { interpreter, arguments in
            let seed = try arguments.bind("Random", ["x"]).optional("x").map { try interpreter.pythonInt($0).magnitude }
            return .native(RandomInstance(members: interpreter.makeRandomMembers(RandomSource(seed: seed))))
        }
        return members
    }

    private func makeRandomMembers(_ source: RandomSource) -> [String: Value] {
        var members: [String: Value] = [:]
        func define(_ name: String, _ parameters: [String], _ body: @escaping (Interpreter, BoundArguments) throws -> Value) {
            members[name] = stdlibFunction(name) { interpreter, arguments in try body(interpreter, try arguments.bind(name, parameters)) }
        }
        define("seed", ["a", "version"]) { interpreter, bound in
            let seed = try bound.optional("a").map { try interpreter.pythonInt($0) }
            source.generator.reseed(seed.map { $0.magnitude })
            return .none
        }
        define("random", []) { interpreter, _ in .float(source.generator.random()) }
        define("uniform", ["a", "b"]) { interpreter, bound in
            let a = try bound.double("a")
            return .float(a + (try bound.double("b") - a) * source.generator.random())
        }
        define("gauss", ["mu", "sigma"]) { interpreter, bound in
            .float(source.generator.gauss(mean: try bound.double("mu", default: 0), deviation: try bound.double("sigma", default: 1)))
        }
        define("getrandbits", ["k"]) { interpreter, bound in
            let count = try bound.int("k")
            guard count >= 0 else { throw PythonError.valueError("number of bits must be non-negative") }
            guard count < 64 else { throw PythonError.overflow("getrandbits(k) beyond 63 bits does not fit in 64-bit ints") }
            return .int(Int64(source.generator.randomBits(count)))
        }
        define("randrange", ["start", "stop", "step"]) { interpreter, bound in
            guard let stop = try bound.optionalInt("stop") else { return try interpreter.randomRange(&source.generator, 0, try bound.int("start"), 1) }
            return try interpreter.randomRange(&source.generator, try bound.int("start"), stop, try bound.int("step", default: 1))
        }
        define("randint", ["a", "b"]) { interpreter, bound in
            try interpreter.randomRange(&source.generator, try bound.int("a"), try bound.int("b") + 1, 1)
        }
        define("choice", ["seq"]) { interpreter, bound in
            let items = try interpreter.iterate(try bound.value("seq"))
            guard !items.isEmpty else { throw PythonError.indexError("Cannot choose from an empty sequence") }
            return items[Int(source.generator.below(UInt64(items.count)))]
        }
        define("shuffle", ["x"]) { interpreter, bound in
            guard case let .list(list) = try bound.value("x") else { throw PythonError.typeError("shuffle() needs a list") }
            for position in stride(from: list.items.count - 1, to: 0, by: -1) {
                let other = Int(source.generator.below(UInt64(position + 1)))
                list.items.swapAt(position, other)
            }
            return .none
        }
        define("sample", ["population", "k", "*", "counts"]) { interpreter, bound in
            .list(ListStorage(try interpreter.randomSample(&source.generator, try interpreter.iterate(try bound.value("population")), try bound.int("k"))))
        }
        return members
    }

    private func randomRange(_ generator: inout PythonRandom, _ start: Int, _ stop: Int, _ step: Int) throws -> Value {
        guard step != 0 else { throw PythonError.valueError("zero step for randrange()") }
        let count = rangeCount(Int64(start), Int64(stop), Int64(step))
        guard count > 0 else { throw PythonError.valueError("empty range in randrange(\(start), \(stop)\(step == 1 ? "" : ", \(step)"))") }
        // start + step * k stays between start and stop, so the wrapping arithmetic is exact.
        return .int(Int64(start) &+ Int64(step) &* Int64(bitPattern: generator.below(UInt64(count))))
    }

    /// CPython's `sample`: a shrinking pool for small populations, rejection of repeats for large ones.
    private func randomSample(_ generator: inout PythonRandom, _ population: [Value], _ count: Int) throws -> [Value] {
        let size = population.count
        guard count >= 0, count <= size else { throw PythonError.valueError("Sample larger than population or is negative") }
        var setSize = 21
        if count > 5 {
            var power = 1
            while power < count * 3 { power *= 4 }
            setSize += power
        }
        var result: [Value] = []
        if size <= setSize {
            var pool = population
            for position in 0..<count {
                let chosen = Int(generator.below(UInt64(size - position)))
                result.append(pool[chosen])
                pool[chosen] = pool[size - position - 1]
            }
        } else {
            var selected: Set<Int> = []
            for _ in 0..<count {
                var chosen = Int(generator.below(UInt64(size)))
                while selected.contains(chosen) { chosen = Int(generator.below(UInt64(size))) }
                selected.insert(chosen)
                result.append(population[chosen])
            }
        }
        return result
    }
}
