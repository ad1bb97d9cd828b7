import TensorEngine

extension Autodiff {
    /// `torch.rot90(input, k, dims)` (Rot90Backward0): k quarter turns from `dims[0]` towards
    /// `dims[1]`, as flips and a transpose. The gradient turns back by −k.
    public static func rot90(_ input: Tensor, k: Int, dims: [Int]) throws -> Tensor {
        let rank = input.rank
        guard dims.count == 2 else { throw TensorError.runtime("expected total rotation dims == 2, but got dims = \(dims.count)") }
        guard rank >= 2 else { throw TensorError.runtime("expected total dims >= 2, but got total dims = \(rank)") }
        // PyTorch wraps both dims first, so an out-of-range dim is an IndexError.
        let wrapped = [try normalizeDim(dims[0], rank: rank), try normalizeDim(dims[1], rank: rank)]
        guard wrapped[0] != wrapped[1] else {
            throw TensorError.runtime("expected rotation dims to be different, but got dim0 = \(dims[0]) and dim1 = \(dims[1])")
        }
        let output = try rotated(input, turns: k, dims: wrapped)
        return Recorder.record("Rot90Backward0", inputs: [input], output: output) { _ in
            { gradient, _ in [try rotated(gradient, turns: -k, dims: wrapped)] }
        }
    }

    /// ATen's case analysis on k mod 4; the result never shares the input's storage.
    private static func rotated(_ input: Tensor, turns: Int, dims: [Int]) throws -> Tensor {
        switch ((turns % 4) + 4) % 4 {
        case 1: return try input.flip([dims[1]]).transpose(dims[0], dims[1])
        case 2: return try input.flip(dims)
        case 3: return try input.flip([dims[0]]).transpose(dims[0], dims[1])
        default: return try input.clone()
        }
    }
}
