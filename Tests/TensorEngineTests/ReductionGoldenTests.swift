import Testing
@testable import TensorEngine

/// Replays every PyTorch golden in ReductionGoldens.swift.
@Suite struct ReductionGoldenTests {
    @Test(arguments: reductionGoldens.indices)
    func matchesPyTorch(_ index: Int) throws {
        let golden = reductionGoldens[index]
        let a = try golden.a.make()
        let b = try golden.b?.make()
        let (values, indices) = try Self.run(golden, a, b)
        let result = values ?? indices!
        expectTensorValues(result, values == nil ? golden.indices!.map { Double($0) } : golden.values,
                     shape: golden.shape, dtype: golden.dtype, golden.name)
        if let expected = golden.indices, let indices {
            #expect(indices.int64s() == expected, "\(golden.name) indices")
            #expect(indices.dtype == .int64)
        }
    }

    static func run(_ g: ReductionGolden, _ a: Tensor, _ b: Tensor?) throws -> (Tensor?, Tensor?) {
        let dims: [Int]? = g.dims.isEmpty ? nil : g.dims
        switch g.op {
        case "sum": return (try a.sum(dims: dims, keepDim: g.keepDim), nil)
        case "mean": return (try a.mean(dims: dims, keepDim: g.keepDim), nil)
        case "prod": return (try a.prod(dim: g.dims.first, keepDim: g.keepDim), nil)
        case "var": return (try a.variance(dims: dims, correction: g.param, keepDim: g.keepDim), nil)
        case "std": return (try a.standardDeviation(dims: dims, correction: g.param, keepDim: g.keepDim), nil)
        case "norm": return (try a.norm(p: g.param, dims: dims, keepDim: g.keepDim), nil)
        case "logsumexp": return (try a.logSumExp(dims: g.dims, keepDim: g.keepDim), nil)
        case "amax": return (try a.amax(dims: g.dims, keepDim: g.keepDim), nil)
        case "amin": return (try a.amin(dims: g.dims, keepDim: g.keepDim), nil)
        case "maxdim": let r = try a.max(dim: g.dims[0], keepDim: g.keepDim); return (r.values, r.indices)
        case "mindim": let r = try a.min(dim: g.dims[0], keepDim: g.keepDim); return (r.values, r.indices)
        case "argmax": return (nil, try a.argmax(dim: g.dims.first, keepDim: g.keepDim))
        case "argmin": return (nil, try a.argmin(dim: g.dims.first, keepDim: g.keepDim))
        case "median": return (try a.median(), nil)
        case "mediandim": let r = try a.median(dim: g.dims[0], keepDim: g.keepDim); return (r.values, r.indices)
        case "cumsum": return (try a.cumsum(dim: g.dims[0]), nil)
        case "cumprod": return (try a.cumprod(dim: g.dims[0]), nil)
        case "sort":
            let r = try a.sort(dim: g.dims[0], descending: g.keepDim, stable: g.flag)
            return (r.values, r.indices)
        case "topk":
            let r = try a.topk(Int(g.param), dim: g.dims[0], largest: g.keepDim, sorted: g.flag)
            return (r.values, r.indices)
        case "matmul": return (try a.matmul(b!), nil)
        case "einsum": return (try einsum(g.equation, b.map { [a, $0] } ?? [a]), nil)
        default: throw TensorError.runtime("unknown golden op \(g.op)")
        }
    }
}
