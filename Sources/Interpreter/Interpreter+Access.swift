import Autograd
import TensorEngine

/// Subscripts, attributes and iteration.
extension Interpreter {
    func subscriptValue(_ container: Value, _ index: Value) throws -> Value {
        switch container {
        case let .tensor(tensor):
            try refuseBareIndexOfZeroDim(tensor, index)
            return .tensor(try Autodiff.getItem(tensor, try tensorIndices(index), bareSlice: index.isSlice))
        case let .list(list):
            if case let .slice(start, stop, step) = index {
                return .list(ListStorage(try sliceItems(list.items, start, stop, step)))
            }
            return list.items[try normalizedSequenceIndex(index, count: list.items.count, kind: "list")]
        case let .tuple(items):
            if case let .slice(start, stop, step) = index { return .tuple(try sliceItems(items, start, stop, step)) }
            return items[try normalizedSequenceIndex(index, count: items.count, kind: "tuple")]
        case let .namedTuple(tuple):
            if case let .slice(start, stop, step) = index { return .tuple(try sliceItems(tuple.values, start, stop, step)) }
            return tuple.values[try normalizedSequenceIndex(index, count: tuple.values.count, kind: "tuple")]
        case let .size(sizes):
            let items = sizes.map { Value.int(Int64($0)) }
            if case let .slice(start, stop, step) = index {
                return .size(try sliceItems(items, start, stop, step).map { try pythonIntValue($0) })
            }
            return items[try normalizedSequenceIndex(index, count: items.count, kind: "tuple")]
        case let .string(text):
            let characters = stringCharacters(text)
            if case let .slice(start, stop, step) = index {
                return .string(String(try sliceElements(characters, start, stop, step)))
            }
            return .string(String(characters[try normalizedSequenceIndex(index, count: characters.count, kind: "string")]))
        case let .range(start, stop, step):
            if case .slice = index, let range = rangeView(container) { return try range.item(at: index, interpreter: self) }
            let count = Int(rangeCount(start, stop, step))
            let position = try normalizedSequenceIndex(index, count: count, kind: "range object")
            return .int(start &+ Int64(position) &* step)
        case let .dict(dict):
            try requireHashable(index)
            guard let value = dict[index] else { return try missingDictItem(dict, index) }
            return value
        case let .instance(instance):
            if let method = instance.classObject.lookup("__getitem__") {
                return try call(method, CallArguments([container, index]))
            }
            if let native = instance.nativeModule as? NativeContainer { return try native.item(self, index) }
            if let wrapped = instance.builtinValue { return try builtinSubclassItem(instance, wrapped, index) }
        case let .native(object as NativeContainer):
            return try object.item(self, index)
        case let .native(object as NativeSubscriptable):
            return try object.item(at: index, interpreter: self)
        case let .classObject(classObject) where enumMembers(of: classObject) != nil:
            return try enumMember(classObject, named: index)
        default: break
        }
        throw PythonError.typeError("'\(container.typeName)' object is not subscriptable")
    }

    func setSubscript(_ container: Value, _ index: Value, _ value: Value) throws {
        switch container {
        case let .tensor(tensor):
            try refuseBareIndexOfZeroDim(tensor, index)
            let source: Operand
            let indices = try tensorIndices(index)
            switch value {
            case let .tensor(other):
                try tensor.checkIndexPutSource(indices, other, accumulate: false)
                source = .tensor(other)
            case .list, .tuple: source = .tensor(try tensorFromNested(value, dtype: tensor.dtype))
            default: source = try toOperand(value, function: "__setitem__")
            }
            try Autodiff.setItem(tensor, indices, value: source)
        case let .list(list):
            if case let .slice(start, stop, step) = index, try (step.isNone || pythonInt(step) == 1) {
                let (lower, upper) = try sliceBounds(count: list.items.count, start, stop)
                list.items.replaceSubrange(lower..<max(lower, upper), with: try iterate(value))
                return
            }
            list.items[try normalizedSequenceIndex(index, count: list.items.count, kind: "list assignment")] = value
        case let .dict(dict):
            try requireHashable(index)
            dict[index] = value
        case let .native(object as NativeItemAssignable):
            try object.setItem(index, value, interpreter: self)
        case let .instance(instance):
            if let method = instance.classObject.lookup("__setitem__") {
                _ = try call(method, CallArguments([container, index, value]))
                return
            }
            if let wrapped = instance.builtinValue { return try setSubscript(wrapped, index, value) }
            throw PythonError.typeError("'\(container.typeName)' object does not support item assignment")
        case let .native(object as NativeContainer):
            try object.setItem(self, index, value)
        default:
            throw PythonError.typeError("'\(container.typeName)' object does not support item assignment")
        }
    }

    /// A Python index turned into the engine's index list (public: the explainer replays a
    /// subscript's index on a tensor of positions to see which elements a write reached).
    /// `sequences` says how a list index holding slices or tensors reads: as PyTorch
    /// reads it, with its warning (`.warn`) or without (`.silent`, for the explainer's
    /// second look), or as NumPy does since 1.23, as one array index (`.asArray`).
    public func tensorIndices(_ index: Value, sequences: SequenceIndexing = .warn) throws -> [TensorIndex] {
        if case let .tuple(items) = index { return try items.map(tensorIndex) }
        if sequences != .asArray, let items = sequenceIndexedAsTuple(index, warns: sequences == .warn) { return try items.map(tensorIndex) }
        return [try tensorIndex(index)]
    }

    /// NumPy's old heuristic, which PyTorch keeps with a deprecation warning: a list (or
    /// str) of fewer than 32 items that holds a tensor, a sequence, a slice, None or `...`
    /// indexes like the tuple of its items, so `x[[rows, cols]]` is `x[rows, cols]`.
    private func sequenceIndexedAsTuple(_ index: Value, warns: Bool) -> [Value]? {
        let items: [Value]
        switch index {
        case let .list(list) where !list.isSet && !list.isKeysView && list.dictViewName == nil: items = list.items
        case let .string(text): items = text.map { .string(String($0)) }
        default: return nil
        }
        guard items.count < 32 else { return nil }
        for item in items {
            let line: Int
            switch item {
            case .tensor, .list(_), .tuple, .string, .range, .namedTuple, .size, .slice: line = 375
            case .none, .ellipsis: line = 385
            default: continue
            }
            if case let .list(list) = item, list.isSet || list.isKeysView || list.dictViewName != nil { continue }
            guard warns else { return items }
            warn("Using a non-tuple sequence for multidimensional indexing is deprecated and will be changed in pytorch 2.9; use x[tuple(seq)] "
                 + "instead of x[seq]. In pytorch 2.9 this will be interpreted as tensor index, x[torch.tensor(seq)], which will result either "
                 + "in an error or a different result (Triggered internally at /__w/pytorch/pytorch/torch/csrc/autograd/python_variable_indexing.cpp:\(line).)")
            return items
        }
        return nil
    }

    private func tensorIndex(_ value: Value) throws -> TensorIndex {
        func bound(_ value: Value) throws -> Int? {
            switch value {
            case .none: return nil
            case let .int(number): return Int(number)
            case let .bool(flag): return flag ? 1 : 0
            case let .tensor(tensor) where tensor.count == 1 && !tensor.dtype.isFloatingPoint:
                return Int(try tensor.item().int64Value)
            case _ where isIndexLike(value):
                return Int(try pythonInt(value))
            default:
                throw PythonError.typeError(
                    "slice indices must be integers or None or have an __index__ method")
            }
        }
        switch value {
        case let .int(number): return .integer(Int(number))
        case .native(is BigIntObject): throw PythonError.valueError("Overflow when unpacking long long")
        case let .bool(flag): return .boolean(flag)
        case .none: return .newAxis
        case .ellipsis: return .ellipsis
        case let .slice(start, stop, step):
            return .slice(start: try bound(start), stop: try bound(stop), step: try bound(step))
        case let .tensor(tensor): return .tensor(tensor)
        case _ where isIndexLike(value): return .integer(Int(try pythonInt(value)))
        case let .native(array as NDArray):
            // A numpy array indexes as the list it holds would (mammoth's `examples[choice]`).
            let index = array.tensor.detach()
            return .tensor(index.dtype == .bool || index.dtype == .uint8 ? index : try index.to(.int64))
        case .list, .tuple, .range:
            // PyTorch's indexing_tensor_from_data: a bool or uint8 list is a mask; any other
            // (floats and the empty list included) becomes an int64 index.
            let index = try tensorFromNested(value, dtype: nil)
            return .tensor(index.dtype == .bool || index.dtype == .uint8 ? index : try index.to(.int64))
        case .string:
            throw PythonError.typeError("new(): invalid data type 'str'")
        default:
            throw PythonError.indexError(
                "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got \(indexTypeName(value)))")
        }
    }

    /// The C type name PyTorch's indexing error shows: numpy's types are qualified.
    private func indexTypeName(_ value: Value) -> String {
        switch value {
        case .native(is NumPyScalar), .native(is NDArray): "numpy.\(value.typeName)"
        default: value.typeName
        }
    }

    /// A value with `__index__` that stands for an int: a numpy integer scalar, or an
    /// instance such as an IntEnum member.
    private func isIndexLike(_ value: Value) -> Bool {
        switch value {
        case let .native(scalar as NumPyScalar): !scalar.dtype.isFloatingPoint && scalar.dtype != .bool
        case let .instance(instance): instance.classObject.lookup("__index__") != nil
        default: false
        }
    }

    func normalizedSequenceIndex(_ index: Value, count: Int, kind: String) throws -> Int {
        let position: Int64
        switch index {
        case let .int(number): position = number
        case let .bool(flag): position = flag ? 1 : 0
        case let .tensor(tensor) where tensor.count == 1 && !tensor.dtype.isFloatingPoint:
            position = try tensor.item().int64Value
        case .native(is BigIntObject): throw PythonError.indexError("cannot fit 'int' into an index-sized integer")
        case let .instance(instance) where instance.classObject.lookup("__index__") != nil:
            position = try pythonInt(index)
        default:
            let noun = kind.hasPrefix("list") ? "list" : kind
            throw PythonError.typeError("\(noun) indices must be integers or slices, not \(index.typeName)")
        }
        let resolved = position < 0 ? position + Int64(count) : position
        guard resolved >= 0, resolved < Int64(count) else {
            throw PythonError(TensorError(.indexError, .sequenceIndexOutOfRange(sequence: kind)))
        }
        return Int(resolved)
    }

    private func sliceBounds(count: Int, _ start: Value, _ stop: Value) throws -> (Int, Int) {
        func clamp(_ value: Value, _ fallback: Int) throws -> Int {
            if value.isNone { return fallback }
            var bound = Int(try pythonInt(value))
            if bound < 0 { bound = max(0, bound + count) }
            return min(bound, count)
        }
        return (try clamp(start, 0), try clamp(stop, count))
    }

    /// `text`'s characters, kept for the next call: a loop indexing one string (a parser)
    /// splits it once, and comparing a string with itself is a pointer check.
    func stringCharacters(_ text: String) -> [Character] {
        if indexedString.text == text { return indexedString.characters }
        let characters = Array(text)
        indexedString = (text, characters)
        return characters
    }

    func sliceItems(_ items: [Value], _ start: Value, _ stop: Value, _ step: Value) throws -> [Value] {
        try sliceElements(items, start, stop, step)
    }

    /// Python's slice semantics for sequences, negative steps included.
    func sliceElements<Item>(_ items: [Item], _ start: Value, _ stop: Value, _ step: Value) throws -> [Item] {
        let stride = step.isNone ? 1 : Int(try pythonInt(step))
        guard stride != 0 else { throw PythonError.valueError("slice step cannot be zero") }
        let count = items.count
        func resolve(_ value: Value, _ fallback: Int, low: Int, high: Int) throws -> Int {
            if value.isNone { return fallback }
            var bound = Int(clamping: try pythonInt(value))
            if bound < 0 { bound += count }
            return min(max(bound, low), high)
        }
        var result: [Item] = []
        if stride > 0 {
            var position = try resolve(start, 0, low: 0, high: count)
            let end = try resolve(stop, count, low: 0, high: count)
            while position < end {
                result.append(items[position])
                position += stride
            }
        } else {
            var position = try resolve(start, count - 1, low: -1, high: count - 1)
            let end = try resolve(stop, -1, low: -1, high: count - 1)
            while position > end {
                result.append(items[position])
                position += stride
            }
        }
        return result
    }

    /// The items a `for` loop visits.
    func iterate(_ value: Value) throws -> [Value] {
        switch value {
        case let .list(list): return list.items
        case let .tuple(items): return items
        case let .namedTuple(tuple): return tuple.values
        case let .size(sizes): return sizes.map { .int(Int64($0)) }
        case let .string(text):
            try limits.checkItems(text.utf8.count > limits.maxContainerItems ? text.count : 0, what: "this string's characters")
            return text.map { .string(String($0)) }
        case let .dict(dict): return dict.entries.map(\.key)
        case let .range(start, stop, step):
            let count = rangeCount(start, stop, step)
            try limits.checkItems(count, what: "this range, materialized,")
            return (0..<count).map { .int(start &+ $0 &* step) }
        case let .tensor(tensor):
            guard tensor.rank > 0 else { throw PythonError.typeError("iteration over a 0-d tensor") }
            try limits.checkItems(tensor.shape[0], what: "iterating this tensor")
            return try Autodiff.unbind(tensor, 0).map { .tensor($0) }
        case let .native(object):
            let finite = (object as? LazyIterator).flatMap { $0.isFinite ? $0 : nil }
            if let iterator = finite ?? (object as? LazilyIterable)?.makeIterator(self) {
                var items: [Value] = []
                while let item = try iterator.next() {
                    items.append(item)
                    try limits.checkItems(items.count, what: "this iteration, materialized,")
                }
                return items
            }
            if let items = try object.iterate() { return items }
        case let .classObject(classObject):
            if let members = enumMembers(of: classObject) { return members }
        case let .instance(instance):
            if let items = try instance.nativeModule?.iterate(), instance.classObject.lookup("__iter__") == nil { return items }
            if let wrapped = instance.builtinValue, instance.classObject.lookup("__iter__") == nil { return try iterate(wrapped) }
            if let iterator = try protocolIterator(value) { return try materialize(iterator) }
        default: break
        }
        throw PythonError.typeError("'\(value.typeName)' object is not iterable")
    }

    func attribute(of object: Value, _ name: String) throws -> Value {
        switch object {
        case let .tensor(tensor):
            return try tensorAttribute(tensor, name)
        case let .module(namespace):
            if let member = namespace.members[name] { return member }
            let subset = namespace.name == "numpy" ? " (TensorTutor's numpy subset does not have it)" : ""
            throw PythonError.attributeError("module '\(namespace.name)' has no attribute '\(name)'\(subset)")
        case let .instance(instance):
            if let store = instance.attributeStore {
                if let value = store[.string(name)] { return value }
                if name == "__dict__" { return instance.attributeStoreIsSelf ? object : .dict(store) }
            }
            if let value = instance.attributes[name] { return value }
            if name == "__dict__" { return .native(InstanceDict(instance)) }
            if let value = instance.classObject.lookup(name) {
                return try bindClassAttribute(value, instance: object, classObject: instance.classObject)
            }
            if let value = try builtinSubclassAttribute(instance, name) { return value }
            if let value = try moduleInstanceAttribute(instance, name) { return value }
            if name == "__class__" { return .classObject(instance.classObject) }
            // Python's fallback: a class's `__getattr__` answers names the lookup did not find.
            if name != "__getattr__", let fallback = instance.classObject.lookup("__getattr__") {
                return try call(try bindClassAttribute(fallback, instance: object, classObject: instance.classObject), CallArguments([.string(name)]))
            }
            throw PythonError.attributeError("'\(instance.classObject.name)' object has no attribute '\(name)'")
        case let .classObject(classObject):
            if let value = classObject.lookup(name) {
                return try bindClassAttribute(value, instance: nil, classObject: classObject)
            }
            if name == "__name__" || name == "__qualname__" { return .string(classObject.name) }
            if name == "__module__" { return .string("__main__") }
            if name == "__doc__" { return .none }
            if let value = classIntrospectionAttribute(classObject, name) { return value }
            if isObjectClass(classObject), let method = objectTypeMethod(name) { return method }
            throw PythonError.attributeError("type object '\(classObject.name)' has no attribute '\(name)'")
        case let .namedTuple(tuple):
            if let index = tuple.fields.firstIndex(of: name) { return tuple.values[index] }
            if let member = try tuple.owner?.member(name, receiver: object, self) { return member }
        case .range:
            if let value = try rangeView(object)?.rangeAttribute(name) { return value }
        case let .native(native):
            if let value = try native.attribute(name, interpreter: self) { return value }
            if native is NNModule, name == "__class__" { return typeObject(of: object) }
        case let .function(function):
            if let value = try functionAttribute(function, name) { return value }
        case let .builtin(builtin):
            if let value = try boundMethodAttribute(builtin, name) { return value }
            if name == "__name__" { return .string(builtin.name) }
            if let value = nativeModuleClassAttribute(builtin, name) { return value }
            if let value = try unboundBuiltinMethod(builtin, name) { return value }
        default:
            break
        }
        if let method = try valueMethod(object, name) { return method }
        throw PythonError.attributeError("'\(object.typeName)' object has no attribute '\(name)'")
    }

    func setAttribute(of object: Value, _ name: String, _ value: Value) throws {
        switch object {
        case let .instance(instance):
            if let method = try classAttributeHook(instance, "__setattr__") {
                _ = try call(method, CallArguments([.string(name), value]))
            } else {
                try plainSetAttribute(instance, name, value)
            }
            return
        case let .classObject(classObject):
            classObject.attributes[name] = value
            return
        case let .module(namespace):
            namespace.members[name] = value
            return
        case let .function(function):
            function.attributes[name] = value
            return
        case let .native(native):
            if try native.setAttribute(name, value) { return }
        case let .tensor(tensor):
            if try setTensorAttribute(tensor, name, value) { return }
        default: break
        }
        throw PythonError.attributeError("'\(object.typeName)' object has no attribute '\(name)'")
    }
}

public enum SequenceIndexing: Sendable { case warn, silent, asArray }
