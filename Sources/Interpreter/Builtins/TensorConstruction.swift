import Autograd
import TensorEngine

extension Interpreter {
    static let maximumTensorDims = 64

    /// `torch.tensor(data)`: nested lists/tuples of numbers (or one-element tensors),
    /// with PyTorch's dtype inference and its error for ragged input.
    func tensorFromNested(_ data: Value, dtype: DType?) throws -> Tensor {
        var shape: [Int] = []
        var scalars: [Scalar] = []
        var bigInts: [Int: BigInt] = [:]
        var sawFloat = false
        var sawInt = false
        var sawBool = false
        var inferredType: DType?

        func visit(_ value: Value, depth: Int) throws {
            // A list, tuple, int or float subclass counts as its built-in value, as in PyTorch.
            let value = unwrappingBuiltinSubclass(value)
            if let items = try nestedItems(value) {
                // Tensors have at most 64 dims; deeper nesting (or a list that holds
                // itself) would only recurse until the stack ran out.
                guard depth < Self.maximumTensorDims else {
                    throw PythonError.valueError("too many dimensions: the data is nested more than \(Self.maximumTensorDims) deep")
                }
                try limits.checkItems(scalars.count + items.count, what: "the data of this tensor")
                if depth == shape.count {
                    if !scalars.isEmpty {
                        throw PythonError.valueError("expected sequence of length \(shape.count > depth ? shape[depth] : 0) at dim \(depth) (got \(items.count))")
                    }
                    shape.append(items.count)
                } else if depth > shape.count || shape[depth] != items.count {
                    let expected = depth < shape.count ? shape[depth] : 0
                    throw PythonError.valueError("expected sequence of length \(expected) at dim \(depth) (got \(items.count))")
                }
                for item in items { try visit(item, depth: depth + 1) }
                return
            }
            if depth != shape.count {
                throw PythonError.typeError("not a sequence")
            }
            switch value {
            case let .bool(flag): sawBool = true; scalars.append(.bool(flag))
            case let .int(number): sawInt = true; scalars.append(.int(number))
            case let .float(number): sawFloat = true; scalars.append(.float(number))
            case let .tensor(tensor):
                let item = try tensor.item()
                inferredType = inferredType.map { DType.promote($0, tensor.dtype) } ?? tensor.dtype
                scalars.append(item)
            case let .native(array as NDArray):  // 0-d
                inferredType = inferredType.map { DType.promote($0, array.tensor.dtype) } ?? array.tensor.dtype
                scalars.append(try array.tensor.item())
            case let .native(scalar as NumPyScalar):  // a 0-d array to PyTorch: its dtype counts
                inferredType = inferredType.map { DType.promote($0, scalar.dtype) } ?? scalar.dtype
                scalars.append(scalar.value)
            case .string where depth > 0 && scalars.isEmpty:
                // PyTorch treats a string as a sequence while it is still discovering the shape.
                throw PythonError.valueError("too many dimensions 'str'")
            case let .native(big as BigIntObject):
                // An int like the others while the dtype is inferred; converted after.
                sawInt = true
                bigInts[scalars.count] = big.value
                scalars.append(.int(0))
            default:
                throw PythonError.typeError("new(): invalid data type '\(value.typeName)'")
            }
        }
        warnIfListOfArrays(data)
        if dtype == nil { try checkDTypeInferable(data) }
        try visit(data, depth: 0)
        var elementType: DType = sawFloat ? defaultFloatDType : (sawInt ? .int64 : (sawBool ? .bool : defaultFloatDType))
        if let inferredType {
            elementType = scalars.isEmpty ? inferredType : resultType([
                .tensor(inferredType, dimensions: 1),
                .tensor(elementType, dimensions: (sawFloat || sawInt || sawBool) ? 1 : 0),
            ])
            if !(sawFloat || sawInt || sawBool) { elementType = inferredType }
        }
        let result = try Tensor.zeros(shape: shape, dtype: dtype ?? elementType)
        for (position, big) in bigInts { scalars[position] = try bigIntElement(big, dtype: result.dtype) }
        var index = 0
        result.view.forEachOffset { position in
            result.setScalar(scalars[index], atStorageOffset: position)
            index += 1
        }
        return result
    }

    private func warnIfListOfArrays(_ data: Value) {
        guard case let .list(list) = data, case .native(is NDArray)? = list.items.first else { return }
        warnOncePerProgram("Creating a tensor from a list of numpy.ndarrays is extremely slow. Please consider converting the list to a single "
                           + "numpy.ndarray with numpy.array() before converting to a tensor. (Triggered internally at "
                           + "/__w/pytorch/pytorch/torch/csrc/utils/tensor_new.cpp:249.)")
    }

    /// PyTorch measures the shape along the first items, then infers the dtype from every
    /// leaf, and only then stores: so `[0, [1, slice(1)]]` is "Could not infer dtype of
    /// slice", not a ragged-shape error, and a str that is not a first item is
    /// "new(): invalid data type 'str'".
    private func checkDTypeInferable(_ data: Value) throws {
        var first = data
        for depth in 0..<Self.maximumTensorDims {
            if case .string = first, depth > 0 { throw PythonError.valueError("too many dimensions 'str'") }
            guard let items = nestedListItems(unwrappingBuiltinSubclass(first)), let head = items.first else { break }
            first = head
        }
        func infer(_ value: Value, depth: Int) throws {
            switch unwrappingBuiltinSubclass(value) {
            case .bool, .int, .float, .tensor, .native(is NumPyScalar), .native(is BigIntObject), .native(is NDArray): return
            case .string: throw PythonError.typeError("new(): invalid data type 'str'")
            default:
                // Deeper than a tensor can be: the store pass gives that error.
                guard depth < Self.maximumTensorDims else { return }
                if case .range = value { return }
                guard let items = nestedListItems(unwrappingBuiltinSubclass(value)) else {
                    throw PythonError.runtimeError("Could not infer dtype of \(value.typeName)")
                }
                for item in items { try infer(item, depth: depth + 1) }
            }
        }
        try infer(data, depth: 0)
    }

    /// The items of a list, tuple or `torch.Size` level, without unbinding tensors.
    private func nestedListItems(_ value: Value) -> [Value]? {
        switch value {
        case let .list(list): return list.items
        case let .tuple(values): return values
        case let .size(sizes): return sizes.map { .int(Int64($0)) }
        default: return nil
        }
    }

    /// The items of one level of `torch.tensor`'s data; nil for a leaf (a number).
    private func nestedItems(_ value: Value) throws -> [Value]? {
        switch value {
        case let .list(list): return list.items
        case let .tuple(values): return values
        case let .size(sizes): return sizes.map { .int(Int64($0)) }
        case .range: return try iterate(value)
        case let .tensor(tensor) where tensor.rank > 0:
            try limits.checkItems(tensor.shape[0], what: "this tensor, unbound,")
            return try Autodiff.unbind(tensor, 0).map { .tensor($0) }
        case let .native(array as NDArray):
            // A 0-d array is a leaf with its dtype; a 0-d array among sequences has no len().
            guard array.tensor.rank > 0 else { return nil }
            try limits.checkItems(array.tensor.shape[0], what: "this array, unbound,")
            return try Autodiff.unbind(array.tensor, 0).map { .tensor($0) }
        default: return nil
        }
    }

    /// Converts a Python value to a tensor where an op accepts "tensor-like" input.
    func tensorArgument(_ value: Value, function: String) throws -> Tensor {
        switch value {
        case let .tensor(tensor): return tensor
        case .list, .tuple: return try tensorFromNested(value, dtype: nil)
        case let .int(number): return Tensor(scalar: number)
        case let .float(number): return Tensor(scalar: Float(number))
        case let .bool(flag): return Tensor(scalar: flag)
        default:
            throw PythonError.typeError("\(function)(): argument 'input' (position 1) must be Tensor, not \(value.typeName)")
        }
    }
}

/// A Python int beyond int64 as an element of `torch.tensor(data)`: PyTorch converts it
/// to the tensor's dtype as CPython would, so a float dtype takes it (while it fits a
/// double) and an integer dtype refuses it.
private func bigIntElement(_ value: BigInt, dtype: DType) throws -> Scalar {
    if dtype == .bool { return .bool(!value.isZero) }
    guard dtype.isFloatingPoint else { throw PythonError.valueError("Overflow when unpacking long long") }
    guard let double = value.double else { throw PythonError.overflow("int too large to convert to float") }
    return .float(double)
}
