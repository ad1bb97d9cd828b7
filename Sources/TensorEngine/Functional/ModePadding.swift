/// `F.pad` with mode 'reflect', 'replicate' or 'circular': every output position reads one
/// input position, so the forward is a gather per padded dim and the backward sums each
/// output's gradient back onto the position it read.
public enum PaddingMode: String, Sendable {
    case reflect, replicate, circular

    /// The ATen kernel that refuses a dtype, as in `"reflection_pad2d" not implemented for 'Bool'`.
    func kernelName(spatialRank: Int) -> String {
        (self == .reflect ? "reflection_pad" : "replication_pad") + "\(spatialRank)d"
    }
}

extension Tensor {
    /// The first checks of every `F.pad` mode: whole pairs, at most two per dim.
    public func checkPaddingLength(_ pads: [Int]) throws {
        guard pads.count % 2 == 0 else { throw TensorError.runtime("Padding length must be divisible by 2") }
        guard pads.count <= rank * 2 else {
            throw TensorError.runtime("Padding length should be less than or equal to two times the input dimension but got padding length \(pads.count) and input of dimension \(rank)")
        }
    }

    /// Validates `pads` for `mode` with ATen's checks and messages, in ATen's order, and
    /// returns the input position each output position reads, per padded dim (outermost first).
    public func modePaddingPositions(_ pads: [Int], mode: PaddingMode) throws -> [(dim: Int, positions: [Int64])] {
        try checkPaddingLength(pads)
        let spatialRank = pads.count / 2
        guard spatialRank >= 1, spatialRank <= 3, rank == spatialRank + 1 || rank == spatialRank + 2 else {
            throw TensorError.notImplemented("""
                Padding size \(pads.count) is not supported for \(rank)D input tensor.
                Supported combinations for non-constant padding:
                  - 2D or 3D input: padding size = 2 (pads last dimension)
                  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)
                  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)
                """)
        }
        // Pairs run from the last dim backwards; `amounts` runs from the outermost padded dim.
        let amounts = (0..<spatialRank).reversed().map { (before: pads[2 * $0], after: pads[2 * $0 + 1]) }
        let firstDim = rank - spatialRank
        if mode == .circular {
            try checkCircularPadding(amounts, firstDim: firstDim)
        } else {
            try checkReflectOrReplicatePadding(amounts, firstDim: firstDim, mode: mode)
        }
        // The output must be a tensor that can exist before any position list is built:
        // `(1, 2, 3, 10**18)` is PyTorch's storage-size error, not a huge Swift array.
        var outputShape = shape
        for (offset, amount) in amounts.enumerated() {
            let (grown, overflow) = shape[firstDim + offset].addingReportingOverflow(amount.before &+ amount.after)
            outputShape[firstDim + offset] = overflow ? Int.max : grown
        }
        try ensureAllocatable(shape: outputShape, itemSize: dtype.itemSize)
        // An empty batch passes that check whatever its padded widths; each width's position
        // list is a Swift array, so it is checked too (PyTorch returns the empty tensor here).
        for dim in firstDim..<rank { try ensureAllocatable(elements: outputShape[dim], itemSize: 8) }
        return amounts.enumerated().map { offset, amount in
            let dim = firstDim + offset
            let size = shape[dim]
            let positions: [Int64] = (-amount.before..<(size + amount.after)).map { index in
                switch mode {
                case .reflect: Int64(index < 0 ? -index : (index >= size ? 2 * (size - 1) - index : index))
                case .replicate: Int64(Swift.min(Swift.max(index, 0), size - 1))
                case .circular: Self.circularPosition(index, size: size, amount: amount)
                }
            }
            return (dim, positions)
        }
    }

    /// `_pad_circular` first crops by any negative padding, then wraps around what is left,
    /// so the circle is the kept part of the dim, not the whole dim.
    private static func circularPosition(_ index: Int, size: Int, amount: (before: Int, after: Int)) -> Int64 {
        let cropBefore = Swift.max(-amount.before, 0)
        let kept = size - cropBefore - Swift.max(-amount.after, 0)
        let offset = index + Swift.min(amount.before, 0)
        return Int64(cropBefore + (offset % kept + kept) % kept)
    }

    /// `_pad_circular`: each dim may wrap at most once and may not end up negative.
    private func checkCircularPadding(_ amounts: [(before: Int, after: Int)], firstDim: Int) throws {
        for (offset, amount) in amounts.enumerated() {
            let size = shape[firstDim + offset]
            guard amount.before <= size, amount.after <= size else {
                throw TensorError.runtime("Padding value causes wrapping around more than once.")
            }
            guard size + amount.before + amount.after >= 0 else {
                throw TensorError.runtime("Negative padding value is resulting in an empty dimension")
            }
            // PyTorch would copy uninitialized memory into the padding here: nothing is left to wrap.
            let kept = size - Swift.max(-amount.before, 0) - Swift.max(-amount.after, 0)
            if kept <= 0, amount.before > 0 || amount.after > 0 {
                throw TensorError.runtime("Padding value causes wrapping around more than once.")
            }
        }
    }

    /// The meta checks of reflection_pad{1,2,3}d and replication_pad{1,2,3}d.
    private func checkReflectOrReplicatePadding(_ amounts: [(before: Int, after: Int)], firstDim: Int, mode: PaddingMode) throws {
        let spatialRank = amounts.count
        // Only a batch dim may be empty, and only when there is one.
        let nonEmptyFrom = rank == spatialRank + 2 ? 1 : 0
        guard shape[nonEmptyFrom...].allSatisfy({ $0 != 0 }) else {
            throw TensorError.runtime(
                "Expected \(spatialRank + 1)D or \(spatialRank + 2)D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: \(formatShape(shape))")
        }
        if mode == .reflect {
            // Width is argument #4, height #6, depth #8, checked from the last dim inwards.
            for (offset, amount) in amounts.enumerated().reversed() where amount.before >= shape[firstDim + offset] || amount.after >= shape[firstDim + offset] {
                throw TensorError.runtime(
                    "Argument #\(4 + 2 * (spatialRank - 1 - offset)): Padding size should be less than the corresponding input dimension, but got: padding (\(amount.before), \(amount.after)) at dimension \(firstDim + offset) of input \(formatShape(shape))")
            }
        }
        let letters = ["D", "H", "W"].suffix(spatialRank)
        let inputs = Array(shape[firstDim...])
        // int64 arithmetic that wraps, as ATen's does: the error then shows its negative size.
        let outputs = zip(inputs, amounts).map { $0 &+ $1.before &+ $1.after }
        if outputs.contains(where: { $0 < 1 }) {
            if spatialRank == 1 {
                throw TensorError.runtime("input (W: \(inputs[0])) is too small. Calculated output W: \(outputs[0])")
            }
            let calculated = zip(letters, outputs).map { "\($0): \($1)" }.joined(separator: " ")
            let given = zip(letters, inputs).map { "\($0): \($1)" }.joined(separator: ", ")
            throw TensorError.runtime("Calculated output \(calculated) must be >= 1 in every dimension (input \(given))")
        }
        // The kernels dispatch on dtype only after the shape checks pass.
        guard dtype != .bool else {
            throw TensorError.notImplemented("\"\(mode.kernelName(spatialRank: spatialRank))\" not implemented for '\(dtype.scalarTypeName)'")
        }
    }

    /// The padded tensor: one gather per padded dim of the positions `modePaddingPositions` chose.
    public func modePadded(_ pads: [Int], mode: PaddingMode) throws -> Tensor {
        try gathered(try modePaddingPositions(pads, mode: mode))
    }

    /// Each dim's slices in the order of its positions, dim after dim.
    public func gathered(_ gathers: [(dim: Int, positions: [Int64])]) throws -> Tensor {
        var result = self
        for (dim, positions) in gathers {
            result = try result.indexSelect(dim: dim, index: try Tensor(values: positions, shape: [positions.count]))
        }
        return result
    }

    /// The gradient of `modePadded` for an input of `inputShape`: each output's gradient
    /// summed onto the input position it read, undoing the gathers innermost dim first.
    public func modePaddingGradient(inputShape: [Int], gathers: [(dim: Int, positions: [Int64])]) throws -> Tensor {
        var result = self
        for (dim, positions) in gathers.reversed() {
            var shapeBefore = result.shape
            shapeBefore[dim] = inputShape[dim]
            let index = try Tensor(values: positions, shape: [positions.count])
            result = try Tensor.zeros(shape: shapeBefore, dtype: dtype).indexAdd(dim: dim, index: index, source: result)
        }
        return result
    }
}
