import Interpreter
import PySyntax
import TensorEngine

/// A softmax in any of its spellings: `F.softmax(x, dim=1)`, `torch.softmax(x, 1)`,
/// `x.softmax(-1)`, `x.log_softmax(1)`, or an `nn.Softmax(dim=-1)` module applied to `x`.
struct SoftmaxCall {
    let input: (expr: Expr, tensor: Tensor)
    /// The dim as given, normalized to be non-negative.
    let dim: Int
    /// Whether the call named the dim; PyTorch guesses one otherwise.
    let dimIsExplicit: Bool
    let isLog: Bool
    let isModule: Bool

    init?(_ call: CallSite) {
        if case let .softmax(log)? = call.moduleKind {
            guard let (expr, value) = call.moduleInput, case let .tensor(tensor) = value else { return nil }
            self.init(input: (expr, tensor), explicitDim: call.moduleAttribute("dim").flatMap(intValue), isLog: log, isModule: true)
            return
        }
        guard case let .softmax(log)? = call.kind, let input = call.input else { return nil }
        self.init(input: input, explicitDim: call.int("dim"), isLog: log, isModule: false)
    }

    private init(input: (expr: Expr, tensor: Tensor), explicitDim: Int?, isLog: Bool, isModule: Bool) {
        self.input = input
        self.isLog = isLog
        self.isModule = isModule
        dimIsExplicit = explicitDim != nil
        dim = explicitDim.map { SoftmaxCall.normalize($0, rank: input.tensor.rank) } ?? SoftmaxCall.legacyDim(rank: input.tensor.rank)
    }

    static func normalize(_ dim: Int, rank: Int) -> Int {
        let size = max(rank, 1)
        return dim < 0 ? dim + size : dim
    }

    /// PyTorch's `_get_softmax_dim` rule when no dim is given.
    static func legacyDim(rank: Int) -> Int { (rank == 0 || rank == 1 || rank == 3) ? 0 : 1 }

    var dimSize: Int { input.tensor.rank == 0 ? 1 : input.tensor.shape[dim] }
}

/// The rows a softmax normalizes: every 1-D line of `tensor` along `dim`, as value arrays.
func lines(of tensor: Tensor, along dim: Int, limit: Int = Int.max) -> [[Double]] {
    guard tensor.rank > 0, tensor.count > 0 else { return tensor.count == 1 ? [tensor.doubles()] : [] }
    let values = tensor.doubles()
    let shape = tensor.shape
    let size = shape[dim]
    let inner = shape[(dim + 1)...].reduce(1, *)
    let outer = shape[..<dim].reduce(1, *)
    var result: [[Double]] = []
    outerLoop: for outerIndex in 0..<outer {
        for innerIndex in 0..<inner {
            if result.count >= limit { break outerLoop }
            let base = outerIndex * size * inner + innerIndex
            result.append((0..<size).map { values[base + $0 * inner] })
        }
    }
    return result
}
