/// Gathering, scattering and selecting by index.
extension OpTable {
    static let indexingOps: [OpEntry] = [
        OpEntry("gather", "Tensor input, int dim, Tensor index, *, bool sparse_grad=False", functionAndMethod, family: .indexing),
        OpEntry("scatter", "Tensor input, int dim, Tensor index, Tensor|Scalar src, *, str? reduce=None", [.function, .method, .inPlace], family: .indexing),
        OpEntry("scatter_add", "Tensor input, int dim, Tensor index, Tensor src", [.function, .method, .inPlace], family: .indexing),
        OpEntry("index_select", "Tensor input, int dim, Tensor index", functionAndMethod, family: .indexing),
        OpEntry("index_add", "Tensor input, int dim, Tensor index, Tensor source, *, Scalar alpha=1", [.function, .method, .inPlace], family: .indexing),
        OpEntry("masked_select", "Tensor input, Tensor mask", functionAndMethod, family: .indexing),
        OpEntry("take_along_dim", "Tensor input, Tensor indices, int? dim=None", functionAndMethod, family: .indexing),
        OpEntry("nonzero", "Tensor input, *, bool as_tuple=False", [.function, .method], family: .indexing,
                doc: OpDoc("The indices of the non-zero elements, one row per element.",
                           example: ">>> torch.tensor([0, 3, 0, 5]).nonzero()\ntensor([[1],\n        [3]])")),
    ]
}
