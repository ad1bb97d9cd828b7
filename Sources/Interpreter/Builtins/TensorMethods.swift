import Autograd
import Ops
import TensorEngine

/// A tensor method: the receiver and the call's arguments.
typealias TensorMethod = (Interpreter, Tensor, CallArguments) throws -> Value

/// Every tensor method by its Python name. Each family lives in its own file and
/// contributes one table.
// Immutable after its one-time initialisation and read-only from then on; its closures
// capture only constants. `nonisolated(unsafe)` states that for Swift 6's checker.
nonisolated(unsafe) let tensorMethods: [String: TensorMethod] = {
    var table = opTableMethods()
    for family in [shapeMethods(), elementwiseMethods(), reductionMethods(), conversionMethods(), extraTensorMethods()] {
        table.merge(family) { first, _ in first }
    }
    // PyTorch's argument parser also takes numpy's names: `axis` for `dim`, `keepdims` for `keepdim`.
    return table.mapValues { method in { interpreter, tensor, arguments in try method(interpreter, tensor, arguments.withNumPyAliases()) } }
}()

/// The methods the op table implements, under every `Tensor.` spelling it declares;
/// a trailing `_` is the in-place form.
func opTableMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    for entry in OpTable.all where entry.implementation != nil {
        for qualifiedName in entry.qualifiedNames where qualifiedName.hasPrefix("Tensor.") {
            let name = String(qualifiedName.dropFirst("Tensor.".count))
            let inPlace = name.hasSuffix("_") && !entry.name.hasSuffix("_")
            table[name] = { interpreter, tensor, arguments in try interpreter.callOp(entry, receiver: tensor, inPlace: inPlace, arguments) }
        }
    }
    return table
}

/// Functional-op families (softmax, gather, ...) that also exist as tensor methods.
func extraTensorMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    for family in [softmaxTensorMethods, indexTensorMethods, compositeTensorMethods, pairedReductionMethods, specialTensorMethods] { table.merge(family()) { first, _ in first } }
    return table
}

extension Interpreter {
    func tensorAttribute(_ tensor: Tensor, _ name: String) throws -> Value {
        switch name {
        case "shape": return .size(tensor.shape)
        case "dtype": return .dtype(tensor.dtype)
        case "ndim": return .int(Int64(tensor.rank))
        case "T":
            if tensor.rank != 2 && tensor.rank != 0 {
                warn("The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated and it will throw an error in a future release. Consider `x.mT` to transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor.")
            }
            return .tensor(try Autodiff.permuted(tensor) { try $0.reversedDims() })
        case "mT": return .tensor(try Autodiff.permuted(tensor) { try $0.matrixTranspose() })
        case "H", "mH": return .tensor(try Autodiff.permuted(tensor) { name == "H" ? try $0.reversedDims() : try $0.matrixTranspose() })
        case "data": return .tensor(tensor.detach())
        case "requires_grad": return .bool(tensor.requiresGrad)
        case "is_leaf": return .bool(tensor.isLeaf)
        case "grad_fn": return tensor.gradFn.map { .native(GradFunction($0)) } ?? .none
        case "grad":
            if !tensor.isLeaf && !tensor.retainsGrad {
                warn("The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't be populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more informations. (Triggered internally at /__w/pytorch/pytorch/build/aten/src/ATen/core/TensorBody.h:488.)")
            }
            return tensor.grad.map { .tensor($0) } ?? .none
        case "device": return .native(Device("cpu"))
        case "is_cuda": return .bool(false)
        case "itemsize": return .int(Int64(tensor.dtype.itemSize))
        case "nbytes": return .int(Int64(tensor.dtype.itemSize * tensor.count))
        case "real": return .tensor(tensor)
        default: break
        }
        if let method = tensorMethods[name] {
            return .builtin(Builtin(name, owner: "Tensor", receiver: tensor) { interpreter, arguments in
                try method(interpreter, tensor, arguments)
            })
        }
        throw PythonError.attributeError("'Tensor' object has no attribute '\(name)'")
    }

    func setTensorAttribute(_ tensor: Tensor, _ name: String, _ value: Value) throws -> Bool {
        switch name {
        case "requires_grad":
            try tensor.setRequiresGrad(try truthy(value))
            return true
        case "grad":
            if case .none = value { tensor.grad = nil; return true }
            guard case let .tensor(gradient) = value else { return false }
            tensor.grad = gradient
            return true
        case "data":
            guard case let .tensor(source) = value else { return false }
            try tensor.copy(from: source)
            return true
        default: return false
        }
    }
}

/// A tensor or a Python number from a method argument, as an elementwise operand.
func operandArgument(_ value: Value, _ function: String) throws -> Operand {
    try toOperand(value, function: function)
}

func shapeMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    table["view"] = { _, tensor, arguments in
        // `view(dtype)` reinterprets the bytes, as PyTorch does; it never converts.
        if case let .dtype(dtype)? = arguments.positional.first ?? arguments.keywords.first(where: { $0.name == "dtype" })?.value {
            return .tensor(try tensor.reinterpreted(as: dtype))
        }
        return .tensor(try Autodiff.view(tensor, try arguments.bind("view", ["size"], variadic: true).shape("size")))
    }
    table["reshape"] = { _, tensor, arguments in
        .tensor(try Autodiff.reshape(tensor, try arguments.bind("reshape", ["shape"], variadic: true).shape("shape")))
    }
    table["view_as"] = { _, tensor, arguments in
        .tensor(try Autodiff.view(tensor, try arguments.bind("view_as", ["other"]).tensor("other").shape))
    }
    table["reshape_as"] = { _, tensor, arguments in
        .tensor(try Autodiff.reshape(tensor, try arguments.bind("reshape_as", ["other"]).tensor("other").shape))
    }
    table["permute"] = { _, tensor, arguments in
        .tensor(try Autodiff.permute(tensor, try arguments.bind("permute", ["dims"], variadic: true).shape("dims")))
    }
    table["transpose"] = { _, tensor, arguments in
        let bound = try arguments.bind("transpose", ["dim0", "dim1"])
        return .tensor(try Autodiff.transpose(tensor, try bound.int("dim0"), try bound.int("dim1")))
    }
    table["swapaxes"] = table["transpose"]
    table["swapdims"] = table["transpose"]
    table["t"] = { _, tensor, _ in .tensor(try Autodiff.t(tensor)) }
    table["unsqueeze"] = { _, tensor, arguments in
        .tensor(try Autodiff.unsqueeze(tensor, try arguments.bind("unsqueeze", ["dim"]).int("dim")))
    }
    table["squeeze"] = { _, tensor, arguments in
        .tensor(try Autodiff.squeeze(tensor, try arguments.bind("squeeze", ["dim"]).dims("dim")))
    }
    table["unsqueeze_"] = { _, tensor, arguments in
        tensor.view = try Autodiff.unsqueeze(tensor, try arguments.bind("unsqueeze_", ["dim"]).int("dim")).view
        return .tensor(tensor)
    }
    table["squeeze_"] = { _, tensor, arguments in
        tensor.view = try Autodiff.squeeze(tensor, try arguments.bind("squeeze_", ["dim"]).dims("dim")).view
        return .tensor(tensor)
    }
    table["t_"] = { _, tensor, _ in
        tensor.view = try Autodiff.t(tensor).view
        return .tensor(tensor)
    }
    table["transpose_"] = { _, tensor, arguments in
        let bound = try arguments.bind("transpose_", ["dim0", "dim1"])
        tensor.view = try Autodiff.transpose(tensor, try bound.int("dim0"), try bound.int("dim1")).view
        return .tensor(tensor)
    }
    table["expand"] = { _, tensor, arguments in
        .tensor(try Autodiff.expand(tensor, try arguments.bind("expand", ["size"], variadic: true).shape("size")))
    }
    table["expand_as"] = { _, tensor, arguments in
        .tensor(try Autodiff.expand(tensor, try arguments.bind("expand_as", ["other"]).tensor("other").shape))
    }
    table["broadcast_to"] = { _, tensor, arguments in
        .tensor(try Autodiff.expand(tensor, try arguments.bind("broadcast_to", ["size"]).shape("size")))
    }
    table["narrow"] = { _, tensor, arguments in
        let bound = try arguments.bind("narrow", ["dim", "start", "length"])
        return .tensor(try Autodiff.narrow(tensor, try bound.int("dim"), start: try bound.int("start"), length: try bound.int("length")))
    }
    table["select"] = { _, tensor, arguments in
        let bound = try arguments.bind("select", ["dim", "index"])
        return .tensor(try Autodiff.select(tensor, try bound.int("dim"), try bound.int("index")))
    }
    table["flatten"] = { _, tensor, arguments in
        let bound = try arguments.bind("flatten", ["start_dim", "end_dim"])
        return .tensor(try Autodiff.flatten(tensor, try bound.int("start_dim", default: 0), try bound.int("end_dim", default: -1)))
    }
    table["ravel"] = { _, tensor, _ in .tensor(try Autodiff.reshape(tensor, [-1])) }
    table["unflatten"] = { _, tensor, arguments in
        let bound = try arguments.bind("unflatten", ["dim", "sizes"])
        return .tensor(try Autodiff.unflatten(tensor, try bound.int("dim"), try bound.shape("sizes")))
    }
    table["movedim"] = { _, tensor, arguments in
        let bound = try arguments.bind("movedim", ["source", "destination"])
        return .tensor(try Autodiff.movedim(tensor, try bound.dims("source") ?? [], try bound.dims("destination") ?? []))
    }
    table["moveaxis"] = table["movedim"]
    table["split"] = { interpreter, tensor, arguments in
        let bound = try arguments.bind("split", ["split_size", "dim"])
        let dim = try bound.int("dim", default: 0)
        let size = try bound.value("split_size")
        switch size {
        case .list, .tuple:
            return .tuple(try Autodiff.split(tensor, sizes: try toIntList(size, function: "split", argument: "split_size"), dim: dim).map { .tensor($0) })
        default:
            let length = try bound.int("split_size")
            try interpreter.limits.checkPieces(of: tensor, dim: dim, what: "split()'s tuple") { _ in length }
            return .tuple(try Autodiff.split(tensor, size: try bound.int("split_size"), dim: dim).map { .tensor($0) })
        }
    }
    table["chunk"] = { interpreter, tensor, arguments in
        let bound = try arguments.bind("chunk", ["chunks", "dim"])
        let chunks = try bound.int("chunks")
        let dim = try bound.int("dim", default: 0)
        // PyTorch's chunk length: the size divided by the chunk count, rounded up.
        try interpreter.limits.checkPieces(of: tensor, dim: dim, what: "chunk()'s tuple") { size in
            chunks > 0 ? size / chunks + (size % chunks == 0 ? 0 : 1) : 0
        }
        return .tuple(try Autodiff.chunk(tensor, chunks, dim: dim).map { .tensor($0) })
    }
    table["unbind"] = { interpreter, tensor, arguments in
        let dim = try arguments.bind("unbind", ["dim"]).int("dim", default: 0)
        try interpreter.limits.checkPieces(of: tensor, dim: dim, what: "unbind()'s tuple") { _ in 1 }
        return .tuple(try Autodiff.unbind(tensor, dim).map { .tensor($0) })
    }
    table["flip"] = { _, tensor, arguments in
        .tensor(try Autodiff.flip(tensor, try arguments.bind("flip", ["dims"], variadic: true).shape("dims")))
    }
    table["fliplr"] = { _, tensor, _ in .tensor(try Autodiff.flip(tensor, [1])) }
    table["flipud"] = { _, tensor, _ in .tensor(try Autodiff.flip(tensor, [0])) }
    table["roll"] = { _, tensor, arguments in
        let bound = try arguments.bind("roll", ["shifts", "dims"])
        return .tensor(try Autodiff.roll(tensor, try bound.dims("shifts") ?? [], dims: try bound.dims("dims") ?? []))
    }
    table["repeat"] = { _, tensor, arguments in
        .tensor(try Autodiff.repeated(tensor, try arguments.bind("repeat", ["repeats"], variadic: true).shape("repeats")))
    }
    table["tile"] = { _, tensor, arguments in
        var repeats = try arguments.bind("tile", ["dims"], variadic: true).shape("dims")
        if repeats.count < tensor.rank { repeats = [Int](repeating: 1, count: tensor.rank - repeats.count) + repeats }
        return .tensor(try Autodiff.repeated(tensor, repeats))
    }
    table["contiguous"] = { _, tensor, _ in .tensor(try Autodiff.contiguous(tensor)) }
    table["clone"] = { _, tensor, _ in .tensor(try Autodiff.clone(tensor)) }
    table["detach"] = { _, tensor, _ in .tensor(tensor.detach()) }
    table["detach_"] = { _, tensor, _ in
        tensor.detachInPlace()
        return .tensor(tensor)
    }
    table["requires_grad_"] = { interpreter, tensor, arguments in
        let flag = try arguments.bind("requires_grad_", ["requires_grad"]).optional("requires_grad")
        try tensor.setRequiresGrad(try flag.map { try interpreter.truthy($0) } ?? true, source: .method)
        return .tensor(tensor)
    }
    table["retain_grad"] = { _, tensor, _ in
        try tensor.retainGrad()
        return .none
    }
    table["diagonal"] = { _, tensor, arguments in
        let bound = try arguments.bind("diagonal", ["offset", "dim1", "dim2"])
        return .tensor(try Autodiff.diagonal(tensor, offset: try bound.int("offset", default: 0), try bound.int("dim1", default: 0), try bound.int("dim2", default: 1)))
    }
    table["triu"] = { _, tensor, arguments in
        .tensor(try Autodiff.triangle(tensor, upper: true, diagonal: try arguments.bind("triu", ["diagonal"]).int("diagonal", default: 0)))
    }
    table["tril"] = { _, tensor, arguments in
        .tensor(try Autodiff.triangle(tensor, upper: false, diagonal: try arguments.bind("tril", ["diagonal"]).int("diagonal", default: 0)))
    }
    for (name, upper) in [("triu_", true), ("tril_", false)] {
        table[name] = { _, tensor, arguments in
            let diagonal = try arguments.bind(name, ["diagonal"]).int("diagonal", default: 0)
            return .tensor(try Autodiff.inPlace(tensor) { try Autodiff.triangle($0, upper: upper, diagonal: diagonal) })
        }
    }
    table["erfinv"] = { _, tensor, arguments in
        _ = try arguments.bind("erfinv", [])
        return .tensor(try Autodiff.erfinv(tensor))
    }
    table["erfinv_"] = { _, tensor, arguments in
        _ = try arguments.bind("erfinv_", [])
        return .tensor(try Autodiff.inPlace(tensor) { try Autodiff.erfinv($0) })
    }
    table["size"] = { _, tensor, arguments in
        guard let dim = try arguments.bind("size", ["dim"]).optionalInt("dim") else { return .size(tensor.shape) }
        return .int(Int64(tensor.shape.isEmpty ? 1 : tensor.shape[try normalizeDim(dim, rank: tensor.rank)]))
    }
    table["stride"] = { _, tensor, arguments in
        guard let dim = try arguments.bind("stride", ["dim"]).optionalInt("dim") else {
            return .tuple(tensor.strides.map { .int(Int64($0)) })
        }
        return .int(Int64(tensor.strides.isEmpty ? 1 : tensor.strides[try normalizeDim(dim, rank: tensor.rank)]))
    }
    table["dim"] = { _, tensor, _ in .int(Int64(tensor.rank)) }
    table["ndimension"] = table["dim"]
    table["numel"] = { _, tensor, _ in .int(Int64(tensor.count)) }
    table["nelement"] = table["numel"]
    table["element_size"] = { _, tensor, _ in .int(Int64(tensor.dtype.itemSize)) }
    table["storage_offset"] = { _, tensor, _ in .int(Int64(tensor.storageOffset)) }
    table["is_contiguous"] = { _, tensor, _ in .bool(tensor.isContiguous) }
    table["is_floating_point"] = { _, tensor, _ in .bool(tensor.dtype.isFloatingPoint) }
    table["data_ptr"] = { _, tensor, _ in .int(Int64(tensor.storageOffset * tensor.dtype.itemSize)) }
    table["item"] = { _, tensor, _ in scalarValue(try tensor.item()) }
    table["tolist"] = { interpreter, tensor, _ in
        try interpreter.limits.checkNestedList(of: tensor)
        return nestedList(tensor)
    }
    table["__len__"] = { interpreter, tensor, _ in .int(Int64(try interpreter.length(.tensor(tensor)))) }
    return table
}

/// `tolist()`: nested Python lists of Python numbers.
func nestedList(_ tensor: Tensor) -> Value {
    let scalars = tensor.scalars().map(scalarValue)
    if tensor.rank == 0 { return scalars.first ?? .none }
    func build(_ dim: Int, _ start: Int) -> Value {
        let size = tensor.shape[dim]
        // Wrapping: the product overflows only for an empty tensor, whose steps are unused.
        let step = tensor.shape[(dim + 1)...].reduce(1, &*)
        if dim == tensor.rank - 1 { return .list(ListStorage(Array(scalars[start..<(start + size)]))) }
        return .list(ListStorage((0..<size).map { build(dim + 1, start + $0 * step) }))
    }
    return build(0, 0)
}
