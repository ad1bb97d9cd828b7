import Autograd
import TensorEngine

/// `as_strided`: a view with any size, stride and storage offset over the input's storage.
extension OpTable {
    static let stridedViewOps: [OpEntry] = [
        OpEntry("as_strided", "Tensor input, int[] size, int[] stride, int? storage_offset=None", [.function, .method, .inPlaceView, .inPlaceFunction], family: .movement,
                explain: OpExplanation(.elementwise(words: "a view reading the storage at the given sizes, strides and offset, sharing its memory")),
                doc: OpDoc("A view of the input's storage with the given size, stride and storage offset; no data is copied.",
                           formula: "out[i₀, i₁, …] = storage[offset + Σₖ iₖ·stride[k]]",
                           example: ">>> torch.as_strided(torch.arange(6.), (2, 2), (1, 2))\ntensor([[0., 2.],\n        [1., 3.]])")) { arguments in
            .tensor(try Autodiff.asStrided(try arguments.tensor("input"), size: try arguments.ints("size"), stride: try arguments.ints("stride"),
                                           storageOffset: try arguments.optionalInt("storage_offset")))
        },
    ]
}
