/// The losses of `torch.nn.functional`. Their reduction and ignore_index defaults are
/// declared here once; Explain reads them from these signatures.
extension OpTable {
    static let lossOps: [OpEntry] = [
        OpEntry("cross_entropy", "Tensor input, Tensor target, Tensor? weight=None, object size_average=None, int ignore_index=-100, object reduce=None, str reduction='mean', float label_smoothing=0.0",
                [.functional], family: .loss),
        OpEntry("nll_loss", "Tensor input, Tensor target, Tensor? weight=None, object size_average=None, int ignore_index=-100, object reduce=None, str reduction='mean'",
                [.functional], family: .loss),
        OpEntry("kl_div", "Tensor input, Tensor target, object size_average=None, object reduce=None, str reduction='mean', bool log_target=False",
                [.functional], family: .loss),
        OpEntry("mse_loss", "Tensor input, Tensor target, object size_average=None, object reduce=None, str reduction='mean', float? weight=None",
                [.functional], family: .loss),
        OpEntry("l1_loss", "Tensor input, Tensor target, object size_average=None, object reduce=None, str reduction='mean'",
                [.functional], family: .loss),
        OpEntry("smooth_l1_loss", "Tensor input, Tensor target, object size_average=None, object reduce=None, str reduction='mean', float beta=1.0",
                [.functional], family: .loss),
        OpEntry("huber_loss", "Tensor input, Tensor target, str reduction='mean', float delta=1.0", [.functional], family: .loss),
        OpEntry("binary_cross_entropy", "Tensor input, Tensor target, Tensor? weight=None, object size_average=None, object reduce=None, str reduction='mean'",
                [.functional], family: .loss),
        OpEntry("binary_cross_entropy_with_logits", "Tensor input, Tensor target, Tensor? weight=None, object size_average=None, object reduce=None, str reduction='mean', Tensor? pos_weight=None",
                [.functional], family: .loss),
        OpEntry("cosine_embedding_loss", "Tensor input1, Tensor input2, Tensor target, float margin=0, object size_average=None, object reduce=None, str reduction='mean'",
                [.functional], family: .loss),
        OpEntry("margin_ranking_loss", "Tensor input1, Tensor input2, Tensor target, float margin=0, object size_average=None, object reduce=None, str reduction='mean'",
                [.functional], family: .loss),
    ]
}
