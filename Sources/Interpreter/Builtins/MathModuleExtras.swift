import Glibc

/// The rest of Python 3.11's `math` module: float decomposition, sign and remainder
/// functions, exact integer combinatorics, and `fsum`'s exact summation.
extension Interpreter {
    func makeMathExtraMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        func define(_ name: String, _ parameters: [String], _ body: @escaping (Interpreter, BoundArguments) throws -> Value) {
            members[name] = .builtin(Builtin(name) { interpreter, arguments in try body(interpreter, try arguments.bind(name, parameters)) })
        }
        func double(_ interpreter: Interpreter, _ bound: BoundArguments, _ name: String) throws -> Double {
            try interpreter.pythonDouble(try bound.value(name))
        }
        define("copysign", ["x", "y"]) { .float(Double(signOf: try double($0, $1, "y"), magnitudeOf: try double($0, $1, "x"))) }
        define("fmod", ["x", "y"]) { interpreter, bound in
            let (x, y) = (try double(interpreter, bound, "x"), try double(interpreter, bound, "y"))
            guard !(y == 0 && !x.isNaN) && !x.isInfinite else { throw PythonError.valueError("math domain error") }
            return .float(Glibc.fmod(x, y))
        }
        define("remainder", ["x", "y"]) { interpreter, bound in
            let (x, y) = (try double(interpreter, bound, "x"), try double(interpreter, bound, "y"))
            guard !(y == 0 && !x.isNaN) && !x.isInfinite else { throw PythonError.valueError("math domain error") }
            return .float(Glibc.remainder(x, y))
        }
        define("frexp", ["x"]) { interpreter, bound in
            let x = try double(interpreter, bound, "x")
            guard x.isFinite, x != 0 else { return .tuple([.float(x), .int(0)]) }
            var exponent: Int32 = 0
            let mantissa = Glibc.frexp(x, &exponent)
            return .tuple([.float(mantissa), .int(Int64(exponent))])
        }
        define("ldexp", ["x", "i"]) { interpreter, bound in
            let x = try double(interpreter, bound, "x")
            // Past ±2**16 the result is 0 or out of range for every finite x, as it is below.
            let exponent = Swift.max(-(1 << 16), Swift.min(1 << 16, try interpreter.pythonInt(try bound.value("i"))))
            let result = Glibc.scalbn(x, Int32(exponent))
            if result.isInfinite && x.isFinite { throw PythonError.overflow("math range error") }
            return .float(result)
        }
        define("modf", ["x"]) { interpreter, bound in
            let x = try double(interpreter, bound, "x")
            if x.isInfinite { return .tuple([.float(Double(signOf: x, magnitudeOf: 0)), .float(x)]) }
            let whole = x.rounded(.towardZero)
            return .tuple([.float(Double(signOf: x, magnitudeOf: x - whole)), .float(whole)])
        }
        define("cbrt", ["x"]) { .float(Glibc.cbrt(try double($0, $1, "x"))) }
        define("exp2", ["x"]) { .float(Glibc.exp2(try double($0, $1, "x"))) }
        define("ulp", ["x"]) { interpreter, bound in
            let x = Swift.abs(try double(interpreter, bound, "x"))
            guard x.isFinite else { return .float(x) }
            return .float(x == .greatestFiniteMagnitude ? x - x.nextDown : x.nextUp - x)
        }
        define("nextafter", ["x", "y"]) { .float(Glibc.nextafter(try double($0, $1, "x"), try double($0, $1, "y"))) }
        members["hypot"] = .builtin(Builtin("hypot") { interpreter, arguments in
            .float(try euclideanNorm(arguments.positional.map { try interpreter.pythonDouble($0) }))
        })
        define("dist", ["p", "q"]) { interpreter, bound in
            let p = try interpreter.iterate(try bound.value("p")).map { try interpreter.pythonDouble($0) }
            let q = try interpreter.iterate(try bound.value("q")).map { try interpreter.pythonDouble($0) }
            guard p.count == q.count else { throw PythonError.valueError("both points must have the same number of dimensions") }
            return .float(try euclideanNorm(zip(p, q).map { $0 - $1 }))
        }
        members["fsum"] = .builtin(Builtin("fsum") { interpreter, arguments in
            let bound = try arguments.bind("fsum", ["seq"])
            return .float(try exactSum(try interpreter.iterate(try bound.value("seq")).map { try interpreter.pythonDouble($0) }))
        })
        return members.merging(makeMathIntegerMembers()) { first, _ in first }
    }

    /// `isqrt`, `comb`, `perm` and `lcm`, with results that grow past int64 as Python's do.
    private func makeMathIntegerMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        members["isqrt"] = .builtin(Builtin("isqrt") { interpreter, arguments in
            let n = try interpreter.pythonInt(try arguments.bind("isqrt", ["n"]).value("n"))
            guard n >= 0 else { throw PythonError.valueError("isqrt() argument must be nonnegative") }
            var root = Int64(Double(n).squareRoot())
            while root > 0 && root.multipliedReportingOverflow(by: root).overflow || root * root > n { root -= 1 }
            while case let (square, false) = (root + 1).multipliedReportingOverflow(by: root + 1), square <= n { root += 1 }
            return .int(root)
        })
        for name in ["comb", "perm"] {
            members[name] = .builtin(Builtin(name) { interpreter, arguments in
                let bound = try arguments.bind(name, ["n", "k"])
                let n = try interpreter.pythonInt(try bound.value("n"))
                let kValue = bound.optional("k") ?? .none
                let k = kValue.isNone && name == "perm" ? n : try interpreter.pythonInt(kValue)
                guard n >= 0 else { throw PythonError.valueError("n must be a non-negative integer") }
                guard k >= 0 else { throw PythonError.valueError("k must be a non-negative integer") }
                guard k <= n else { return .int(0) }
                let steps = name == "comb" ? Swift.min(k, n - k) : k
                var result: Value = .int(1)
                for step in stride(from: Int64(0), to: steps, by: 1) {
                    if step & 0xFF == 0 { try interpreter.checkInterrupt() }
                    result = try interpreter.binaryOperation(.multiply, result, .int(n - step))
                    if name == "comb" { result = try interpreter.binaryOperation(.floorDivide, result, .int(step + 1)) }
                }
                return result
            })
        }
        members["lcm"] = .builtin(Builtin("lcm") { interpreter, arguments in
            var result: Value = .int(1)
            for argument in arguments.positional {
                var (a, b) = (result, Value.int(try interpreter.pythonInt(argument)))
                if case .int(0) = b { return .int(0) }
                let product = try interpreter.binaryOperation(.multiply, a, b)
                while try interpreter.truthy(b) { (a, b) = (b, try interpreter.binaryOperation(.modulo, a, b)) }
                let quotient = try interpreter.binaryOperation(.floorDivide, product, a)
                result = try interpreter.truthy(try interpreter.compare(.less, quotient, .int(0))) ? try interpreter.binaryOperation(.subtract, .int(0), quotient) : quotient
            }
            return result
        })
        return members
    }
}

/// √(Σ x²) without overflow or underflow, nearly always correctly rounded as CPython's
/// `math.hypot` is: the values are scaled by a power of two (exactly), their squares are
/// summed exactly, and one Newton step corrects the square root against the exact sum.
private func euclideanNorm(_ values: [Double]) throws -> Double {
    if values.contains(where: \.isInfinite) { return .infinity }
    if values.contains(where: \.isNaN) { return .nan }
    let largest = values.map { Swift.abs($0) }.max() ?? 0
    guard largest > 0 else { return 0 }
    let scale = Double(sign: .plus, exponent: largest.exponent, significand: 1)
    let scaled = values.map { $0 / scale }
    // x² as the rounded square plus its exact rounding error, so their sum is exact.
    func exactSquare(_ x: Double) -> [Double] { [x * x, (-(x * x)).addingProduct(x, x)] }
    let squares = scaled.flatMap(exactSquare)
    var root = try exactSum(squares).squareRoot()
    let residual = try exactSum(squares + exactSquare(root).map { -$0 })
    root += residual / (2 * root)
    return root * scale
}

/// The correctly rounded sum of `values`, by Shewchuk's exact partial sums (CPython's
/// `math.fsum`): `fsum([0.1] * 10)` is 1.0 where a running sum gives 0.9999999999999999.
private func exactSum(_ values: [Double]) throws -> Double {
    var partials: [Double] = []
    var special = 0.0
    for value in values {
        guard value.isFinite else { special += value; continue }
        var x = value
        var kept = 0
        for partial in partials {
            var (high, low) = Swift.abs(x) < Swift.abs(partial) ? (partial, x) : (x, partial)
            let sum = high + low
            low = low - (sum - high)
            high = sum
            if low != 0 { partials[kept] = low; kept += 1 }
            x = high
        }
        partials.removeSubrange(kept...)
        partials.append(x)
    }
    if special.isNaN && !values.contains(where: \.isNaN) { throw PythonError.valueError("-inf + inf in fsum") }
    if special != 0 || special.isNaN { return special }
    // Adds the partials from the largest down, with CPython's half-way correction.
    var total = 0.0
    var index = partials.count
    if index > 0 {
        index -= 1
        total = partials[index]
        var low = 0.0
        while index > 0 {
            index -= 1
            let x = total
            let y = partials[index]
            total = x + y
            low = y - (total - x)
            if low != 0 { break }
        }
        if index > 0, (low < 0 && partials[index - 1] < 0) || (low > 0 && partials[index - 1] > 0) {
            let y = low * 2
            let x = total + y
            if y == x - total { total = x }
        }
    }
    return total
}
