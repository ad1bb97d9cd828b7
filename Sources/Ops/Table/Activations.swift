/// Activations, as torch functions, tensor methods and `F.` functions.
extension OpTable {
    static let activationOps: [OpEntry] = [
        OpEntry("softmax", "Tensor input, int dim, *, ScalarType? dtype=None", [.function, .functional, .method], family: .activation,
                explain: OpExplanation(.softmax(log: false)),
                doc: OpDoc("Turns the values along dim into probabilities: positive, summing to 1.", formula: "softmax(x)_i = exp(x_i) / Σ_j exp(x_j)",
                           example: ">>> torch.softmax(torch.tensor([1., 2., 3.]), dim=0)\ntensor([0.0900, 0.2447, 0.6652])")),
        OpEntry("log_softmax", "Tensor input, int dim, *, ScalarType? dtype=None", [.function, .functional, .method], family: .activation,
                explain: OpExplanation(.softmax(log: true)),
                doc: OpDoc("The logarithm of softmax along dim, computed stably.", formula: "log_softmax(x)_i = x_i - log Σ_j exp(x_j)",
                           example: ">>> F.log_softmax(torch.tensor([1., 2., 3.]), dim=0)\ntensor([-2.4076, -1.4076, -0.4076])")),
        OpEntry("Softmax", "int? dim=None", [.moduleClass], family: .activation, explain: OpExplanation(.softmax(log: false))),
        OpEntry("LogSoftmax", "int? dim=None", [.moduleClass], family: .activation, explain: OpExplanation(.softmax(log: true))),
        OpEntry("dropout", "Tensor input, float p=0.5, bool training=True, bool inplace=False", [.functional], family: .activation,
                explain: OpExplanation(.dropout(perChannel: false, alpha: false))),
        OpEntry("normalize", "Tensor input, float p=2.0, int dim=1, float eps=1e-12, Tensor? out=None", [.functional], family: .normalization,
                explain: OpExplanation(.normalize)),
        OpEntry("layer_norm", "Tensor input, int[] normalized_shape, Tensor? weight=None, Tensor? bias=None, float eps=1e-05", [.functional], family: .normalization,
                explain: OpExplanation(.layerNorm)),
        OpEntry("one_hot", "Tensor tensor, int num_classes=-1", [.functional], family: .indexing, explain: OpExplanation(.oneHot)),
    ]
}
