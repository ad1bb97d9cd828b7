import Glibc
import TensorEngine

/// `torch.utils.data.Subset` and `random_split`: a dataset seen through a list of indices,
/// and a dataset cut into such subsets along one `randperm`, as PyTorch draws it.
final class SubsetObject: NativeSized, NativeSubscriptable {
    let dataset: Value
    let indices: [Int]

    init(dataset: Value, indices: [Int]) {
        self.dataset = dataset
        self.indices = indices
    }

    var typeName: String { "Subset" }
    func repr() -> String { "<torch.utils.data.dataset.Subset object>" }
    var count: Int { indices.count }

    func item(at index: Value, interpreter: Interpreter) throws -> Value {
        if case let .list(list) = index {
            return .list(ListStorage(try list.items.map { try item(at: $0, interpreter: interpreter) }))
        }
        var position = try interpreter.pythonIntValue(index)
        if position < 0 { position += indices.count }
        guard position >= 0, position < indices.count else { throw PythonError.indexError("list index out of range") }
        return try interpreter.subscriptValue(dataset, .int(Int64(indices[position])))
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "dataset": return dataset
        case "indices": return .list(ListStorage(indices.map { .int(Int64($0)) }))
        default: return datasetMethod(name)
        }
    }
}

extension Interpreter {
    func makeSubsetMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        members["Subset"] = .builtin(Builtin("Subset", isOp: false) { interpreter, arguments in
            let bound = try arguments.bind("Subset", ["dataset", "indices"])
            let indices = try interpreter.iterate(try bound.value("indices")).map { try interpreter.pythonIntValue($0) }
            return .native(SubsetObject(dataset: try bound.value("dataset"), indices: indices))
        })
        members["random_split"] = .builtin(Builtin("random_split", isOp: false) { interpreter, arguments in
            let bound = try arguments.bind("random_split", ["dataset", "lengths", "generator"])
            let dataset = try bound.value("dataset")
            let total = try interpreter.length(dataset)
            let lengths = try interpreter.splitLengths(try interpreter.iterate(try bound.value("lengths")), total: total)
            let order = try interpreter.generator(bound).randperm(total, dtype: .int64).elements(as: Int64.self).map { Value.int($0) }
            // `indices[offset - length : offset]` with Python's slicing, as torch does, so
            // negative lengths that still sum to the total select what they select there.
            var offset = 0
            return .list(ListStorage(try lengths.map { length in
                offset += length
                let picked = try interpreter.sliceItems(order, .int(Int64(offset - length)), .int(Int64(offset)), .none)
                return .native(SubsetObject(dataset: dataset, indices: try picked.map { try interpreter.pythonIntValue($0) }))
            }))
        })
        return members
    }

    /// Whole lengths, or fractions summing to 1 turned into lengths as PyTorch does:
    /// floors first, the remainder handed out one by one from the first split.
    private func splitLengths(_ values: [Value], total: Int) throws -> [Int] {
        let numbers = try values.map { try pythonDouble($0) }
        let sum = numbers.reduce(0, +)
        var lengths: [Int]
        if abs(sum - 1) <= 1e-9, sum <= 1 {
            for (index, fraction) in numbers.enumerated() where fraction < 0 || fraction > 1 {
                throw PythonError.valueError("Fraction at index \(index) is not between 0 and 1")
            }
            lengths = numbers.map { Int(Glibc.floor(Double(total) * $0)) }
            let remainder = total - lengths.reduce(0, +)
            for step in 0..<max(remainder, 0) where !lengths.isEmpty { lengths[step % lengths.count] += 1 }
            for (index, length) in lengths.enumerated() where length == 0 {
                warn("Length of split at index \(index) is 0. This might result in an empty dataset.")
            }
        } else {
            lengths = try values.map { try pythonIntValue($0) }
        }
        // Summed with overflow reported: lengths near 2**63 are simply wrong, not a crash.
        let (lengthSum, overflowed) = lengths.reduce((0, false)) { partial, length in
            let next = partial.0.addingReportingOverflow(length)
            return (next.partialValue, partial.1 || next.overflow)
        }
        guard !overflowed, lengthSum == total else {
            throw PythonError.valueError("Sum of input lengths does not equal the length of the input dataset!")
        }
        return lengths
    }
}

/// `dataset[i]` on a TensorDataset, as a Subset and user code read it.
extension TensorDatasetObject: NativeSubscriptable {
    func item(at index: Value, interpreter: Interpreter) throws -> Value {
        var position = try interpreter.pythonIntValue(index)
        if position < 0 { position += count }
        guard position >= 0, position < count else {
            throw PythonError.indexError("index \(position) is out of bounds for dimension 0 with size \(count)")
        }
        return try item(position)
    }
}
