/// `F.adaptive_max_pool1d/2d/3d`, still bound by hand in the interpreter (their output_size
/// mixes ints and None, which functional.py fills in); the table gives `:help` and
/// Explain their signature and words.
extension OpTable {
    static let adaptiveMaxPoolOps: [OpEntry] = [
        adaptiveMaxPool(1, example: ">>> F.adaptive_max_pool1d(torch.tensor([[1., 4., 2., 0., 3.]]), 2)\ntensor([[4., 3.]])"),
        adaptiveMaxPool(2, example: ">>> F.adaptive_max_pool2d(torch.tensor([[[1., 5., 0.], [3., 2., 4.]]]), (1, 2), return_indices=True)\n"
                            + "(tensor([[[5., 5.]]]), tensor([[[1, 1]]]))"),
        adaptiveMaxPool(3, example: ">>> F.adaptive_max_pool3d(torch.arange(8.).view(1, 2, 2, 2), 1)\ntensor([[[[7.]]]])"),
    ]

    private static func adaptiveMaxPool(_ spatialRank: Int, example: String) -> OpEntry {
        let cells = ["", "out[i]", "out[i, j]", "out[i, j, k]"][spatialRank]
        return OpEntry("adaptive_max_pool\(spatialRank)d", "Tensor input, object output_size, bool return_indices=False", [.functional], family: .pooling,
                       doc: OpDoc("Takes the maximum over \(spatialRank == 1 ? "windows" : "boxes") sized so the last \(spatialRank) dim\(spatialRank == 1 ? "" : "s") "
                                  + "become output_size, and with return_indices also where each maximum sits in its \(["", "row", "plane", "volume"][spatialRank]).",
                                  formula: "\(cells) = max of x over [⌊i·in/out⌋, ⌈(i+1)·in/out⌉) along each pooled dim",
                                  example: example))
    }
}
