/// A hash that agrees with `pythonEquals`: values it calls equal hash alike (`1`, `1.0`
/// and `True` all hash as the number 1). Nil for values with no such hash (lists, dicts,
/// slices), which dicts then find by comparing with every key, as before.
func pythonHash(_ value: Value) -> Int? {
    if let number = value.numpyScalarNumber { return pythonHash(number) }
    var hasher = Hasher()
    switch value {
    case .none: hasher.combine(0 as UInt8)
    case .ellipsis: hasher.combine(1 as UInt8)
    // Numbers hash through their Double value: equal numbers of any type share it.
    case let .int(number): return numberHash(Double(number))
    case let .float(number): return numberHash(number)
    case let .bool(flag): return numberHash(flag ? 1 : 0)
    case let .string(text): hasher.combine(text)
    case let .tuple(items): return sequenceHash(items)
    case let .namedTuple(tuple): return sequenceHash(tuple.values)
    case let .list(list) where list.isFrozen:
        // Independent of the items' order, as frozenset equality is.
        return list.items.reduce(0x5e7) { $0 &+ (pythonHash($1) ?? 0) &* 0x9e3779b1 }
    case let .size(sizes): return sequenceHash(sizes.map { .int(Int64($0)) })
    case let .dtype(dtype): hasher.combine(String(describing: dtype))
    case let .range(start, stop, step): hasher.combine(start); hasher.combine(stop); hasher.combine(step)
    case let .tensor(tensor): hasher.combine(ObjectIdentifier(tensor))
    case let .instance(instance): hasher.combine(ObjectIdentifier(instance))
    case let .classObject(classObject): hasher.combine(ObjectIdentifier(classObject))
    case let .function(function): hasher.combine(ObjectIdentifier(function))
    case let .builtin(builtin): hasher.combine(ObjectIdentifier(builtin))
    case let .module(namespace): hasher.combine(ObjectIdentifier(namespace))
    case let .native(object as BigIntObject):
        // Equal to a float only when the float holds the same integer: hash as that float.
        if let double = object.value.double, BigInt(truncating: double) == object.value { return numberHash(double) }
        hasher.combine(object.value)
    // Devices are values: `hidden[x.device]` finds what a hook stored under `input[0].device`.
    case let .native(device as Device): hasher.combine("device"); hasher.combine(device.name)
    case let .native(object) where !(object is InstanceDict): hasher.combine(ObjectIdentifier(object))
    default: return nil
    }
    return hasher.finalize()
}

private func numberHash(_ number: Double) -> Int {
    var hasher = Hasher()
    hasher.combine(number == 0 ? 0 : number)  // -0.0 == 0.0
    return hasher.finalize()
}

private func sequenceHash(_ items: [Value]) -> Int? {
    var hasher = Hasher()
    hasher.combine(items.count)
    for item in items {
        guard let itemHash = pythonHash(item) else { return nil }
        hasher.combine(itemHash)
    }
    return hasher.finalize()
}
