import Autograd
import TensorEngine

/// gather, scatter, index_select, masked_select, index_add and take_along_dim as tensor
/// methods (and so, through TorchModule, as `torch.` functions).
func indexTensorMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    table["gather"] = { _, tensor, arguments in
        let bound = try arguments.bind("gather", ["dim", "index", "*", "sparse_grad"])
        return .tensor(try Autodiff.gather(tensor, dim: try bound.int("dim"), index: try bound.tensor("index")))
    }
    for name in ["scatter", "scatter_", "scatter_add", "scatter_add_"] {
        let inPlace = name.hasSuffix("_")
        let adds = name.hasPrefix("scatter_add")
        table[name] = { interpreter, tensor, arguments in
            let parameters = adds ? ["dim", "index", "src"] : ["dim", "index", "src", "value", "*", "reduce"]
            let bound = try arguments.bind(name, parameters)
            guard let sourceValue = bound.optional("src") ?? bound.optional("value") else {
                throw PythonError.typeError("\(name)() missing 1 required positional argument: 'src'")
            }
            let source = try toOperand(sourceValue, function: name)
            var reduction = adds ? ScatterReduction.add : .replace
            if let reduce = bound.optional("reduce") {
                guard case let .string(mode) = reduce, mode == "add" || mode == "multiply" else {
                    throw PythonError.runtimeError("reduce argument must be either add or multiply.")
                }
                reduction = mode == "add" ? .add : .multiply
                if case .tensor = source {
                    interpreter.warn("The reduce argument of torch.scatter with Tensor src is deprecated and will be removed in a future PyTorch release. Use torch.scatter_reduce instead for more reduction options. (Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/TensorAdvancedIndexing.cpp:224.)")
                }
            }
            let dim = try bound.int("dim")
            let index = try bound.tensor("index")
            guard inPlace else { return .tensor(try Autodiff.scattered(tensor, dim: dim, index: index, source: source, reduction: reduction)) }
            if Autodiff.recordsWrite(into: tensor, [source.tensorValue]) {
                _ = try Autodiff.inPlace(tensor) { try Autodiff.scattered($0, dim: dim, index: index, source: source, reduction: reduction) }
            } else {
                try tensor.scatterInPlace(dim: dim, index: index, source: source, reduction: reduction)
                tensor.markWrittenInPlace()
            }
            return .tensor(tensor)
        }
    }
    table["index_select"] = { _, tensor, arguments in
        let bound = try arguments.bind("index_select", ["dim", "index"])
        return .tensor(try Autodiff.indexSelect(tensor, dim: try bound.int("dim"), index: try bound.tensor("index")))
    }
    table["masked_select"] = { _, tensor, arguments in
        .tensor(try Autodiff.maskedSelect(tensor, try arguments.bind("masked_select", ["mask"]).tensor("mask")))
    }
    for name in ["index_add", "index_add_"] {
        table[name] = { _, tensor, arguments in
            let bound = try arguments.bind(name, ["dim", "index", "source", "*", "alpha"])
            var alpha = Scalar.int(1)
            if let given = bound.optional("alpha"), case let .scalar(scalar) = try toOperand(given, function: name) { alpha = scalar }
            let dim = try bound.int("dim")
            let index = try bound.tensor("index")
            let source = try bound.tensor("source")
            guard name == "index_add_" else { return .tensor(try Autodiff.indexAdd(tensor, dim: dim, index: index, source: source, alpha: alpha)) }
            if Autodiff.recordsWrite(into: tensor, [source]) {
                _ = try Autodiff.inPlace(tensor) { try Autodiff.indexAdd($0, dim: dim, index: index, source: source, alpha: alpha) }
            } else {
                try tensor.indexAddInPlace(dim: dim, index: index, source: source, alpha: alpha)
                tensor.markWrittenInPlace()
            }
            return .tensor(tensor)
        }
    }
    table["take_along_dim"] = { _, tensor, arguments in
        let bound = try arguments.bind("take_along_dim", ["indices", "dim"])
        let indices = try bound.tensor("indices"), dim = try bound.optionalInt("dim")
        let output = try tensor.takeAlongDim(indices, dim: dim)
        // The same values as a gather along dim of the broadcast operands, which records the gradient.
        guard tensor.requiresGrad, let dim, tensor.rank == indices.rank, indices.shape == output.shape,
              tensor.shape.enumerated().allSatisfy({ $0.offset == (dim < 0 ? dim + tensor.rank : dim) || $0.element == indices.shape[$0.offset] })
        else { return .tensor(output) }
        return .tensor(try Autodiff.gather(tensor, dim: dim, index: indices))
    }
    return table
}

