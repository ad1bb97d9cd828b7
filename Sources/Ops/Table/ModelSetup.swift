/// What model code calls while it sets its weights up: `nn.Parameter`, the `nn.init`
/// initializers, the legacy typed constructors and `type_as`. Still bound by hand in the
/// interpreter; the table gives them their signature, kind and `:help` words.
extension OpTable {
    static let modelSetupOps: [OpEntry] = [
        OpEntry("Parameter", "Tensor? data=None, bool requires_grad=True", [], family: .creation, explain: OpExplanation(.parameter),
                aliases: ["torch.nn.Parameter", "torch.nn.parameter.Parameter"],
                doc: OpDoc("Wraps a tensor as a trainable weight: the same storage, with requires_grad=True. A module that holds it as an "
                           + "attribute lists it in parameters(), so an optimizer updates it.",
                           example: ">>> torch.nn.Parameter(torch.ones(2))\nParameter containing:\ntensor([1., 1.], requires_grad=True)")),
        OpEntry("type_as", "Tensor input, Tensor other", [.method], family: .movement, explain: OpExplanation(.conversion(keepsValues: false)),
                doc: OpDoc("The tensor converted to the dtype of other; the tensor itself when the dtypes already match.",
                           example: ">>> torch.tensor([1, 2]).type_as(torch.zeros(1))\ntensor([1., 2.])")),
    ] + initializers + legacyConstructors

    private static let initializers: [OpEntry] = [
        initializer("zeros_", "Tensor tensor", writes: "0", random: false,
                    OpDoc("Fills the tensor with 0, in place, and returns it.",
                          example: ">>> torch.nn.init.zeros_(torch.empty(2, 3))\ntensor([[0., 0., 0.],\n        [0., 0., 0.]])")),
        initializer("ones_", "Tensor tensor", writes: "1", random: false,
                    OpDoc("Fills the tensor with 1, in place, and returns it.", example: ">>> torch.nn.init.ones_(torch.empty(2))\ntensor([1., 1.])")),
        initializer("constant_", "Tensor tensor, float val", writes: "{val}", random: false,
                    OpDoc("Fills the tensor with val, in place, and returns it.",
                          example: ">>> torch.nn.init.constant_(torch.empty(2), 0.5)\ntensor([0.5000, 0.5000])")),
        initializer("eye_", "Tensor tensor", writes: "the identity matrix", random: false,
                    OpDoc("Writes the identity matrix into a 2-D tensor, in place, and returns it.",
                          example: ">>> torch.nn.init.eye_(torch.empty(2, 3))\ntensor([[1., 0., 0.],\n        [0., 1., 0.]])")),
        initializer("normal_", "Tensor tensor, float mean=0, float std=1", writes: "normal random samples (mean {mean}, standard deviation {std})",
                    random: true, OpDoc("Fills the tensor with samples from N(mean, std²), in place, and returns it.",
                                        example: ">>> _ = torch.manual_seed(0)\n>>> torch.nn.init.normal_(torch.empty(3), std=0.02)\ntensor([ 0.0308, -0.0059, -0.0436])")),
        initializer("uniform_", "Tensor tensor, float a=0, float b=1", writes: "uniform random samples from [{a}, {b})", random: true,
                    OpDoc("Fills the tensor with samples from the uniform distribution on [a, b), in place, and returns it.",
                          example: ">>> _ = torch.manual_seed(0)\n>>> torch.nn.init.uniform_(torch.empty(3), -0.1, 0.1)\ntensor([-0.0007,  0.0536, -0.0823])")),
        initializer("trunc_normal_", "Tensor tensor, float mean=0, float std=1, float a=-2, float b=2",
                    writes: "normal random samples (mean {mean}, standard deviation {std}) cut to [{a}, {b}]", random: true,
                    OpDoc("Fills the tensor with samples from N(mean, std²) truncated to [a, b], in place, and returns it. "
                          + "ViT and Swin initialise their weights this way.",
                          example: ">>> _ = torch.manual_seed(0)\n>>> torch.nn.init.trunc_normal_(torch.empty(3), std=0.02)\ntensor([ 0.0308, -0.0059, -0.0436])")),
        initializer("xavier_uniform_", "Tensor tensor, float gain=1",
                    writes: "uniform random samples within ±gain·√(6 / (fan_in + fan_out)) (Xavier/Glorot)", random: true,
                    OpDoc("Xavier/Glorot: uniform samples within ±gain·√(6 / (fan_in + fan_out)), in place.",
                          example: ">>> _ = torch.manual_seed(0)\n>>> torch.nn.init.xavier_uniform_(torch.empty(2, 3))\n"
                            + "tensor([[-0.0082,  0.5876, -0.9016],\n        [-0.8062, -0.4219,  0.2938]])")),
        initializer("xavier_normal_", "Tensor tensor, float gain=1",
                    writes: "normal random samples with standard deviation gain·√(2 / (fan_in + fan_out)) (Xavier/Glorot)", random: true,
                    OpDoc("Xavier/Glorot: normal samples with standard deviation gain·√(2 / (fan_in + fan_out)), in place.",
                          example: ">>> _ = torch.manual_seed(0)\n>>> torch.nn.init.xavier_normal_(torch.empty(2, 3))\n"
                            + "tensor([[ 0.9746, -0.1856, -1.3780],\n        [ 0.3595, -0.6859, -0.8845]])")),
        initializer("kaiming_uniform_", "Tensor tensor, float a=0, str mode='fan_in', str nonlinearity='leaky_relu'",
                    writes: "uniform random samples within ±gain·√(3 / fan), fan being fan_in unless mode='fan_out' (Kaiming/He)", random: true,
                    OpDoc("Kaiming/He: uniform samples within ±gain·√(3 / fan), in place. nn.Linear's weights start this way, with a=√5.",
                          example: ">>> _ = torch.manual_seed(0)\n>>> torch.nn.init.kaiming_uniform_(torch.empty(2, 3), a=5 ** 0.5)\n"
                            + "tensor([[-0.0043,  0.3097, -0.4752],\n        [-0.4249, -0.2224,  0.1548]])")),
        initializer("kaiming_normal_", "Tensor tensor, float a=0, str mode='fan_in', str nonlinearity='leaky_relu'",
                    writes: "normal random samples with standard deviation gain / √fan, fan being fan_in unless mode='fan_out' (Kaiming/He)",
                    random: true, OpDoc("Kaiming/He: normal samples with standard deviation gain / √fan, in place.",
                                        example: ">>> _ = torch.manual_seed(0)\n>>> torch.nn.init.kaiming_normal_(torch.empty(2, 3))\n"
                                          + "tensor([[ 1.2582, -0.2396, -1.7790],\n        [ 0.4641, -0.8855, -1.1419]])")),
    ]

    private static let legacyConstructors: [OpEntry] = [
        "FloatTensor", "DoubleTensor", "HalfTensor", "BFloat16Tensor", "LongTensor", "IntTensor", "ShortTensor", "CharTensor", "ByteTensor", "BoolTensor",
    ].map { OpEntry($0, "object data", [.function], family: .creation, explain: OpExplanation(.legacyConstructor)) }

    /// An `nn.init` function: reached as `torch.nn.init.NAME` only, since `torch.normal_`
    /// and the like do not exist.
    private static func initializer(_ name: String, _ signature: String, writes: String, random: Bool, _ doc: OpDoc) -> OpEntry {
        OpEntry(name, signature, [], family: random ? .random : .creation,
                explain: OpExplanation(.initializer(writes: writes, random: random)), aliases: ["torch.nn.init." + name], doc: doc)
    }
}
