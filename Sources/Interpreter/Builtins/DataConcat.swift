/// `torch.utils.data.ConcatDataset`: datasets read one after another, their lengths summed
/// once when it is made, as continual-learning code joins a task's data with its memory.
final class ConcatDatasetObject: NativeSized, NativeSubscriptable {
    let datasets: [Value]
    /// The running totals of the datasets' lengths (`cumulative_sizes`).
    let cumulativeSizes: [Int]

    init(datasets: [Value], cumulativeSizes: [Int]) {
        self.datasets = datasets
        self.cumulativeSizes = cumulativeSizes
    }

    var typeName: String { "ConcatDataset" }
    func repr() -> String { "<torch.utils.data.dataset.ConcatDataset object>" }
    var count: Int { cumulativeSizes.last ?? 0 }

    func item(at index: Value, interpreter: Interpreter) throws -> Value {
        var position = try interpreter.pythonIntValue(index)
        if position < 0 {
            guard -position <= count else { throw PythonError.valueError("absolute value of index should not exceed dataset length") }
            position += count
        }
        // bisect_right over the running totals, as PyTorch finds the dataset.
        let datasetIndex = cumulativeSizes.firstIndex { $0 > position } ?? cumulativeSizes.count
        guard datasetIndex < datasets.count else { throw PythonError.indexError("list index out of range") }
        let sampleIndex = datasetIndex == 0 ? position : position - cumulativeSizes[datasetIndex - 1]
        return try interpreter.subscriptValue(datasets[datasetIndex], .int(Int64(sampleIndex)))
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "datasets": return .list(ListStorage(datasets))
        case "cumulative_sizes": return .list(ListStorage(cumulativeSizes.map { .int(Int64($0)) }))
        default: return datasetMethod(name)
        }
    }
}

extension NativeSized where Self: NativeSubscriptable {
    /// `__len__` and `__getitem__` as bound methods, for code that calls them by name.
    func datasetMethod(_ name: String) -> Value? {
        switch name {
        case "__len__": return .builtin(Builtin("__len__") { _, _ in .int(Int64(self.count)) })
        case "__getitem__":
            return .builtin(Builtin("__getitem__", isOp: false) { interpreter, arguments in
                try self.item(at: arguments.positional.first ?? .int(0), interpreter: interpreter)
            })
        default: return nil
        }
    }
}

extension Interpreter {
    func makeConcatDatasetMembers() -> [String: Value] {
        ["ConcatDataset": .builtin(Builtin("ConcatDataset", isOp: false) { interpreter, arguments in
            let datasets = try interpreter.iterate(try arguments.bind("ConcatDataset", ["datasets"]).value("datasets"))
            guard !datasets.isEmpty else { throw PythonError("AssertionError", "datasets should not be an empty iterable") }
            var total = 0
            let sizes = try datasets.map { dataset -> Int in
                total += try interpreter.length(dataset)
                return total
            }
            return .native(ConcatDatasetObject(datasets: datasets, cumulativeSizes: sizes))
        })]
    }
}
