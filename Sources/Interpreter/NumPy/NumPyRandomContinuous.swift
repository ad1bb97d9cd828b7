import Glibc

/// numpy's legacy gamma-family draws (`RandomState`'s, frozen since numpy 1.16), so that
/// mixup's `np.random.beta(alpha, alpha)` gives the same λ after `np.random.seed` as
/// numpy does: Jöhnk's algorithm for a, b <= 1, otherwise the ratio of two Marsaglia–Tsang
/// gamma draws; exponentials by inversion.
extension Interpreter {
    func makeNumPyContinuousMembers(_ state: NumPyRandomState) -> [String: Value] {
        var members: [String: Value] = [:]
        func define(_ name: String, _ parameters: [String], _ draw: @escaping (Interpreter, BoundArguments) throws -> () -> Double) {
            members[name] = stdlibFunction(name) { interpreter, arguments in
                let bound = try arguments.bind(name, parameters + ["size"])
                let next = try draw(interpreter, bound)
                guard let shape = try interpreter.numpySize(bound.optional("size")) else { return .float(next()) }
                return .native(NDArray(tensor: try numpyDrawnArray(shape, next)))
            }
        }
        func positive(_ bound: BoundArguments, _ name: String, default fallback: Double? = nil, allowsZero: Bool = false) throws -> Double {
            let value = try fallback.map { try bound.double(name, default: $0) } ?? bound.double(name)
            guard allowsZero ? value >= 0 : value > 0 else { throw PythonError.valueError(allowsZero ? "\(name) < 0" : "\(name) <= 0") }
            return value
        }
        define("beta", ["a", "b"]) { _, bound in
            let (a, b) = (try positive(bound, "a"), try positive(bound, "b"))
            return { state.beta(a, b) }
        }
        define("standard_gamma", ["shape"]) { _, bound in
            let shape = try positive(bound, "shape", allowsZero: true)
            return { state.standardGamma(shape) }
        }
        define("gamma", ["shape", "scale"]) { _, bound in
            let (shape, scale) = (try positive(bound, "shape", allowsZero: true), try positive(bound, "scale", default: 1, allowsZero: true))
            return { scale * state.standardGamma(shape) }
        }
        define("standard_exponential", []) { _, _ in { state.standardExponential() } }
        define("exponential", ["scale"]) { _, bound in
            let scale = try positive(bound, "scale", default: 1, allowsZero: true)
            return { scale * state.standardExponential() }
        }
        define("lognormal", ["mean", "sigma"]) { _, bound in
            let (mean, sigma) = (try bound.double("mean", default: 0), try positive(bound, "sigma", default: 1, allowsZero: true))
            return { Glibc.exp(mean + sigma * state.gauss()) }
        }
        return members
    }
}

extension NumPyRandomState {
    func standardExponential() -> Double { -Glibc.log(1 - double()) }

    func standardGamma(_ shape: Double) -> Double {
        if shape == 1 { return standardExponential() }
        if shape == 0 { return 0 }
        if shape < 1 {
            while true {
                let u = double(), v = standardExponential()
                if u <= 1 - shape {
                    let x = Glibc.pow(u, 1 / shape)
                    if x <= v { return x }
                } else {
                    let y = -Glibc.log((1 - u) / shape)
                    let x = Glibc.pow(1 - shape + shape * y, 1 / shape)
                    if x <= v + y { return x }
                }
            }
        }
        let b = shape - 1.0 / 3.0
        let c = 1 / (9 * b).squareRoot()
        while true {
            var x = 0.0, v = 0.0
            repeat {
                x = gauss()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = double()
            if u < 1 - 0.0331 * (x * x) * (x * x) { return b * v }
            if Glibc.log(u) < 0.5 * x * x + b * (1 - v + Glibc.log(v)) { return b * v }
        }
    }

    func beta(_ a: Double, _ b: Double) -> Double {
        guard a <= 1 && b <= 1 else {
            let first = standardGamma(a)
            return first / (first + standardGamma(b))
        }
        while true {
            let u = double(), v = double()
            let x = Glibc.pow(u, 1 / a), y = Glibc.pow(v, 1 / b)
            guard x + y <= 1 else { continue }
            if x + y > 0 { return x / (x + y) }
            // Both powers underflowed: the same ratio, in logarithms.
            var logX = Glibc.log(u) / a, logY = Glibc.log(v) / b
            let largest = Swift.max(logX, logY)
            logX -= largest
            logY -= largest
            return Glibc.exp(logX - Glibc.log(Glibc.exp(logX) + Glibc.exp(logY)))
        }
    }
}
