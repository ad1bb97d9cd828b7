import Autograd
import TensorEngine

/// `torch.nn.utils.rnn.PackedSequence`: the time steps of a batch of sequences stored
/// one after another, longest sequences first, with the permutation that sorted them.
final class PackedSequence: NativeObject {
    let data: Tensor
    let batchSizes: [Int]
    let sortedIndices: Tensor?
    let unsortedIndices: Tensor?

    init(data: Tensor, batchSizes: [Int], sortedIndices: Tensor?, unsortedIndices: Tensor?) {
        (self.data, self.batchSizes, self.sortedIndices, self.unsortedIndices) = (data, batchSizes, sortedIndices, unsortedIndices)
    }

    /// A packed result with this one's batch sizes and ordering.
    func replacingData(_ newData: Tensor) -> PackedSequence {
        PackedSequence(data: newData, batchSizes: batchSizes, sortedIndices: sortedIndices, unsortedIndices: unsortedIndices)
    }

    var typeName: String { "PackedSequence" }

    private var fields: [(String, Value)] {
        [("data", .tensor(data)), ("batch_sizes", .tensor(batchSizesTensor)),
         ("sorted_indices", sortedIndices.map { .tensor($0) } ?? .none), ("unsorted_indices", unsortedIndices.map { .tensor($0) } ?? .none)]
    }

    var batchSizesTensor: Tensor { (try? Tensor(values: batchSizes.map { Int64($0) }, shape: [batchSizes.count])) ?? Tensor(scalar: Int64(0)) }

    func repr() -> String {
        "PackedSequence(" + fields.map { name, value in
            if case let .tensor(tensor) = value { return "\(name)=\(tensor.repr)" }
            return "\(name)=None"
        }.joined(separator: ", ") + ")"
    }

    func attribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        if let field = fields.first(where: { $0.0 == name }) { return field.1 }
        return nil
    }

    func iterate() throws -> [Value]? { fields.map(\.1) }
}

extension Interpreter {
    /// `torch.nn.utils.rnn`: pad_sequence, pack_padded_sequence, pad_packed_sequence, pack_sequence.
    func makeRNNUtilsMembers() -> [String: Value] {
        var members: [String: Value] = [:]
        members["pad_sequence"] = .builtin(Builtin("pad_sequence") { interpreter, arguments in
            let bound = try arguments.bind("pad_sequence", ["sequences", "batch_first", "padding_value", "padding_side"])
            let sequences = try interpreter.iterate(try bound.value("sequences")).map { item -> Tensor in
                guard case let .tensor(tensor) = item else { throw PythonError.typeError("pad_sequence(): expected a list of tensors") }
                return tensor
            }
            return .tensor(try padSequences(sequences, batchFirst: try bound.bool("batch_first", default: false),
                                            padding: try bound.double("padding_value", default: 0),
                                            left: try bound.string("padding_side", default: "right") == "left"))
        })
        members["pack_padded_sequence"] = .builtin(Builtin("pack_padded_sequence") { interpreter, arguments in
            let bound = try arguments.bind("pack_padded_sequence", ["input", "lengths", "batch_first", "enforce_sorted"])
            let lengths = try interpreter.iterate(try bound.value("lengths")).map { try interpreter.pythonIntValue($0) }
            return .native(try packPadded(try bound.tensor("input"), lengths: lengths, batchFirst: try bound.bool("batch_first", default: false),
                                          enforceSorted: try bound.bool("enforce_sorted", default: true)))
        })
        members["pack_sequence"] = .builtin(Builtin("pack_sequence") { interpreter, arguments in
            let bound = try arguments.bind("pack_sequence", ["sequences", "enforce_sorted"])
            let sequences = try interpreter.iterate(try bound.value("sequences")).compactMap { if case let .tensor(t) = $0 { t } else { nil } }
            let padded = try padSequences(sequences, batchFirst: false, padding: 0, left: false)
            return .native(try packPadded(padded, lengths: sequences.map { $0.shape.first ?? 0 }, batchFirst: false,
                                          enforceSorted: try bound.bool("enforce_sorted", default: true)))
        })
        members["pad_packed_sequence"] = .builtin(Builtin("pad_packed_sequence") { _, arguments in
            let bound = try arguments.bind("pad_packed_sequence", ["sequence", "batch_first", "padding_value", "total_length"])
            guard case let .native(packed as PackedSequence) = try bound.value("sequence") else {
                throw PythonError.typeError("pad_packed_sequence(): sequence must be a PackedSequence")
            }
            return try padPacked(packed, batchFirst: try bound.bool("batch_first", default: false),
                                 padding: try bound.double("padding_value", default: 0), totalLength: try bound.optionalInt("total_length"))
        })
        return members
    }
}

/// `pad_sequence`: sequences `[L_i, *]` stacked into `[max L, B, *]` (or batch first).
private func padSequences(_ sequences: [Tensor], batchFirst: Bool, padding: Double, left: Bool) throws -> Tensor {
    guard let first = sequences.first else { throw PythonError.runtimeError("received an empty list of sequences") }
    let longest = sequences.map { $0.shape.first ?? 0 }.max() ?? 0
    let rows = try sequences.map { sequence -> Tensor in
        let missing = longest - (sequence.shape.first ?? 0)
        guard missing > 0 else { return sequence }
        let filler = try Factory.full(shape: [missing] + Array(sequence.shape.dropFirst()), value: .float(padding), dtype: first.dtype)
        return try Autodiff.concatenate(left ? [filler, sequence] : [sequence, filler], dim: 0)
    }
    return try Autodiff.stack(rows, dim: batchFirst ? 0 : 1)
}

/// `pack_padded_sequence`: sorted by length when `enforce_sorted` is False, then the
/// first `batch_sizes[t]` rows of each time step, step after step.
private func packPadded(_ input: Tensor, lengths: [Int], batchFirst: Bool, enforceSorted: Bool) throws -> PackedSequence {
    let batchDim = batchFirst ? 0 : 1
    guard input.rank >= 2, lengths.count == input.shape[batchDim] else {
        throw PythonError.runtimeError("Expected `len(lengths)` to be equal to batch_size, but got \(lengths.count) (batch_size=\(input.rank >= 2 ? input.shape[batchDim] : 0))")
    }
    var ordered = Array(lengths.indices)
    var sortedIndices: Tensor?, unsortedIndices: Tensor?
    var sequences = batchFirst ? try Autodiff.transpose(input, 0, 1) : input
    if enforceSorted {
        if zip(lengths, lengths.dropFirst()).contains(where: { $0 < $1 }) {
            throw PythonError.runtimeError("`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass "
                + "`enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability.")
        }
    } else {
        ordered.sort { lengths[$0] > lengths[$1] || (lengths[$0] == lengths[$1] && $0 < $1) }
        var inverse = [Int](repeating: 0, count: ordered.count)
        for (position, index) in ordered.enumerated() { inverse[index] = position }
        sortedIndices = try Tensor(values: ordered.map { Int64($0) }, shape: [ordered.count])
        unsortedIndices = try Tensor(values: inverse.map { Int64($0) }, shape: [inverse.count])
        sequences = try Autodiff.indexSelect(sequences, dim: 1, index: sortedIndices!)
    }
    let sortedLengths = ordered.map { lengths[$0] }
    guard let shortest = sortedLengths.last, shortest > 0 else {
        throw PythonError.runtimeError("Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0")
    }
    guard sortedLengths[0] <= sequences.shape[0] else { throw PythonError.runtimeError("Expected `lengths` to be at most the sequence length") }
    let batchSizes = (0..<sortedLengths[0]).map { step in sortedLengths.filter { $0 > step }.count }
    let steps = try batchSizes.enumerated().map { step, size in
        try Autodiff.narrow(try Autodiff.select(sequences, 0, step), 0, start: 0, length: size)
    }
    return PackedSequence(data: try Autodiff.concatenate(steps, dim: 0), batchSizes: batchSizes,
                          sortedIndices: sortedIndices, unsortedIndices: unsortedIndices)
}

/// `pad_packed_sequence`: the padded `[T, B, *]` tensor (batch first if asked) in the
/// original batch order, and the lengths.
private func padPacked(_ packed: PackedSequence, batchFirst: Bool, padding: Double, totalLength: Int?) throws -> Value {
    let batch = packed.batchSizes.first ?? 0
    let steps = max(packed.batchSizes.count, totalLength ?? 0)
    if let totalLength, totalLength < packed.batchSizes.count {
        throw PythonError.valueError("Expected total_length to be at least the length of the longest sequence in input, but got total_length=\(totalLength) and max sequence length being \(packed.batchSizes.count)")
    }
    let feature = Array(packed.data.shape.dropFirst())
    var offset = 0
    var rows: [Tensor] = []
    for step in 0..<steps {
        let size = step < packed.batchSizes.count ? packed.batchSizes[step] : 0
        var parts: [Tensor] = []
        if size > 0 { parts.append(try Autodiff.narrow(packed.data, 0, start: offset, length: size)) }
        if size < batch { parts.append(try Factory.full(shape: [batch - size] + feature, value: .float(padding), dtype: packed.data.dtype)) }
        rows.append(parts.count == 1 ? parts[0] : try Autodiff.concatenate(parts, dim: 0))
        offset += size
    }
    var padded = try Autodiff.stack(rows, dim: 0)
    var lengths = (0..<batch).map { index in Int64(packed.batchSizes.filter { $0 > index }.count) }
    if let unsorted = packed.unsortedIndices {
        padded = try Autodiff.indexSelect(padded, dim: 1, index: unsorted)
        let order = unsorted.scalars().map { Int($0.doubleValue) }
        lengths = order.map { lengths[$0] }
    }
    if batchFirst { padded = try Autodiff.transpose(padded, 0, 1) }
    return .tuple([.tensor(padded), .tensor(try Tensor(values: lengths, shape: [lengths.count]))])
}
