import TensorEngine

extension Autodiff {
    /// `torch.diagflat`: the flattened input on diagonal `offset` of a square matrix;
    /// ATen builds it with `diag_embed`, hence DiagEmbedBackward0.
    public static func diagflat(_ input: Tensor, offset: Int) throws -> Tensor {
        try diagEmbed(try reshape(try contiguous(input), [-1]), offset: offset, dim1: 0, dim2: 1)
    }

    /// `torch.vander`: the columns x^(N-1), ..., x, 1 (or increasing). ATen fills ones,
    /// copies x into the columns after the first and takes their running product there,
    /// then flips; the graph follows the same writes (CopySlices, FlipBackward0).
    public static func vander(_ input: Tensor, columns: Int?, increasing: Bool) throws -> Tensor {
        guard input.rank == 1 else { throw TensorError.runtime("x must be a one-dimensional tensor.") }
        let count = columns ?? input.shape[0]
        guard count >= 0 else { throw TensorError.runtime("N must be non-negative.") }
        let result = try Tensor.zeros(shape: [input.shape[0], count], dtype: DType.promote(input.dtype, .int64))
        if count > 0 {
            result.fill(.int(1))
            if count > 1 {
                let tail: [TensorIndex] = [.slice(start: nil, stop: nil, step: nil), .slice(start: 1, stop: nil, step: nil)]
                try setItem(result, tail, value: .tensor(try unsqueeze(input, 1)))
                try setItem(result, tail, value: .tensor(try cumprod(try getItem(result, tail), dim: 1)))
            }
        }
        return increasing ? result : try flip(result, [1])
    }

    /// `torch.combinations`: the input indexed by every combination of positions
    /// (IndexBackward0); r = 0 gives an empty vector, as PyTorch's does.
    public static func combinations(_ input: Tensor, r: Int, withReplacement: Bool) throws -> Tensor {
        guard input.rank == 1 else { throw TensorError.runtime("Expect a 1D vector, but got shape \(formatShape(input.shape))") }
        let indices = try combinationIndices(count: input.count, r: r, withReplacement: withReplacement)
        if r == 0 { return try Tensor.zeros(shape: [0], dtype: input.dtype) }
        return try getItem(input, [.tensor(indices)])
    }

    /// `torch.block_diag` (BlockDiagBackward0): the inputs as blocks along the diagonal
    /// of a zero matrix, a 0-dim input as 1×1 and a 1-dim one as a row.
    public static func blockDiag(_ inputs: [Tensor]) throws -> Tensor {
        for (position, input) in inputs.enumerated() where input.rank > 2 {
            throw TensorError.runtime("torch.block_diag: Input tensors must have 2 or fewer dimensions. Input \(position) has \(input.rank) dimensions")
        }
        guard let first = inputs.first else { return try Tensor.zeros(shape: [1, 0], dtype: defaultFloatDType) }
        let blocks = try inputs.map { input -> Tensor in
            input.rank == 2 ? input : try input.reshape([1, input.rank == 0 ? 1 : input.shape[0]])
        }
        let dtype = inputs.dropFirst().reduce(first.dtype) { DType.promote($0, $1.dtype) }
        let rows = blocks.reduce(0) { $0 + $1.shape[0] }, columns = blocks.reduce(0) { $0 + $1.shape[1] }
        let output = try Tensor.zeros(shape: [rows, columns], dtype: dtype)
        var corners: [(row: Int, column: Int)] = []
        var (row, column) = (0, 0)
        for block in blocks {
            corners.append((row, column))
            try output.narrow(0, start: row, length: block.shape[0]).narrow(1, start: column, length: block.shape[1]).copy(from: block)
            row += block.shape[0]
            column += block.shape[1]
        }
        return Recorder.record("BlockDiagBackward0", inputs: inputs, output: output) { _ in
            { gradient, _ in
                try zip(zip(inputs, blocks), corners).map { pair, corner in
                    let (input, block) = pair
                    let piece = try gradient.narrow(0, start: corner.row, length: block.shape[0]).narrow(1, start: corner.column, length: block.shape[1])
                    return try piece.contiguous().reshape(input.shape)
                }
            }
        }
    }

    /// `torch.kron`: ATen's KronImpl views the inputs with interleaved unit dims,
    /// multiplies by broadcasting and views the product back (UnsafeViewBackward0).
    public static func kron(_ first: Tensor, _ second: Tensor) throws -> Tensor {
        let rank = max(first.rank, second.rank)
        let (padFirst, padSecond) = (rank - first.rank, rank - second.rank)
        var firstShape: [Int] = [], secondShape: [Int] = [], resultShape: [Int] = []
        for dim in 0..<rank {
            let left = dim >= padFirst ? first.shape[dim - padFirst] : 1
            let right = dim >= padSecond ? second.shape[dim - padSecond] : 1
            firstShape += [left, 1]
            secondShape += [1, right]
            resultShape.append(left * right)
        }
        let product = try binary(.multiply, .tensor(try unsafeView(first, firstShape)), .tensor(try unsafeView(second, secondShape)))
        return try unsafeView(product, resultShape)
    }

    /// ATen's `_unsafe_view`: a reshape recorded as UnsafeViewBackward0.
    private static func unsafeView(_ input: Tensor, _ shape: [Int]) throws -> Tensor {
        let output = try input.contiguous().reshape(shape)
        let inputShape = input.shape
        return Recorder.record("UnsafeViewBackward0", inputs: [input], output: output) { _ in
            { gradient, _ in [try gradient.contiguous().reshape(inputShape)] }
        }
    }
}
