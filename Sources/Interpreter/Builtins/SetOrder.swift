/// CPython's iteration order for a set of ints: the order of the slots they land in
/// after inserting them one by one into its hash table (open addressing with nine
/// linear probes, then perturbation; the table quadruples once two thirds full), so
/// `{1, 0}` prints as `{0, 1}` as in Python. Other sets keep insertion order, since
/// CPython's string hashes are randomised per process anyway.
func cpythonSetOrder(_ items: [Value]) -> [Value] {
    var keys: [Int64] = []
    for item in items {
        switch item {
        case let .int(value): keys.append(value)
        case let .bool(flag): keys.append(flag ? 1 : 0)
        default: return items
        }
    }
    var table = IntSetTable()
    for key in keys { table.add(key) }
    let order = table.slots.compactMap { $0 }
    var byKey: [Int64: Value] = [:]
    for (key, item) in zip(keys, items) where byKey[key] == nil { byKey[key] = item }
    return order.compactMap { byKey[$0] }
}

private struct IntSetTable {
    var slots: [Int64?] = Array(repeating: nil, count: 8)
    private var used = 0

    private static func hash(_ key: Int64) -> UInt64 {
        // hash(-1) is -2 in CPython; other ints of this size hash to themselves.
        UInt64(bitPattern: key == -1 ? -2 : key)
    }

    mutating func add(_ key: Int64) {
        let mask = slots.count - 1
        let hash = Self.hash(key)
        var perturb = hash
        var index = Int(hash & UInt64(mask))
        while true {
            let probes = index + 9 <= mask ? 9 : 0
            for offset in 0...probes {
                let slot = index + offset
                guard let occupant = slots[slot] else {
                    slots[slot] = key
                    used += 1
                    if used * 5 >= mask * 3 { resize(minimumUsed: used > 50_000 ? used * 2 : used * 4) }
                    return
                }
                if occupant == key { return }
            }
            perturb >>= 5
            index = Int((UInt64(index) &* 5 &+ 1 &+ perturb) & UInt64(mask))
        }
    }

    private mutating func resize(minimumUsed: Int) {
        var size = 8
        while size <= minimumUsed { size <<= 1 }
        let old = slots.compactMap { $0 }
        slots = Array(repeating: nil, count: size)
        let mask = size - 1
        for key in old {
            let hash = Self.hash(key)
            var perturb = hash
            var index = Int(hash & UInt64(mask))
            placing: while true {
                let probes = index + 9 <= mask ? 9 : 0
                for offset in 0...probes where slots[index + offset] == nil {
                    slots[index + offset] = key
                    break placing
                }
                perturb >>= 5
                index = Int((UInt64(index) &* 5 &+ 1 &+ perturb) & UInt64(mask))
            }
        }
    }
}
