import TensorEngine

extension Autodiff {
    /// `torch.cov`, composed as ATen's Correlation.cpp composes it, so values, dtypes and
    /// the graph (ending in SqueezeBackward0) are PyTorch's. Rows are variables, columns
    /// observations; fweights repeat observations, aweights weigh them.
    public static func cov(_ input: Tensor, correction: Int, fweights: Tensor?, aweights: Tensor?,
                           warn: (String) -> Void) throws -> Tensor {
        guard input.rank <= 2 else {
            throw TensorError.runtime("cov(): expected input to have two or fewer dimensions but got an input with \(input.rank) dimensions")
        }
        guard input.dtype != .bool else { throw TensorError(.notImplementedError, "cov(): bool dtype is not supported for input") }
        let matrix = input.rank < 2 ? try view(input, [1, -1]) : input
        let observations = matrix.shape[1]
        var weights: Tensor?
        if let fweights {
            try checkObservationWeights(fweights, "fweights", observations: observations)
            weights = fweights
        }
        if let aweights {
            try checkObservationWeights(aweights, "aweights", observations: observations)
            weights = try weights.map { try binary(.multiply, .tensor($0), .tensor(aweights)) } ?? aweights
        }
        let weightSum = try weights.map { try sum($0, dims: nil, keepDim: false) } ?? Tensor(scalar: Int64(observations))
        if weights != nil, try weightSum.item().doubleValue == 0 {
            throw TensorError.runtime("cov(): weights sum to zero, can't be normalized")
        }
        let weighted = try weights.map { try binary(.multiply, .tensor(matrix), .tensor($0)) } ?? matrix
        let average = try binary(.divide, .tensor(try sum(weighted, dims: [1], keepDim: false)), .tensor(weightSum))
        var normFactor: Tensor
        if let weights, let aweights, correction != 0 {
            let spread = try sum(try binary(.multiply, .tensor(weights), .tensor(aweights)), dims: nil, keepDim: false)
            let shrink = try binary(.divide, .tensor(try binary(.multiply, .scalar(.int(Int64(correction))), .tensor(spread))), .tensor(weightSum))
            normFactor = try binary(.subtract, .tensor(weightSum), .tensor(shrink))
        } else {
            normFactor = try binary(.subtract, .tensor(weightSum), .scalar(.int(Int64(correction))))
        }
        if try normFactor.item().doubleValue <= 0 {
            warn("cov(): degrees of freedom is <= 0. Correction should be strictly less than the number of observations. "
                 + "(Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/Correlation.cpp:129.)")
            normFactor = try Tensor.zeros(shape: [], dtype: normFactor.dtype)
        }
        let centered = try binary(.subtract, .tensor(matrix), .tensor(try unsqueeze(average, 1)))
        let centeredWeighted = try weights.map { try binary(.multiply, .tensor(centered), .tensor($0)) } ?? centered
        let products = try mm(centered, try t(centeredWeighted))
        return try squeeze(try binary(.divide, .tensor(products), .tensor(normFactor)))
    }

    /// `torch.corrcoef`: the covariance scaled by both standard deviations, clipped to
    /// [-1, 1] (ClampBackward1), as ATen computes it.
    public static func corrcoef(_ input: Tensor, warn: (String) -> Void) throws -> Tensor {
        guard input.rank <= 2 else {
            throw TensorError.runtime("corrcoef(): expected input to have two or fewer dimensions but got an input with \(input.rank) dimensions")
        }
        let covariance = try cov(input, correction: 1, fweights: nil, aweights: nil, warn: warn)
        if covariance.rank == 0 { return try binary(.divide, .tensor(covariance), .tensor(covariance)) }
        let deviations = try unary(.sqrt, try diagonal(covariance))
        let byRow = try binary(.divide, .tensor(covariance), .tensor(try view(deviations, [-1, 1])))
        let scaled = try binary(.divide, .tensor(byRow), .tensor(try view(deviations, [1, -1])))
        return try clamp(scaled, min: .scalar(.int(-1)), max: .scalar(.int(1)))
    }

    private static func checkObservationWeights(_ weights: Tensor, _ name: String, observations: Int) throws {
        guard weights.rank <= 1 else {
            throw TensorError.runtime("cov(): expected \(name) to have one or fewer dimensions but got \(name) with \(weights.rank) dimensions")
        }
        let frequency = name == "fweights"
        guard frequency ? weights.dtype.isIntegral : weights.dtype.isFloatingPoint else {
            throw TensorError.runtime("cov(): expected \(name) to have \(frequency ? "integral" : "floating point") dtype but got \(name) "
                                      + "with \(weights.dtype.scalarTypeName) dtype")
        }
        guard weights.count == observations else {
            throw TensorError.runtime("cov(): expected \(name) to have the same numel as there are observations in the input but got "
                                      + "\(weights.count) != \(observations)")
        }
        if observations > 0, weights.doubles().contains(where: { $0 < 0 }) {
            throw TensorError.runtime("cov(): \(name) cannot be negative")
        }
    }
}
