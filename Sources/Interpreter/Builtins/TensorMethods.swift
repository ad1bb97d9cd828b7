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
    table.merge(handBoundMethods()) { first, _ in first }
    // PyTorch's argument parser also takes numpy's names: `axis` for `dim`, `keepdims` for `keepdim`.
    return table.mapValues { method in { interpreter, tensor, arguments in try method(interpreter, tensor, arguments.withNumPyAliases()) } }
}()

/// The methods bound by hand, not from the op table. The table's take precedence, so a
/// name here that the table implements would be dead code.
func handBoundMethods() -> [String: TensorMethod] {
    var table: [String: TensorMethod] = [:]
    for family in [shapeMethods(), elementwiseMethods(), reductionMethods(), conversionMethods(), extraTensorMethods(), predicateMethods(), torchForwardingMethods()] {
        table.merge(family) { first, _ in first }
    }
    // The in-place form the table declares for a hand-bound op without its own binding
    // (`x.clamp_min_(0)`): the out-of-place result written back into the receiver.
    let declared = OpTable.all.filter { $0.implementation == nil && $0.variants.contains(.inPlace) }.map(\.name)
    for name in declared + inPlaceSpellingsOfHandBoundMethods {
        guard let outOfPlace = table[name], table[name + "_"] == nil else { continue }
        table[name + "_"] = { interpreter, tensor, arguments in
            guard case let .tensor(result) = try outOfPlace(interpreter, tensor, arguments) else { return .none }
            try Autodiff.assignResult(tensor, result)
            return .tensor(tensor)
        }
    }
    return table
}

/// Hand-bound methods whose in-place spelling `Tensor.NAME_` PyTorch also has; custom
/// optimizers write `exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)`.
private let inPlaceSpellingsOfHandBoundMethods = ["addcdiv", "addcmul", "fmod", "heaviside", "hypot", "lerp"]

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
        if !tensorType.patchedMethods.isEmpty, let patched = tensorType.patchedMethods[name] {
            return bindPatchedTensorMethod(patched, to: tensor)
        }
        switch name {
        case "shape": return .size(tensor.shape)
        case "dtype": return .dtype(tensor.dtype)
        case "ndim": return .int(Int64(tensor.rank))
        case "T":
            if tensor.rank != 2 && tensor.rank != 0 {
                warn("The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated and it will throw an error in a future release. Consider `x.mT` to transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor.")
            }
            return .tensor(try Autodiff.permuted(tensor) { try $0.reversedDims() })
        // `mT`, `mH` and (for a matrix) `H` are transpose(-2, -1) in ATen: TransposeBackward0.
        case "mT", "H", "mH":
            if tensor.rank >= 2 && (name != "H" || tensor.rank == 2) { return .tensor(try Autodiff.transpose(tensor, -2, -1)) }
            return .tensor(try Autodiff.permuted(tensor) { name == "H" ? try $0.reversedDims() : try $0.matrixTranspose() })
        case "data": return .tensor(tensor.detachedData())
        case "requires_grad": return .bool(tensor.requiresGrad)
        case "is_leaf": return .bool(tensor.isLeaf)
        case "_version": return .int(Int64(tensor.storage.version))
        case "retains_grad": return .bool(!tensor.isLeaf && tensor.retainsGrad)
        case "grad_fn": return tensor.gradFn.map { .native(GradFunction($0)) } ?? .none
        case "grad":
            if !tensor.isLeaf && !tensor.retainsGrad {
                warn("The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't be populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more information. (Triggered internally at /__w/pytorch/pytorch/build/aten/src/ATen/core/TensorBody.h:488.)")
            }
            return tensor.grad.map { .tensor($0) } ?? .none
        case "device": return .native(Device("cpu"))
        case "is_cuda": return .bool(false)
        case "is_cpu": return .bool(true)
        // Every tensor here is a dense CPU tensor.
        case "is_sparse", "is_sparse_csr", "is_quantized", "is_meta", "is_nested", "is_mkldnn": return .bool(false)
        case "itemsize": return .int(Int64(tensor.dtype.itemSize))
        case "nbytes": return .int(Int64(tensor.dtype.itemSize * tensor.count))
        case "real": return .tensor(tensor)
        case "layout": return .native(TensorLayout.strided)
        // Which output of its node a tensor is: 0 for leaves and single-output ops.
        case "output_nr": return .int(Int64(tensor.outputNumber))
        default: break
        }
        if let method = tensorMethods[name] {
            return .builtin(Builtin(name, owner: "Tensor", receiver: tensor) { interpreter, arguments in
                try method(interpreter, tensor, arguments)
            })
        }
        throw PythonError.attributeError("'Tensor' object has no attribute '\(name)'")
    }

    /// A Python function assigned to `torch.Tensor` binds to the tensor it is read from;
    /// anything else (a builtin, a partial) is no descriptor and reads as itself, as in Python.
    private func bindPatchedTensorMethod(_ patched: Value, to tensor: Tensor) -> Value {
        if case let .function(function) = patched { return bindMethod(function, to: .tensor(tensor)) }
        return patched
    }

    func setTensorAttribute(_ tensor: Tensor, _ name: String, _ value: Value) throws -> Bool {
        switch name {
        case "requires_grad":
            try tensor.setRequiresGrad(try truthy(value))
            return true
        case "grad":
            if case .none = value { tensor.grad = nil; return true }
            guard case let .tensor(gradient) = value else {
                throw PythonError.typeError("assigned grad expected to be a Tensor or None but got grad of type \(value.typeName)")
            }
            try checkAssignedGradient(gradient, to: tensor)
            tensor.grad = gradient
            return true
        case "data":
            guard case let .tensor(source) = value else {
                throw PythonError.typeError("Variable data has to be a tensor, but got \(value.typeName)")
            }
            tensor.setData(source)
            return true
        default: return false
        }
    }
}

/// A tensor or a Python number from a method argument, as an elementwise operand.
func operandArgument(_ value: Value, _ function: String) throws -> Operand {
    try toOperand(value, function: function)
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

/// PyTorch's checks on `x.grad = g`: the gradient must have the tensor's dtype and shape.
private func checkAssignedGradient(_ gradient: Tensor, to tensor: Tensor) throws {
    if gradient.dtype != tensor.dtype {
        throw PythonError.runtimeError(
            "attempting to assign a gradient with dtype '\(gradient.dtype.cppTypeName)' to a tensor with grad_dtype '\(tensor.dtype.scalarTypeName)'. The gradient must match the tensor's grad_dtype (defaults to the tensor's dtype). You can set the tensor's grad_dtype attribute with a specific dtype, or None to allow any dtype. Set grad_dtype with caution. Diverging the dtypes of a tensor and its gradient may break downstream systems that assume they match.")
    }
    if gradient.shape != tensor.shape {
        throw PythonError.runtimeError(
            "attempting to assign a gradient of size '\(formatShape(gradient.shape))' to a tensor of size '\(formatShape(tensor.shape))'. Please ensure that the gradient and the tensor are the same size")
    }
}
