import Autograd
import Foundation
import TensorEngine

/// `torch.nn.init` beyond the plain fills: the fan-based schemes and `trunc_normal_`,
/// with torch/nn/init.py's arithmetic and generator draws, so seeded models get
/// PyTorch's weights. Every function writes in place with grad mode off.
extension Interpreter {
    func makeFanInitMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        func define(_ name: String, _ parameters: [String], _ body: @escaping (Interpreter, Tensor, BoundArguments) throws -> Void) {
            members[name] = .builtin(Builtin(name, isOp: false) { interpreter, arguments in
                let bound = try arguments.bind(name, ["tensor"] + parameters)
                let tensor = try bound.tensor("tensor")
                try GradMode.with(false) { try body(interpreter, tensor, bound) }
                tensor.markWrittenInPlace()
                return .tensor(tensor)
            })
        }
        define("xavier_uniform_", ["gain", "generator"]) { _, tensor, bound in
            let (fanIn, fanOut) = try fans(tensor)
            let std = try bound.double("gain", default: 1) * (2.0 / Double(fanIn + fanOut)).squareRoot()
            let limit = 3.0.squareRoot() * std
            try Generator.default.uniform_(tensor, from: -limit, to: limit)
        }
        define("xavier_normal_", ["gain", "generator"]) { _, tensor, bound in
            let (fanIn, fanOut) = try fans(tensor)
            let std = try bound.double("gain", default: 1) * (2.0 / Double(fanIn + fanOut)).squareRoot()
            try Generator.default.normal_(tensor, mean: 0, std: std)
        }
        for (name, uniform) in [("kaiming_uniform_", true), ("kaiming_normal_", false)] {
            define(name, ["a", "mode", "nonlinearity", "generator"]) { interpreter, tensor, bound in
                if tensor.count == 0 {
                    interpreter.warn("Initializing zero-element tensors is a no-op")
                    return
                }
                let fan = try correctFan(tensor, mode: try bound.string("mode", default: "fan_in"))
                let gain = try gainFor(try bound.string("nonlinearity", default: "leaky_relu"), parameter: try bound.double("a", default: 0))
                let std = gain / Double(fan).squareRoot()
                if uniform {
                    let limit = 3.0.squareRoot() * std
                    try Generator.default.uniform_(tensor, from: -limit, to: limit)
                } else {
                    try Generator.default.normal_(tensor, mean: 0, std: std)
                }
            }
        }
        define("trunc_normal_", ["mean", "std", "a", "b", "generator"]) { interpreter, tensor, bound in
            let mean = try bound.double("mean", default: 0), std = try bound.double("std", default: 1)
            let lower = try bound.double("a", default: -2), upper = try bound.double("b", default: 2)
            if mean < lower - 2 * std || mean > upper + 2 * std {
                interpreter.warn("mean is more than 2 std from [a, b] in nn.init.trunc_normal_. The distribution of values may be incorrect.")
            }
            try truncatedNormal(tensor, mean: mean, std: std, lower: lower, upper: upper)
        }
        define("orthogonal_", ["gain", "generator"]) { _, tensor, bound in
            try orthogonalFill(tensor, gain: try bound.double("gain", default: 1))
        }
        define("eye_", []) { _, tensor, _ in
            guard tensor.rank == 2 else { throw PythonError.valueError("Only tensors with 2 dimensions are supported") }
            try tensor.copy(from: try Factory.eye(rows: tensor.shape[0], columns: tensor.shape[1], dtype: tensor.dtype))
        }
        members["calculate_gain"] = .builtin(Builtin("calculate_gain", isOp: false) { _, arguments in
            let bound = try arguments.bind("calculate_gain", ["nonlinearity", "param"])
            let parameter = try bound.optional("param").map { $0.isNone ? nil : try bound.double("param") } ?? nil
            return .float(try gainFor(try bound.string("nonlinearity", default: "linear"), parameter: parameter))
        })
        // Private in name only: timm's variance_scaling_ and DeiT's init import them.
        members["_calculate_fan_in_and_fan_out"] = .builtin(Builtin("_calculate_fan_in_and_fan_out", isOp: false) { interpreter, arguments in
            let tensor = try interpreter.tensorArgument(try arguments.bind("_calculate_fan_in_and_fan_out", ["tensor"]).value("tensor"),
                                                        function: "_calculate_fan_in_and_fan_out")
            let (fanIn, fanOut) = try fans(tensor)
            return .tuple([.int(Int64(fanIn)), .int(Int64(fanOut))])
        })
        members["_calculate_correct_fan"] = .builtin(Builtin("_calculate_correct_fan", isOp: false) { interpreter, arguments in
            let bound = try arguments.bind("_calculate_correct_fan", ["tensor", "mode"])
            let tensor = try interpreter.tensorArgument(try bound.value("tensor"), function: "_calculate_correct_fan")
            return .int(Int64(try correctFan(tensor, mode: try bound.string("mode", default: ""))))
        })
        return members
    }
}

/// `tensor` after the in-place init op a built-in module's `reset_parameters` runs on it
/// (`init.ones_`, `init.uniform_`, ...), counted in its version: a new layer's weights are
/// at version 1 in PyTorch, which its in-place errors quote.
@discardableResult
func initialized(_ tensor: Tensor) -> Tensor {
    tensor.markWrittenInPlace()
    return tensor
}

/// `_calculate_fan_in_and_fan_out`.
private func fans(_ tensor: Tensor) throws -> (Int, Int) {
    guard tensor.rank >= 2 else {
        throw PythonError.valueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
    }
    let receptive = tensor.shape.dropFirst(2).reduce(1, *)
    return (tensor.shape[1] * receptive, tensor.shape[0] * receptive)
}

/// `_calculate_correct_fan`: the fan a `mode` names.
private func correctFan(_ tensor: Tensor, mode: String) throws -> Int {
    guard mode == "fan_in" || mode == "fan_out" else {
        throw PythonError.valueError("Mode \(mode) not supported, please use one of ['fan_in', 'fan_out']")
    }
    let (fanIn, fanOut) = try fans(tensor)
    return mode == "fan_in" ? fanIn : fanOut
}

/// `calculate_gain(nonlinearity, param)`.
private func gainFor(_ nonlinearity: String, parameter: Double?) throws -> Double {
    switch nonlinearity {
    case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid": return 1
    case "tanh": return 5.0 / 3
    case "relu": return 2.0.squareRoot()
    case "leaky_relu":
        let slope = parameter ?? 0.01
        return (2.0 / (1 + slope * slope)).squareRoot()
    case "selu": return 3.0 / 4
    default: throw PythonError.valueError("Unsupported nonlinearity \(nonlinearity)")
    }
}

/// PyTorch 2.15's `_no_grad_trunc_normal_`: when the interval holds most of the mass
/// (p > 0.3), normal draws with out-of-range values redrawn whole-tensor at a time;
/// otherwise uniform proposals accepted against the density's peak. Every draw and
/// its order follow torch/nn/init.py, so seeded models get PyTorch's values.
private func truncatedNormal(_ tensor: Tensor, mean: Double, std: Double, lower: Double, upper: Double) throws {
    func normalCDF(_ x: Double) -> Double { (1 + erf(x / 2.0.squareRoot())) / 2 }
    let generator = Generator.default
    let mass = normalCDF((upper - mean) / std) - normalCDF((lower - mean) / std)
    if mass > 0.3 {
        // The bounds rounded to the tensor's dtype, so the mask agrees with its values.
        let low = try Tensor(values: [lower], shape: []).to(tensor.dtype), high = try Tensor(values: [upper], shape: []).to(tensor.dtype)
        try generator.normal_(tensor, mean: mean, std: std)
        var result = tensor
        for round in 0... {
            // PyTorch loops until every value lands inside; an interval that holds no mass
            // would loop forever there, so this stops with an error instead.
            if round == 10_000 { throw PythonError.runtimeError("trunc_normal_: no value fell inside [a, b] after 10000 draws") }
            let outside = try binary(.logicalOr, .tensor(try binary(.less, .tensor(result), .tensor(low))),
                                     .tensor(try binary(.greater, .tensor(result), .tensor(high))))
            guard try outside.any(dims: nil, keepDim: false).item() == .bool(true) else { break }
            let redraw = try Tensor.zeros(shape: result.shape, dtype: result.dtype)
            try generator.normal_(redraw, mean: mean, std: std)
            result = try whereSelect(outside, .tensor(redraw), .tensor(result))
        }
        if result !== tensor { try tensor.copy(from: result) }
        return
    }
    let mode = max(lower, min(mean, upper))
    let logPeak = -0.5 * ((mode - mean) / std) * ((mode - mean) / std)
    func logDensityGap(_ values: Tensor) throws -> Tensor {
        var scaled = try binary(.divide, .tensor(try binary(.subtract, .tensor(values), .scalar(.float(mean)))), .scalar(.float(std)))
        scaled = try binary(.power, .tensor(scaled), .scalar(.int(2)))
        return try binary(.subtract, .tensor(try binary(.multiply, .tensor(scaled), .scalar(.float(-0.5)))), .scalar(.float(logPeak)))
    }
    func acceptance(_ gap: Tensor) throws -> Tensor {
        let draws = try Tensor.zeros(shape: tensor.shape, dtype: tensor.dtype)
        try generator.uniform_(draws, from: 0, to: 1)
        return try binary(.greater, .tensor(try draws.unary(.log)), .tensor(gap))
    }
    try generator.uniform_(tensor, from: lower, to: upper)
    var pending = try acceptance(try logDensityGap(tensor))
    guard try pending.any(dims: nil, keepDim: false).item() == .bool(true) else { return }
    var result = tensor
    for round in 0... {
        if round == 10_000 { throw PythonError.runtimeError("trunc_normal_: no value fell inside [a, b] after 10000 draws") }
        let candidates = try Tensor.zeros(shape: tensor.shape, dtype: tensor.dtype)
        try generator.uniform_(candidates, from: lower, to: upper)
        result = try whereSelect(pending, .tensor(candidates), .tensor(result))
        pending = try whereSelect(pending, .tensor(try acceptance(try logDensityGap(candidates))), .tensor(pending))
        if try pending.any(dims: nil, keepDim: false).item() != .bool(true) { break }
    }
    try tensor.copy(from: result)
}
