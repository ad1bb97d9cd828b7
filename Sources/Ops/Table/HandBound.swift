/// Ops still bound by hand in the interpreter that Explain has words for: the table gives
/// their signature, family and explanation. The in-place-only entries (`fill_`, `normal_`)
/// are the methods whose name ends in `_` without an out-of-place form declared here.
extension OpTable {
    static let handBoundOps: [OpEntry] = comparisonOps + arithmeticOps + copyOps + inPlaceOnlyOps + factoryOps + shapeOps + moduleOps

    private static let binaryForms: OpVariants = [.function, .method, .inPlace]

    private static let comparisonOps: [OpEntry] = [
        comparison("eq", "=="), comparison("ne", "!="), comparison("gt", ">"), comparison("lt", "<"), comparison("ge", ">="), comparison("le", "<="),
        comparison("greater", ">"), comparison("less", "<"), comparison("greater_equal", ">="), comparison("less_equal", "<="),
        comparison("not_equal", "!="),
    ]

    private static let arithmeticOps: [OpEntry] = [
        OpEntry("add", "Tensor input, Tensor|Scalar other, *, Scalar alpha=1", binaryForms, family: .elementwise,
                explain: OpExplanation(.arithmetic(verb: "adds", symbol: "+"), inPlace: "adds {X} to every element of {T}")),
        OpEntry("sub", "Tensor input, Tensor|Scalar other, *, Scalar alpha=1", binaryForms, family: .elementwise,
                explain: OpExplanation(.arithmetic(verb: "subtracts", symbol: "-"), inPlace: "subtracts {X} from every element of {T}")),
        arithmetic("subtract", "Tensor input, Tensor|Scalar other, *, Scalar alpha=1", "subtracts", "-"),
        OpEntry("mul", "Tensor input, Tensor|Scalar other", binaryForms, family: .elementwise,
                explain: OpExplanation(.arithmetic(verb: "multiplies", symbol: "*"), inPlace: "multiplies every element of {T} by {X}")),
        arithmetic("multiply", "Tensor input, Tensor|Scalar other", "multiplies", "*"),
        OpEntry("div", "Tensor input, Tensor|Scalar other, *, str? rounding_mode=None", binaryForms, family: .elementwise,
                explain: OpExplanation(.arithmetic(verb: "divides", symbol: "/"), inPlace: "divides every element of {T} by {X}")),
        arithmetic("divide", "Tensor input, Tensor|Scalar other, *, str? rounding_mode=None", "divides", "/"),
        arithmetic("true_divide", "Tensor input, Tensor|Scalar other", "divides", "/"),
        arithmetic("floor_divide", "Tensor input, Tensor|Scalar other", "floor-divides", "//"),
        arithmetic("remainder", "Tensor input, Tensor|Scalar other", "takes the remainder of", "%"),
        arithmetic("fmod", "Tensor input, Tensor|Scalar other", "takes the remainder of", "%"),
        OpEntry("maximum", "Tensor input, Tensor other", functionAndMethod, family: .elementwise, explain: OpExplanation(.elementwiseExtreme)),
        OpEntry("minimum", "Tensor input, Tensor other", functionAndMethod, family: .elementwise, explain: OpExplanation(.elementwiseExtreme)),
        OpEntry("round", "Tensor input, *, int decimals=0", binaryForms.union(.inPlaceFunction), family: .elementwise,
                explain: OpExplanation(.elementwise(words: "rounds every element to the nearest integer"), inPlace: "rounds every element of {T}")),
    ]

    private static let copyOps: [OpEntry] = [
        OpEntry("contiguous", "Tensor input, *, object memory_format=None", [.method], family: .movement, explain: OpExplanation(.contiguous)),
        OpEntry("clone", "Tensor input, *, object memory_format=None", functionAndMethod, family: .movement, explain: OpExplanation(.clone)),
        OpEntry("detach", "Tensor input", functionAndMethod, family: .movement, explain: OpExplanation(.detach)),
        OpEntry("to", "Tensor input, object dtype=None, bool non_blocking=False, bool copy=False", [.method], family: .movement, explain: OpExplanation(.conversion(keepsValues: true))),
        conversion("float", keepsValues: true), conversion("double", keepsValues: true), conversion("long"), conversion("int"), conversion("bool"),
        conversion("half"), conversion("cpu", keepsValues: true),
        OpEntry("type", "Tensor input, object dtype=None", [.method], family: .movement, explain: OpExplanation(.conversion(keepsValues: false))),
        OpEntry("expand_as", "Tensor input, Tensor other", [.method], family: .movement, explain: OpExplanation(.expand)),
        OpEntry("item", "Tensor input", [.method], family: .indexing, explain: OpExplanation(.item)),
    ]

    private static let inPlaceOnlyOps: [OpEntry] = [
        OpEntry("fill", "Tensor input, Scalar value", [.inPlace, .inPlaceFunction], family: .creation, explain: OpExplanation(.fill(value: nil))),
        OpEntry("zero", "Tensor input", [.inPlace, .inPlaceFunction], family: .creation, explain: OpExplanation(.fill(value: "0"))),
        OpEntry("copy", "Tensor input, Tensor src, bool non_blocking=False", [.inPlace], family: .movement, explain: OpExplanation(.copyInto)),
        OpEntry("requires_grad", "Tensor input, bool requires_grad=True", [.inPlace], family: .creation, explain: OpExplanation(.requiresGrad)),
        OpEntry("detach", "Tensor input", [.inPlace, .inPlaceFunction], family: .movement, explain: OpExplanation(.detach)),
        OpEntry("pow", "Tensor input, object exponent", [.inPlace], family: .elementwise,
                explain: OpExplanation(inPlace: "raises every element of {T} to the power {X}")),
        OpEntry("erfinv", "Tensor input", [.inPlace], family: .elementwise,
                explain: OpExplanation(inPlace: "replaces every element of {T} by its inverse error function")),
        OpEntry("tril", "Tensor input, int diagonal=0", [.inPlace], family: .movement,
                explain: OpExplanation(inPlace: "zeroes the elements of {T} above the diagonal")),
        OpEntry("triu", "Tensor input, int diagonal=0", [.inPlace], family: .movement,
                explain: OpExplanation(inPlace: "zeroes the elements of {T} below the diagonal")),
        OpEntry("index_fill", "Tensor input, int dim, Tensor index, Tensor|Scalar value", [.inPlace], family: .indexing,
                explain: OpExplanation(.indexWrite(verb: "writes"))),
        OpEntry("index_put", "Tensor input, object indices, Tensor values, bool accumulate=False", [.function, .method, .inPlace, .inPlaceFunction], family: .indexing,
                explain: OpExplanation(.indexPut)),
        randomFill("normal", "float mean=0, float std=1", "normal"),
        randomFill("uniform", "float from=0, float to=1", "uniform"),
        randomFill("bernoulli", "object p=0.5", "Bernoulli"),
        randomFill("exponential", "float lambd=1", "exponential"),
        randomFill("log_normal", "float mean=1, float std=2", "log-normal"),
        randomFill("cauchy", "float median=0, float sigma=1", "Cauchy"),
        randomFill("geometric", "float p", "geometric"),
        randomFill("random", "int from=0, int? to=None", "discrete uniform"),
    ]

    private static let factoryOps: [OpEntry] = [
        likeFactory("zeros_like", "filled with 0"), likeFactory("ones_like", "filled with 1"), likeFactory("empty_like", "uninitialized"),
        likeFactory("rand_like", "uniform random values in [0, 1)"), likeFactory("randn_like", "standard normal random values"),
        OpEntry("full_like", "Tensor input, object fill_value, *, ScalarType? dtype=None", [.function], family: .creation,
                explain: OpExplanation(.factory(filling: "every element the fill value"))),
        OpEntry("empty", "int... size, ScalarType? dtype=None, object device=None, bool requires_grad=False", [.function], family: .creation,
                explain: OpExplanation(.factory(filling: "uninitialized"), traits: .takesSizes)),
        OpEntry("as_tensor", "object data, ScalarType? dtype=None, object device=None", [.function], family: .creation,
                explain: OpExplanation(.factory(filling: "holding the given data"))),
        OpEntry("from_numpy", "object ndarray", [.function], family: .creation, explain: OpExplanation(.factory(filling: nil))),
        OpEntry("multinomial", "Tensor input, int num_samples, bool replacement=False, *, object generator=None", [.function],
                family: .random, explain: OpExplanation(.multinomial)),
    ]

    private static let shapeOps: [OpEntry] = [
        OpEntry("nanmean", "Tensor input, int[1]? dim=None, bool keepdim=False, *, ScalarType? dtype=None", functionAndMethod, family: .reduction,
                explain: OpExplanation(.reduction(verb: "averages (skipping NaN)"))),
        OpEntry("size", "Tensor input, int? dim=None", [.method], family: .movement, explain: OpExplanation(.size)),
        OpEntry("dim", "Tensor input", [.method], family: .movement, explain: OpExplanation(.dimCount)),
        OpEntry("numel", "Tensor input", functionAndMethod, family: .movement, explain: OpExplanation(.elementCount)),
    ]

    private static let moduleOps: [OpEntry] = [
        OpEntry("KLDivLoss", "bool? size_average=None, bool? reduce=None, str reduction='mean', bool log_target=False", [.moduleClass], family: .loss,
                explain: OpExplanation(.klDivergence)),
        OpEntry("Linear", "int in_features, int out_features, bool bias=True", [.moduleClass], family: .linearAlgebra,
                explain: OpExplanation(.linear, traits: .takesSizes)),
    ]

    private static func comparison(_ name: String, _ symbol: String) -> OpEntry {
        OpEntry(name, "Tensor input, Tensor|Scalar other", functionAndMethod, family: .comparison, explain: OpExplanation(.comparison(symbol: symbol)))
    }

    private static func arithmetic(_ name: String, _ signature: String, _ verb: String, _ symbol: String) -> OpEntry {
        OpEntry(name, signature, functionAndMethod, family: .elementwise, explain: OpExplanation(.arithmetic(verb: verb, symbol: symbol)))
    }

    /// `keepsValues`: a float or device conversion, after which the values mean what they meant.
    private static func conversion(_ name: String, keepsValues: Bool = false) -> OpEntry {
        OpEntry(name, "Tensor input", [.method], family: .movement, explain: OpExplanation(.conversion(keepsValues: keepsValues)))
    }

    private static func likeFactory(_ name: String, _ filling: String) -> OpEntry {
        OpEntry(name, "Tensor input, *, ScalarType? dtype=None", [.function], family: .creation, explain: OpExplanation(.factory(filling: filling)))
    }

    private static func randomFill(_ name: String, _ parameters: String, _ distribution: String) -> OpEntry {
        OpEntry(name, "Tensor input, \(parameters), *, object generator=None", [.inPlace], family: .random,
                explain: OpExplanation(.randomFill(distribution: distribution)))
    }

    /// Whether the function or method called `name` takes a shape or sizes among its arguments.
    public static func takesSizes(_ name: String) -> Bool {
        let entry = entry(called: name, asMethod: false) ?? entry(called: name, asMethod: true)
        return entry?.entry.explanation.traits.contains(.takesSizes) ?? false
    }
}
