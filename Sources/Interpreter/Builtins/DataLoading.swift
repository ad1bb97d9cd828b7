import Autograd
import TensorEngine

/// `torch.utils.data`: Dataset (a base class), TensorDataset, DataLoader and the
/// sequential and random samplers, drawing from the default generator exactly as
/// PyTorch does (one int64 per iteration of a loader, one more to seed a shuffle).
extension Interpreter {
    func makeDataMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        members["Dataset"] = .classObject(ClassObject(name: "Dataset", attributes: [:], bases: []))
        members["IterableDataset"] = members["Dataset"]
        members["TensorDataset"] = .builtin(Builtin("TensorDataset", isOp: false) { interpreter, arguments in
            let tensors = try arguments.positional.map { try interpreter.tensorArgument($0, function: "TensorDataset") }
            guard let first = tensors.first, tensors.allSatisfy({ $0.rank > 0 && $0.shape[0] == first.shape[0] }) else {
                throw PythonError("AssertionError", "Size mismatch between tensors")
            }
            return .native(TensorDatasetObject(tensors))
        })
        members["SequentialSampler"] = .builtin(Builtin("SequentialSampler", isOp: false) { interpreter, arguments in
            .native(SamplerObject(.sequential, count: try interpreter.length(try arguments.bind("SequentialSampler", ["data_source"]).value("data_source"))))
        })
        members["RandomSampler"] = .builtin(Builtin("RandomSampler", isOp: false) { interpreter, arguments in
            let bound = try arguments.bind("RandomSampler", ["data_source", "replacement", "num_samples", "generator"])
            let count = try interpreter.length(try bound.value("data_source"))
            let replacement = try bound.bool("replacement", default: false)
            let samples = try bound.optional("num_samples").map { try interpreter.pythonIntValue($0) } ?? count
            guard samples > 0 else {
                throw PythonError.valueError("num_samples should be a positive integer value, but got num_samples=\(samples)")
            }
            let generator = bound.has("generator") ? try interpreter.generator(bound) : nil
            return .native(SamplerObject(.random(replacement: replacement, samples: samples), count: count, generator: generator))
        })
        members["DataLoader"] = .builtin(Builtin("DataLoader", isOp: false) { interpreter, arguments in
            try interpreter.makeDataLoader(arguments)
        })
        members.merge(makeSubsetMembers()) { existing, _ in existing }
        members.merge(makeConcatDatasetMembers()) { existing, _ in existing }
        members.merge(makeWeightedSamplerMembers()) { existing, _ in existing }
        return members
    }

    private func makeDataLoader(_ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind("DataLoader", ["dataset", "batch_size", "shuffle", "sampler", "batch_sampler", "num_workers",
                                                     "collate_fn", "pin_memory", "drop_last", "timeout", "worker_init_fn",
                                                     "multiprocessing_context", "generator", "prefetch_factor", "persistent_workers"])
        let dataset = try bound.value("dataset")
        let shuffle = try bound.bool("shuffle", default: false)
        var sampler: SamplerObject
        if case let .native(given as SamplerObject)? = bound.optional("sampler") {
            if shuffle { throw PythonError.valueError("sampler option is mutually exclusive with shuffle") }
            sampler = given
        } else if let given = bound.optional("sampler"), !given.isNone {
            // Any iterable of indices samples, as a user's Sampler subclass does.
            if shuffle { throw PythonError.valueError("sampler option is mutually exclusive with shuffle") }
            sampler = SamplerObject(.given(given), count: (try? length(given)) ?? 0)
        } else {
            let count = try length(dataset)
            sampler = SamplerObject(shuffle ? .random(replacement: false, samples: count) : .sequential, count: count)
        }
        let batchSize = try bound.optional("batch_size").map { $0.isNone ? nil : try pythonIntValue($0) } ?? 1
        if let batchSize, batchSize <= 0 {
            throw PythonError.valueError("batch_size should be a positive integer value, but got batch_size=\(batchSize)")
        }
        return .native(DataLoaderObject(dataset: dataset, sampler: sampler, batchSize: batchSize,
                                        dropLast: try bound.bool("drop_last", default: false), collate: bound.optional("collate_fn")))
    }

    /// `default_collate`: tensors are stacked, Python numbers become a tensor, and
    /// tuples, lists and dicts are collated field by field.
    func defaultCollate(_ samples: [Value]) throws -> Value {
        guard let first = samples.first else { return .list(ListStorage([])) }
        switch first {
        case .tensor:
            return .tensor(try Autodiff.stack(samples.map { try tensorArgument($0, function: "default_collate") }, dim: 0))
        case .int, .bool: return .tensor(try tensorFromNested(.list(ListStorage(samples)), dtype: .int64))
        case .float: return .tensor(try tensorFromNested(.list(ListStorage(samples)), dtype: .float64))
        // numpy arrays and scalars keep their dtype, as `torch.as_tensor` gives it.
        case .native(is NDArray):
            return .tensor(try Autodiff.stack(samples.map { sample in
                guard case let .native(array as NDArray) = sample else { return try tensorArgument(sample, function: "default_collate") }
                return array.tensor.detach()
            }, dim: 0))
        case let .native(scalar as NumPyScalar):
            let numbers = samples.map { sample in
                if case let .native(item as NumPyScalar) = sample { return item.pythonValue } else { return sample }
            }
            return .tensor(try tensorFromNested(.list(ListStorage(numbers)), dtype: scalar.dtype))
        case let .tuple(items):
            return .list(ListStorage(try transposed(samples, width: items.count).map(defaultCollate)))
        case let .namedTuple(tuple):
            return .list(ListStorage(try transposed(samples, width: tuple.values.count).map(defaultCollate)))
        case let .list(list):
            return .list(ListStorage(try transposed(samples, width: list.items.count).map(defaultCollate)))
        case let .dict(dict):
            return .dict(DictStorage(try dict.entries.map { entry in
                (entry.key, try defaultCollate(try samples.map { try subscriptValue($0, entry.key) }))
            }))
        default: return .list(ListStorage(samples))
        }
    }

    private func transposed(_ samples: [Value], width: Int) throws -> [[Value]] {
        let rows = try samples.map { try iterate($0) }
        guard rows.allSatisfy({ $0.count == width }) else {
            throw PythonError.runtimeError("each element in list of batch should be of equal size")
        }
        return (0..<width).map { column in rows.map { $0[column] } }
    }
}

/// `TensorDataset(*tensors)`: item i is the tuple of every tensor's row i.
final class TensorDatasetObject: NativeSized {
    let tensors: [Tensor]

    init(_ tensors: [Tensor]) { self.tensors = tensors }

    var typeName: String { "TensorDataset" }
    func repr() -> String { "<torch.utils.data.dataset.TensorDataset object>" }

    var count: Int { tensors.first?.shape[0] ?? 0 }

    func item(_ index: Int) throws -> Value {
        .tuple(try tensors.map { .tensor(try Autodiff.select($0, 0, index)) })
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "tensors": return .tuple(tensors.map { .tensor($0) })
        case "__len__": return .builtin(Builtin("__len__") { _, _ in .int(Int64(self.count)) })
        case "__getitem__":
            return .builtin(Builtin("__getitem__", isOp: false) { interpreter, arguments in
                try self.item(try interpreter.pythonIntValue(arguments.positional.first ?? .int(0)))
            })
        default: return nil
        }
    }
}

/// A sampler: the order in which a loader visits the dataset's indices.
final class SamplerObject: NativeSized {
    enum Order {
        case sequential, random(replacement: Bool, samples: Int)
        /// A Python iterable of indices (a user's sampler), read once per pass.
        case given(Value)
        /// `SubsetRandomSampler`: the indices in a `randperm` order; `WeightedRandomSampler`:
        /// `torch.multinomial` over the weights. Both draw from the default generator when given none.
        case subset([Int]), weighted(Tensor, samples: Int, replacement: Bool)
    }
    let order: Order
    let sourceCount: Int
    /// `generator=`: drawn from directly; without one each pass seeds a fresh generator.
    let generator: Generator?

    init(_ order: Order, count: Int, generator: Generator? = nil) {
        self.order = order
        self.sourceCount = count
        self.generator = generator
    }

    /// `list(sampler)` and `for i in sampler`: one pass of indices.
    func iterate() throws -> [Value]? {
        let next = makeIndices()
        var items: [Value] = []
        while let index = try next() { items.append(.int(Int64(index))) }
        return items
    }

    var typeName: String {
        switch order {
        case .sequential: "SequentialSampler"
        case .random, .given: "RandomSampler"
        case .subset: "SubsetRandomSampler"
        case .weighted: "WeightedRandomSampler"
        }
    }
    func repr() -> String { "<torch.utils.data.sampler.\(typeName) object>" }

    /// One pass of indices. A random order seeds a fresh generator from the default
    /// one, as `RandomSampler.__iter__` does, and draws from it lazily.
    func makeIndices(_ interpreter: Interpreter? = nil) -> () throws -> Int? {
        switch order {
        case let .given(iterable):
            var pending: [Int]?
            return {
                if pending == nil {
                    guard let interpreter else { return nil }
                    pending = try interpreter.iterate(iterable).map { try interpreter.pythonIntValue($0) }
                }
                return pending?.isEmpty == false ? pending?.removeFirst() : nil
            }
        case .subset, .weighted:
            return drawnIndices()
        case .sequential:
            var next = 0
            return { [sourceCount] in
                defer { next += 1 }
                return next < sourceCount ? next : nil
            }
        case let .random(replacement, samples):
            let generator = self.generator ?? {
                let fresh = Generator(seed: 0)
                fresh.manualSeed(Int64(bitPattern: Generator.default.nextUInt64() & UInt64(Int64.max)))
                return fresh
            }()
            var pending: [Int] = []
            var produced = 0
            return { [sourceCount] in
                guard produced < samples, sourceCount > 0 else { return nil }
                if pending.isEmpty {
                    if replacement {
                        // PyTorch draws replacement samples 32 at a time.
                        let chunk = try generator.randint(low: 0, high: Int64(sourceCount), shape: [32], dtype: .int64)
                        pending = chunk.int64s().map { Int($0) }
                    } else {
                        pending = try generator.randperm(sourceCount, dtype: .int64).int64s().map { Int($0) }
                    }
                }
                produced += 1
                return pending.removeFirst()
            }
        }
    }

    /// `len(sampler)`: the number of indices one pass yields.
    var count: Int {
        switch order {
        case .sequential, .given: sourceCount
        case let .random(_, samples): samples
        case let .subset(indices): indices.count
        case let .weighted(_, samples, _): samples
        }
    }
}

/// `DataLoader`: batches of collated samples, one pass per iteration.
final class DataLoaderObject: LazilyIterable, NativeSized {
    let dataset: Value
    let sampler: SamplerObject
    let batchSize: Int?
    let dropLast: Bool
    let collate: Value?

    init(dataset: Value, sampler: SamplerObject, batchSize: Int?, dropLast: Bool, collate: Value?) {
        self.dataset = dataset
        self.sampler = sampler
        self.batchSize = batchSize
        self.dropLast = dropLast
        self.collate = collate
    }

    var typeName: String { "DataLoader" }
    func repr() -> String { "<torch.utils.data.dataloader.DataLoader object>" }

    var count: Int { batchCount }

    var batchCount: Int {
        guard let batchSize, batchSize > 0 else { return sampler.count }
        return dropLast ? sampler.count / batchSize : (sampler.count + batchSize - 1) / batchSize
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "dataset": return dataset
        case "batch_size": return batchSize.map { .int(Int64($0)) } ?? .none
        case "sampler": return .native(sampler)
        case "drop_last": return .bool(dropLast)
        case "__len__": return .builtin(Builtin("__len__") { _, _ in .int(Int64(self.batchCount)) })
        default: return nil
        }
    }

    /// A lazy iterator over one pass: the loader's base seed is drawn now, as when
    /// PyTorch creates the iterator, and the samples as batches are requested.
    func makeIterator(_ interpreter: Interpreter) -> LazyIterator {
        _ = Generator.default.nextUInt64()
        var indices: (() throws -> Int?)?
        var finished = false
        return LazyIterator(kind: "_SingleProcessDataLoaderIter") { [self] in
            if finished { return nil }
            if indices == nil { indices = sampler.makeIndices(interpreter) }
            var samples: [Value] = []
            while batchSize == nil ? samples.isEmpty : samples.count < batchSize! {
                guard let index = try indices!() else { break }
                try interpreter.checkInterrupt()
                samples.append(try interpreter.datasetItem(dataset, index))
            }
            if samples.isEmpty || (dropLast && batchSize != nil && samples.count < batchSize!) {
                finished = true
                return nil
            }
            if batchSize == nil { return samples[0] }
            if let collate { return try interpreter.call(collate, CallArguments([.list(ListStorage(samples))])) }
            return try interpreter.defaultCollate(samples)
        }
    }
}

extension Interpreter {
    func datasetItem(_ dataset: Value, _ index: Int) throws -> Value {
        if case let .native(tensors as TensorDatasetObject) = dataset { return try tensors.item(index) }
        return try subscriptValue(dataset, .int(Int64(index)))
    }
}
