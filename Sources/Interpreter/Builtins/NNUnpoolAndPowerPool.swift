import Autograd
import TensorEngine

/// `F.max_unpool1d/2d`, `F.lp_pool1d/2d/3d` and their modules, as functional.py composes
/// them: unpooling finds the output size with `_unpool_output_size`, power-average
/// pooling is `avg_pool` of xᵖ, scaled by the window size, to the power 1/p.
extension Interpreter {
    func functionalUnpoolAndPowerPoolMembers() -> [String: Value] {
        var entries: [(String, [String], FunctionalBody)] = []
        for rank in [1, 2] {
            entries.append(("max_unpool\(rank)d", ["input", "indices", "kernel_size", "stride", "padding", "output_size"], { interpreter, bound in
                .tensor(try interpreter.maxUnpool(try bound.tensor("input"), indices: try bound.tensor("indices"), rank: rank,
                                                  kernel: try bound.value("kernel_size"), stride: bound.optional("stride"),
                                                  padding: bound.optional("padding") ?? .int(0), outputSize: bound.optional("output_size")))
            }))
        }
        for rank in [1, 2, 3] {
            entries.append(("lp_pool\(rank)d", ["input", "norm_type", "kernel_size", "stride", "ceil_mode"], { interpreter, bound in
                .tensor(try interpreter.powerAveragePool(try bound.tensor("input"), rank: rank, normType: try bound.value("norm_type"),
                                                         kernel: try bound.value("kernel_size"), stride: bound.optional("stride") ?? .none,
                                                         ceilMode: try bound.bool("ceil_mode", default: false)))
            }))
        }
        return functionalTable(entries)
    }

    func unpoolAndPowerPoolModuleMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        for rank in [1, 2] {
            let name = "MaxUnpool\(rank)d"
            members[name] = .builtin(Builtin(name) { interpreter, arguments in
                let bound = try arguments.bind(name, ["kernel_size", "stride", "padding"])
                let kernel = try interpreter.sizeTuple(try bound.value("kernel_size"), rank: rank)
                let stride = try interpreter.sizeTuple(bound.optional("stride").flatMap { $0.isNone ? nil : $0 } ?? kernel, rank: rank)
                let padding = try interpreter.sizeTuple(bound.optional("padding") ?? .int(0), rank: rank)
                return .native(MaxUnpoolModule(name: name, rank: rank, kernel: kernel, stride: stride, padding: padding))
            })
        }
        for rank in [1, 2, 3] {
            let name = "LPPool\(rank)d"
            members[name] = .builtin(Builtin(name) { interpreter, arguments in
                let bound = try arguments.bind(name, ["norm_type", "kernel_size", "stride", "ceil_mode"])
                let (normType, kernel) = (try bound.value("norm_type"), try bound.value("kernel_size"))
                let stride = bound.optional("stride") ?? .none, ceilMode = try bound.bool("ceil_mode", default: false)
                let description = "norm_type=\(try interpreter.repr(normType)), kernel_size=\(try interpreter.repr(kernel)), "
                    + "stride=\(try interpreter.repr(stride)), ceil_mode=\(ceilMode ? "True" : "False")"
                return .native(FunctionModule(name: name, description: description) { interpreter, input in
                    .tensor(try interpreter.powerAveragePool(input, rank: rank, normType: normType, kernel: kernel, stride: stride,
                                                             ceilMode: ceilMode))
                })
            })
        }
        return members
    }

    /// `_single`/`_pair`: an int repeated, or the sequence as a tuple.
    func sizeTuple(_ value: Value, rank: Int) throws -> Value {
        if case .int = value { return .tuple(Array(repeating: value, count: rank)) }
        return .tuple(try iterate(value))
    }

    func maxUnpool(_ input: Tensor, indices: Tensor, rank: Int, kernel: Value, stride: Value?, padding: Value, outputSize: Value?) throws -> Tensor {
        let kernels = try toIntList(try sizeTuple(kernel, rank: rank), function: "max_unpool\(rank)d", argument: "kernel_size")
        let strides = try stride.flatMap { $0.isNone ? nil : try toIntList(try sizeTuple($0, rank: rank), function: "max_unpool\(rank)d", argument: "stride") }
            ?? kernels
        let paddings = try toIntList(try sizeTuple(padding, rank: rank), function: "max_unpool\(rank)d", argument: "padding")
        let size = try unpoolOutputSize(input, kernels: kernels, strides: strides, paddings: paddings, requested: outputSize)
        guard rank == 1 else { return try Autodiff.maxUnpool2d(input, indices: indices, outputSize: size) }
        let output = try Autodiff.maxUnpool2d(try Autodiff.unsqueeze(input, -1), indices: try Autodiff.unsqueeze(indices, -1), outputSize: size + [1])
        return try Autodiff.squeeze(output, [-1])
    }

    /// functional.py's `_unpool_output_size`: the size pooling came from, or a requested
    /// one (its last k entries) within a stride of it.
    private func unpoolOutputSize(_ input: Tensor, kernels: [Int], strides: [Int], paddings: [Int], requested: Value?) throws -> [Int] {
        let rank = kernels.count
        let defaults = try (0..<rank).map { d in
            let length = input.shape[try normalizeDim(-rank + d, rank: input.rank)]
            return (length - 1) * strides[d] + kernels[d] - 2 * paddings[d]
        }
        guard let requested, !requested.isNone else { return defaults }
        var shown = requested
        var sizes = try toIntList(requested, function: "max_unpool\(rank)d", argument: "output_size")
        if sizes.count == rank + 2 {
            sizes = Array(sizes.dropFirst(2))
            switch requested {
            case .list: shown = .list(ListStorage(sizes.map { .int(Int64($0)) }))
            case .size: shown = .size(sizes)
            default: shown = .tuple(sizes.map { .int(Int64($0)) })
            }
        }
        guard sizes.count == rank else {
            throw PythonError.valueError(
                "output_size should be a sequence containing \(rank) or \(rank + 2) elements, but it has a length of '\(sizes.count)'")
        }
        for d in 0..<rank {
            let (low, high) = (defaults[d] - strides[d], defaults[d] + strides[d])
            guard low < sizes[d], sizes[d] < high else {
                throw PythonError.valueError("invalid output_size \"\(try repr(shown))\" (dim \(d) must be between \(low) and \(high))")
            }
        }
        return sizes
    }

    func powerAveragePool(_ input: Tensor, rank: Int, normType: Value, kernel: Value, stride: Value, ceilMode: Bool) throws -> Tensor {
        let p = try pythonDouble(normType)
        let pooling = functionalPoolingMembers()
        if p == 0 { throw PythonError.valueError("norm_type must be a non-zero value, but got \(try repr(normType))") }
        if p.isInfinite {
            // max_pool of |x| for p = inf; -max_pool(-|x|) for p = -inf.
            var magnitude = try Autodiff.unary(.abs, input)
            if p < 0 { magnitude = try Autodiff.unary(.negate, magnitude) }
            guard let maxPool = pooling["max_pool\(rank)d"] else { throw PythonError.attributeError("no F.max_pool\(rank)d") }
            let pooled = try tensorResult(try call(maxPool, CallArguments([.tensor(magnitude), kernel, stride, .int(0), .int(1), .bool(ceilMode)])))
            return p < 0 ? try Autodiff.unary(.negate, pooled) : pooled
        }
        let exponent: Scalar = if case .int(let n) = normType { .int(n) } else { .float(p) }
        let powered = try Autodiff.binary(.power, .tensor(input), .scalar(exponent))
        guard let averagePool = pooling["avg_pool\(rank)d"] else { throw PythonError.attributeError("no F.avg_pool\(rank)d") }
        let out = try tensorResult(try call(averagePool, CallArguments([.tensor(powered), kernel], keywords: [
            ("stride", stride), ("padding", .int(0)), ("ceil_mode", .bool(ceilMode)),
        ])))
        let signed = try Autodiff.binary(.multiply, .tensor(try Autodiff.unary(.sign, out)),
                                         .tensor(try Autodiff.unary(.relu, try Autodiff.unary(.abs, out))))
        let window = try toIntList(try sizeTuple(kernel, rank: rank), function: "lp_pool\(rank)d", argument: "kernel_size").reduce(1, *)
        let scaled = try Autodiff.binary(.multiply, .tensor(signed), .scalar(.int(Int64(window))))
        return try Autodiff.binary(.power, .tensor(scaled), .scalar(.float(1.0 / p)))
    }

    private func tensorResult(_ value: Value) throws -> Tensor {
        guard case .tensor(let tensor) = value else { throw PythonError.typeError("pooling did not return a tensor") }
        return tensor
    }
}

/// `nn.MaxUnpool1d/2d(kernel_size, stride=None, padding=0)`: its sizes kept as tuples
/// (`_single`/`_pair`), its forward `F.max_unpool` of (input, indices, output_size=None).
final class MaxUnpoolModule: NNModule {
    let rank: Int
    let kernel: Value, stride: Value, padding: Value

    init(name: String, rank: Int, kernel: Value, stride: Value, padding: Value) {
        (self.rank, self.kernel, self.stride, self.padding) = (rank, kernel, stride, padding)
        super.init(name: name)
    }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? {
        MaxUnpoolModule(name: name, rank: rank, kernel: kernel, stride: stride, padding: padding)
    }

    override func extraRepr() -> String {
        func shown(_ value: Value) -> String {
            guard case .tuple(let items) = value else { return "" }
            let numbers = items.map { if case .int(let n) = $0 { "\(n)" } else { "?" } }
            return numbers.count == 1 ? "(\(numbers[0]),)" : "(\(numbers.joined(separator: ", ")))"
        }
        return "kernel_size=\(shown(kernel)), stride=\(shown(stride)), padding=\(shown(padding))"
    }

    override func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        switch attribute {
        case "kernel_size": return kernel
        case "stride": return stride
        case "padding": return padding
        default: return try super.attribute(attribute, interpreter: interpreter)
        }
    }

    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind("forward", ["input", "indices", "output_size"])
        return .tensor(try interpreter.maxUnpool(try bound.tensor("input"), indices: try bound.tensor("indices"), rank: rank, kernel: kernel,
                                                 stride: stride, padding: padding, outputSize: bound.optional("output_size")))
    }
}
