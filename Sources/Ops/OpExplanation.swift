/// What an op does, finer than its family: Explain picks its words and its pitfall checks
/// by this, never by the op's name. Words that do not depend on the values are declared
/// here with the op; `{name}` in a template stands for that argument's value.
public enum OpKind: Sendable, Hashable {
    // Activations and normalizations.
    case softmax(log: Bool)
    /// `perChannel`: whole channels drop (dropout2d, feature_alpha_dropout); `alpha`: dropped
    /// units take SELU's negative saturation and the output keeps mean 0, variance 1.
    case dropout(perChannel: Bool, alpha: Bool)
    case normalize, layerNorm, threshold, hardtanh
    // Losses.
    /// `cross_entropy` (applies log_softmax itself) and `nll_loss` (reads log-probabilities).
    case classEntropy(appliesLogSoftmax: Bool)
    case binaryEntropy(fromLogits: Bool)
    case klDivergence
    /// mse, l1, smooth_l1, huber: what is taken of each difference, as a template.
    case pointwiseLoss(differences: String)
    case marginRankingLoss, cosineEmbeddingLoss
    // Reductions and scans: the verb ("sums", "takes the maximum of").
    case reduction(verb: String)
    /// cumsum, cumprod: what is accumulated ("sum", "product").
    case scan(noun: String)
    // Movement, views and copies.
    case reshape(isView: Bool)
    case permute, transpose, unsqueeze, squeeze, flatten, expand, tile, roll, flip
    case triangle(below: Bool)
    case contiguous, clone, detach
    /// `to`, `float`, `long`, ...: `keepsValues` for float and device conversions, whose
    /// result still holds what the input held (probabilities stay probabilities).
    case conversion(keepsValues: Bool)
    case split, chunk, unbind, meshgrid, unique, topk, sort, argsort
    /// `size()`, `dim()`, `numel()`: Python values, not tensors.
    case size, dimCount, elementCount
    // Elementwise.
    /// Words for the whole op ("the natural log of every element").
    case elementwise(words: String)
    case comparison(symbol: String)
    case arithmetic(verb: String, symbol: String)
    case elementwiseExtreme, power, clamp, allclose, isclose
    // Masking, indexing and joining.
    case maskedFill, whereSelect, oneHot, gather, indexSelect, maskedSelect, takeAlongDim, nonzero, indexPut
    /// index_fill, index_add, index_copy: the verb of the write ("writes", "adds", "copies").
    case indexWrite(verb: String)
    case scatter(adds: Bool)
    case concatenate(newDim: Bool)
    // Products.
    case matmul, outer, dot, einsum, linear, solve
    // Statistics, searches and matrix builders.
    case covariance, correlation, histogram, bincount, searchSorted, bucketize, membership, logCumSumExp
    /// cummax, cummin: the running extreme ("maximum", "minimum").
    case runningExtreme(noun: String)
    case diagflat, blockDiagonal, kroneckerProduct, vandermonde, renorm
    // Creation and sampling.
    /// What a factory fills its tensor with, when that can be said.
    case factory(filling: String?)
    case multinomial
    /// `normal_`, `uniform_`: the distribution the samples come from.
    case randomFill(distribution: String)
    /// `nn.Parameter(data)`: the data, registered as a module's trainable weight.
    case parameter
    /// `torch.FloatTensor([...])` or `torch.FloatTensor(2, 3)`: the typed constructors
    /// PyTorch keeps from its first versions.
    case legacyConstructor
    /// `nn.init.zeros_(w)`, `nn.init.kaiming_uniform_(w, a=...)`: what is written into the
    /// tensor, in words (`{val}` stands for that argument), and whether it is drawn at random.
    case initializer(writes: String, random: Bool)
    // Plumbing.
    case item, fill(value: String?), copyInto, requiresGrad
}

/// Yes/no facts about an op that Explain's pitfall checks ask.
public struct OpTraits: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Averages, so an empty input gives 0/0 = NaN (mean, std, var).
    public static let averages = OpTraits(rawValue: 1)
    /// Without a dim, returns an index into the flattened tensor (argmax, argmin).
    public static let flatIndex = OpTraits(rawValue: 2)
    /// A loss comparing an input with a target of the same kind, so a distillation can use it.
    public static let comparesDistributions = OpTraits(rawValue: 4)
    /// A loss taken element by element, so input and target broadcast against each other.
    public static let elementwiseLoss = OpTraits(rawValue: 8)
    /// Takes a shape or sizes among its arguments (view, zeros, Linear, split).
    public static let takesSizes = OpTraits(rawValue: 16)
    /// NaN below 0 (log, sqrt).
    public static let nanBelowZero = OpTraits(rawValue: 32)
    /// NaN below -1 (log1p).
    public static let nanBelowMinusOne = OpTraits(rawValue: 64)
}

/// What Explain reads from an entry besides its signature.
public struct OpExplanation: Sendable {
    public let kind: OpKind?
    public let traits: OpTraits
    /// What the in-place form does, `{T}` standing for the tensor and `{X}` for the first argument.
    public let inPlaceWords: String?

    public init(_ kind: OpKind? = nil, traits: OpTraits = [], inPlace inPlaceWords: String? = nil) {
        self.kind = kind
        self.traits = traits
        self.inPlaceWords = inPlaceWords
    }

    public static let none = OpExplanation()
}
