import Autograd
import TensorEngine

/// Shape, view and introspection methods bound by hand. The movement ops with an op-table
/// entry (permute, transpose, squeeze, flip, tile, split, chunk, ...) are bound from the table instead.
func shapeMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    for family in [viewMethods(), inPlaceWriteMethods(), gradAndCopyMethods(), introspectionMethods()] { table.merge(family) { first, _ in first } }
    return table
}

/// Views that keep the data: reshapes, dim moves and selections of one slice.
private func viewMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    table["reshape_as"] = { _, tensor, arguments in
        .tensor(try Autodiff.reshape(tensor, try arguments.bind("reshape_as", ["other"]).tensor("other").shape))
    }
    table["expand_as"] = { _, tensor, arguments in
        .tensor(try Autodiff.expand(tensor, try arguments.bind("expand_as", ["other"]).tensor("other").shape))
    }
    table["narrow"] = { _, tensor, arguments in
        let bound = try arguments.bind("narrow", ["dim", "start", "length"])
        return .tensor(try Autodiff.narrow(tensor, try bound.int("dim"), start: try bound.int("start"), length: try bound.int("length")))
    }
    table["select"] = { _, tensor, arguments in
        let bound = try arguments.bind("select", ["dim", "index"])
        return .tensor(try Autodiff.select(tensor, try bound.int("dim"), try bound.int("index")))
    }
    table["ravel"] = { _, tensor, _ in .tensor(try Autodiff.reshape(tensor, [-1])) }
    table["movedim"] = { _, tensor, arguments in
        let bound = try arguments.bind("movedim", ["source", "destination"])
        return .tensor(try Autodiff.movedim(tensor, try bound.dims("source") ?? [], try bound.dims("destination") ?? []))
    }
    table["moveaxis"] = table["movedim"]
    table["diagonal"] = { _, tensor, arguments in
        let bound = try arguments.bind("diagonal", ["offset", "dim1", "dim2"])
        return .tensor(try Autodiff.diagonal(tensor, offset: try bound.int("offset", default: 0), try bound.int("dim1", default: 0), try bound.int("dim2", default: 1)))
    }
    table["fliplr"] = { _, tensor, _ in .tensor(try Autodiff.flip(tensor, [1])) }
    table["flipud"] = { _, tensor, _ in .tensor(try Autodiff.flip(tensor, [0])) }
    return table
}

/// `tril_`/`triu_`, `erfinv_`, which write through the receiver. (`x.t_()`, `x.unsqueeze_(0)`
/// and the other in-place views come from the op table.)
private func inPlaceWriteMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
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
    return table
}

/// Copies, detaching and gradient flags.
private func gradAndCopyMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
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
    table["register_hook"] = { interpreter, tensor, arguments in
        let hook = try arguments.bind("register_hook", ["hook"]).value("hook")
        let remove = try tensor.registerHook { [weak interpreter] gradient in
            // A hook outliving its session keeps the gradient as it is.
            try interpreter?.runGradientHook(hook, gradient)
        }
        return .native(RemovableHandle(removing: remove))
    }
    return table
}

/// Sizes, strides and Python values read from a tensor.
private func introspectionMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
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
    // Memory placement: no tensor is pinned (pinning needs CUDA, which PyTorch reports
    // missing), and `share_memory_()` marks the storage shared.
    table["is_pinned"] = { _, _, arguments in
        _ = try arguments.bind("is_pinned", ["device"])
        return .bool(false)
    }
    table["pin_memory"] = { _, _, _ in
        throw PythonError.runtimeError("Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx")
    }
    table["is_shared"] = { _, tensor, _ in .bool(tensor.storage.isShared) }
    table["share_memory_"] = { _, tensor, _ in
        tensor.storage.isShared = true
        return .tensor(tensor)
    }
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
