/// Gathering, scattering and selecting by index.
extension OpTable {
    static let indexingOps: [OpEntry] = [
        OpEntry("gather", "Tensor input, int dim, Tensor index, *, bool sparse_grad=False", functionAndMethod, family: .indexing, explain: OpExplanation(.gather)),
        OpEntry("scatter", "Tensor input, int dim, Tensor index, Tensor|Scalar src, *, str? reduce=None", [.function, .method, .inPlace], family: .indexing, explain: OpExplanation(.scatter(adds: false))),
        OpEntry("scatter_add", "Tensor input, int dim, Tensor index, Tensor src", [.function, .method, .inPlace], family: .indexing, explain: OpExplanation(.scatter(adds: true))),
        OpEntry("index_select", "Tensor input, int dim, Tensor index", functionAndMethod, family: .indexing, explain: OpExplanation(.indexSelect)),
        OpEntry("index_add", "Tensor input, int dim, Tensor index, Tensor source, *, Scalar alpha=1", [.function, .method, .inPlace], family: .indexing, explain: OpExplanation(.indexWrite(verb: "adds"))),
        OpEntry("masked_select", "Tensor input, Tensor mask", functionAndMethod, family: .indexing, explain: OpExplanation(.maskedSelect)),
        OpEntry("take_along_dim", "Tensor input, Tensor indices, int? dim=None", functionAndMethod, family: .indexing, explain: OpExplanation(.takeAlongDim)),
        OpEntry("nonzero", "Tensor input, *, bool as_tuple=False", [.function, .method], family: .indexing, explain: OpExplanation(.nonzero),
                doc: OpDoc("The indices of the non-zero elements, one row per element.",
                           example: ">>> torch.tensor([0, 3, 0, 5]).nonzero()\ntensor([[1],\n        [3]])")),
    ]
}
