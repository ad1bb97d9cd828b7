import Autograd
import Interpreter
import PySyntax
import TensorEngine

/// What the explainer captures when `backward()` is about to run, while the graph is
/// still whole: the leaves it will reach, their gradients so far, and each loss term's
/// own gradients, found by differentiating the terms one at a time.
struct BackwardRecord {
    struct Leaf {
        let name: String
        let tensor: Tensor
        let gradientBefore: Tensor?
    }

    struct TermGradients {
        let term: LossTerm
        /// One per leaf, nil where the term does not reach it; nil as a whole when the
        /// term could not be differentiated on its own.
        let gradients: [Tensor?]?
        let requiresGrad: Bool
        /// For a plain cross-entropy term: its operands and the gradient it sends its logits.
        let crossEntropy: (operands: CrossEntropyOperands, gradient: Tensor)?
        /// For a distillation KL term: its operands and the gradient on the student's logits.
        let distillation: (operands: DistillationOperands, gradient: Tensor)?

        /// No leaf receives anything from this term but zeros.
        var isDead: Bool {
            if !requiresGrad { return true }
            guard let gradients else { return false }
            return gradients.allSatisfy { gradient in gradient.map(isAllZero) ?? true }
        }
    }

    let roots: [Tensor]
    let leaves: [Leaf]
    let terms: [TermGradients]
    let nodeCount: Int
    /// When a term's gradient is not finite: the op whose backward first made it so.
    private(set) var nonFiniteOrigin: Expr?
    /// Masked softmaxes in the graph: the line, how many inputs were -inf, and how many of
    /// those got a gradient other than exactly zero.
    private(set) var maskedSoftmaxes: [(line: Int, masked: Int, nonzero: Int)] = []

    init(roots: [Tensor], leafNames: [ObjectIdentifier: String], splitter: LossTermSplitter, graph: RecordedGraph,
         crossEntropyOperands: (LossTerm) -> CrossEntropyOperands?, distillationOperands: (LossTerm) -> DistillationOperands?) {
        self.roots = roots
        let leafTensors = GraphWalk.leaves(of: roots)
        leaves = leafTensors.enumerated().map { index, tensor in
            Leaf(name: leafNames[ObjectIdentifier(tensor)] ?? "leaf \(index + 1) \(TensorSignature(tensor))",
                 tensor: tensor, gradientBefore: tensor.grad)
        }
        nodeCount = roots.map(GraphWalk.nodeCount).reduce(0, +)
        // Only a single scalar loss is split: its terms are what the program added up.
        let parts = roots.count == 1 && roots[0].count == 1 ? splitter.terms(of: roots[0]) : []
        terms = parts.map { term in
            let requiresGrad = term.tensor.requiresGrad
            let gradients = requiresGrad && !leafTensors.isEmpty
                ? try? BackwardEngine.grad([term.tensor], gradients: [nil], inputs: leafTensors, retainGraph: true)
                : Array(repeating: nil, count: leafTensors.count)
            var crossEntropy: (CrossEntropyOperands, Tensor)?
            if requiresGrad, let operands = crossEntropyOperands(term), operands.logits.requiresGrad,
               term.originTensor.count == 1, term.originTensor.requiresGrad,
               let gradient = try? BackwardEngine.grad([term.originTensor], gradients: [nil], inputs: [operands.logits], retainGraph: true).first ?? nil {
                crossEntropy = (operands, gradient)
            }
            var distillation: (DistillationOperands, Tensor)?
            if requiresGrad, let operands = distillationOperands(term), operands.studentLogits.requiresGrad, term.originTensor.count == 1,
               let gradient = try? BackwardEngine.grad([term.originTensor], gradients: [nil], inputs: [operands.studentLogits], retainGraph: true).first ?? nil {
                distillation = (operands, gradient)
            }
            return TermGradients(term: term, gradients: gradients, requiresGrad: requiresGrad, crossEntropy: crossEntropy, distillation: distillation)
        }
        if roots.count == 1, roots[0].count == 1 {
            maskedSoftmaxes = graph.maskedSoftmaxInputs.compactMap { entry in
                guard entry.input.requiresGrad,
                      let gradient = (try? BackwardEngine.grad([roots[0]], gradients: [nil], inputs: [entry.input], retainGraph: true))?.first ?? nil
                else { return nil }
                let masked = zip(entry.input.doubles(), gradient.doubles()).filter { $0.0 == -.infinity }
                return masked.isEmpty ? nil : (entry.line, masked.count, masked.filter { $0.1 != 0 }.count)
            }
        }
        let nonFinite = terms.contains { $0.gradients?.contains { $0.map { !isAllFinite($0) } ?? false } ?? false }
        if nonFinite, roots.count == 1 {
            nonFiniteOrigin = NonFiniteGradientSearch(root: roots[0], leaves: leafTensors, graph: graph).origin()
        }
    }

    /// The gradient this backward call added to a leaf's `.grad`.
    func addedGradient(_ leaf: Leaf) -> Tensor? {
        guard let after = leaf.tensor.grad else { return nil }
        guard let before = leaf.gradientBefore else { return after }
        return try? binary(.subtract, .tensor(after), .tensor(before))
    }
}

func isAllZero(_ tensor: Tensor) -> Bool {
    tensor.doubles().allSatisfy { $0 == 0 }
}

func isAllFinite(_ tensor: Tensor) -> Bool {
    tensor.doubles().allSatisfy(\.isFinite)
}

/// The 2-norm of a tensor's values, for sizes of gradients and updates.
func norm(_ tensor: Tensor) -> Double {
    tensor.doubles().reduce(0) { $0 + $1 * $1 }.squareRoot()
}
