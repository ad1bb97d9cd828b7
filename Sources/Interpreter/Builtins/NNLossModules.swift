import TensorEngine

/// `nn.CrossEntropyLoss(...)` and friends: a module that keeps its constructor's keyword
/// arguments and calls the functional loss with them on `forward(input, target)`.
final class LossModule: NNModule {
    let function: Value
    let keywords: [(name: String, value: Value)]

    init(name: String, function: Value, keywords: [(name: String, value: Value)]) {
        self.function = function
        self.keywords = keywords
        super.init(name: name)
    }

    override func makeCopy(_ interpreter: Interpreter) throws -> NNModule? {
        LossModule(name: name, function: function, keywords: keywords)
    }

    override func forward(_ interpreter: Interpreter, _ arguments: CallArguments) throws -> Value {
        // Most losses take (input, target); the margin losses take (input1, input2, target).
        let names = switch name {
        case "MarginRankingLoss", "CosineEmbeddingLoss": ["input1", "input2", "target"]
        case "GaussianNLLLoss": ["input", "target", "var"]
        case "TripletMarginLoss": ["anchor", "positive", "negative"]
        case "CTCLoss": ["log_probs", "targets", "input_lengths", "target_lengths"]
        default: ["input", "target"]
        }
        let bound = try arguments.bind("forward", names)
        return try interpreter.call(function, CallArguments(try names.map { try bound.value($0) }, keywords: keywords))
    }

    override func attribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        if let keyword = keywords.first(where: { $0.name == attribute }) { return keyword.value }
        switch attribute {
        case "reduction": return .string("mean")
        case "weight", "pos_weight": return Value.none
        case "ignore_index": return .int(-100)
        case "label_smoothing": return .float(0)
        case "log_target": return .bool(false)
        case "beta", "delta": return .float(1)
        default: return try super.attribute(attribute, interpreter: interpreter)
        }
    }
}

extension Interpreter {
    func lossModuleMembers(functional: [String: Value]) -> [String: Value] {
        let specs: [(String, String, [String])] = [
            ("CrossEntropyLoss", "cross_entropy", ["weight", "size_average", "ignore_index", "reduce", "reduction", "label_smoothing"]),
            ("NLLLoss", "nll_loss", ["weight", "size_average", "ignore_index", "reduce", "reduction"]),
            ("BCELoss", "binary_cross_entropy", ["weight", "size_average", "reduce", "reduction"]),
            ("BCEWithLogitsLoss", "binary_cross_entropy_with_logits", ["weight", "size_average", "reduce", "reduction", "pos_weight"]),
            ("KLDivLoss", "kl_div", ["size_average", "reduce", "reduction", "log_target"]),
            ("MSELoss", "mse_loss", ["size_average", "reduce", "reduction"]),
            ("L1Loss", "l1_loss", ["size_average", "reduce", "reduction"]),
            ("SmoothL1Loss", "smooth_l1_loss", ["size_average", "reduce", "reduction", "beta"]),
            ("HuberLoss", "huber_loss", ["reduction", "delta"]),
            ("MarginRankingLoss", "margin_ranking_loss", ["margin", "size_average", "reduce", "reduction"]),
            ("CosineEmbeddingLoss", "cosine_embedding_loss", ["margin", "size_average", "reduce", "reduction"]),
            ("SoftMarginLoss", "soft_margin_loss", ["size_average", "reduce", "reduction"]),
            ("MultiMarginLoss", "multi_margin_loss", ["p", "margin", "weight", "size_average", "reduce", "reduction"]),
            ("MultiLabelMarginLoss", "multilabel_margin_loss", ["size_average", "reduce", "reduction"]),
            ("MultiLabelSoftMarginLoss", "multilabel_soft_margin_loss", ["weight", "size_average", "reduce", "reduction"]),
            ("PoissonNLLLoss", "poisson_nll_loss", ["log_input", "full", "size_average", "eps", "reduce", "reduction"]),
            ("GaussianNLLLoss", "gaussian_nll_loss", ["*", "full", "eps", "reduction"]),
            ("HingeEmbeddingLoss", "hinge_embedding_loss", ["margin", "size_average", "reduce", "reduction"]),
            ("TripletMarginLoss", "triplet_margin_loss", ["margin", "p", "eps", "swap", "size_average", "reduce", "reduction"]),
            ("CTCLoss", "ctc_loss", ["blank", "reduction", "zero_infinity"]),
        ]
        var members: [String: Value] = [:]
        for (moduleName, functionName, parameters) in specs {
            guard let function = functional[functionName] else { continue }
            members[moduleName] = .builtin(Builtin(moduleName) { _, arguments in
                let bound = try arguments.bind(moduleName, parameters)
                let keywords = parameters.compactMap { name in bound.optional(name).map { (name: name, value: $0) } }
                return .native(LossModule(name: moduleName, function: function, keywords: keywords))
            })
        }
        return members
    }
}
