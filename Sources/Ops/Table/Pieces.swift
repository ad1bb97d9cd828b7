import Autograd
import TensorEngine

/// Ops that cut a tensor into a tuple of views (`chunk`, `split`, `unbind`), and `meshgrid`,
/// which builds a tuple of grids. A tuple is refused beforehand when it would hold more
/// items than the session allows.
extension OpTable {
    static let pieceOps: [OpEntry] = [
        OpEntry("chunk", "Tensor input, int chunks, int dim=0", functionAndMethod, family: .join, explain: OpExplanation(.chunk, traits: .takesSizes),
                doc: OpDoc("Splits into chunks pieces of (nearly) equal size along dim; views.",
                           example: ">>> torch.arange(5).chunk(2)\n(tensor([0, 1, 2]), tensor([3, 4]))")) { arguments in
            let (input, chunks, dim) = (try arguments.tensor("input"), try arguments.int("chunks"), try arguments.int("dim"))
            // PyTorch's chunk length: the size divided by the chunk count, rounded up.
            try arguments.checkPieces(of: input, dim: dim) { size in chunks > 0 ? size / chunks + (size % chunks == 0 ? 0 : 1) : 0 }
            return .tuple(try Autodiff.chunk(input, chunks, dim: dim))
        },
        // `torch.split` (torch/functional.py) and `Tensor.split` (torch/_tensor.py) are Python
        // functions whose size parameters are named differently.
        OpEntry("split", "Tensor tensor, int[1] split_size_or_sections, int dim=0", [.function], family: .join,
                explain: OpExplanation(.split, traits: .takesSizes), doc: splitDoc, python: true) { arguments in
            try split(arguments, input: "tensor", sizes: "split_size_or_sections")
        },
        OpEntry("split", "Tensor input, int[1] split_size, int dim=0", [.method], family: .join,
                explain: OpExplanation(.split, traits: .takesSizes), doc: splitDoc, python: true) { arguments in
            try split(arguments, input: "input", sizes: "split_size")
        },
        OpEntry("unbind", "Tensor input, int dim=0", functionAndMethod, family: .join, explain: OpExplanation(.unbind)) { arguments in
            let (input, dim) = (try arguments.tensor("input"), try arguments.int("dim"))
            try arguments.checkPieces(of: input, dim: dim) { _ in 1 }
            return .tuple(try Autodiff.unbind(input, dim))
        },
        // PyTorch's three overloads, a tensor first so that a 1-element tensor of indices is
        // not read as a count of sections.
        OpEntry("tensor_split", "Tensor input, int[] indices, int dim=0", functionAndMethod, family: .join,
                overloads: ["Tensor input, Tensor tensor_indices_or_sections, int dim=0", "Tensor input, int sections, int dim=0"],
                doc: OpDoc("Splits into sections pieces of nearly equal size, or cuts before each of the given indices, along dim; views.",
                           example: ">>> torch.arange(5).tensor_split(2)\n(tensor([0, 1, 2]), tensor([3, 4]))"),
                pythonOverloads: ["Tensor input, tuple of ints indices, int dim = 0", "Tensor input, Tensor tensor_indices_or_sections, int dim = 0",
                                  "Tensor input, int sections, int dim = 0"]) { arguments in
            let (input, dim) = (try arguments.tensor("input"), try arguments.int("dim"))
            switch arguments.overload {
            case 0: return .tuple(try Autodiff.tensorSplit(input, indicesOrSections: try arguments.tensor("tensor_indices_or_sections"), dim: dim))
            case 1:
                let sections = try arguments.int("sections")
                try arguments.checkItems(sections, "tensor_split()'s tuple")
                return .tuple(try Autodiff.tensorSplit(input, sections: sections, dim: dim))
            default: return .tuple(try Autodiff.tensorSplit(input, indices: try arguments.ints("indices"), dim: dim))
            }
        },
        OpEntry("meshgrid", "Tensor... tensors, *, str? indexing=None", [.function], family: .join, explain: OpExplanation(.meshgrid),
                doc: OpDoc("Coordinate grids from 1-D tensors; indexing='ij' (matrix) or 'xy' (Cartesian).",
                           example: ">>> a, b = torch.meshgrid(torch.tensor([1, 2]), torch.tensor([3, 4, 5]), indexing='ij')\n>>> b\ntensor([[3, 4, 5],\n        [3, 4, 5]])"),
                python: true) { arguments in
            guard case let .string(indexing) = arguments["indexing"] else {
                // PyTorch's TORCH_WARN_ONCE, raised inside torch/functional.py: once per program.
                arguments.warnOnce("torch.meshgrid: in an upcoming release, it will be required to pass the indexing argument. "
                                   + "(Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/TensorShape.cpp:4207.)")
                return .tuple(try Autodiff.meshgrid(try arguments.tensors("tensors"), indexing: "ij"))
            }
            return .tuple(try Autodiff.meshgrid(try arguments.tensors("tensors"), indexing: indexing))
        },
    ]

    private static let splitDoc = OpDoc("Splits into pieces of the given size (or list of sizes) along dim; views.",
                                        example: ">>> torch.arange(5).split([2, 3])\n(tensor([0, 1]), tensor([2, 3, 4]))")

    /// One size cuts pieces of that length (the last may be shorter); a list gives each length.
    private static func split(_ arguments: OpArguments, input inputName: String, sizes sizesName: String) throws -> OpResult {
        let (input, dim) = (try arguments.tensor(inputName), try arguments.int("dim"))
        if case let .ints(sizes) = arguments[sizesName] {
            return .tuple(try Autodiff.split(input, sizes: sizes, dim: dim))
        }
        let length = try arguments.int(sizesName)
        try arguments.checkPieces(of: input, dim: dim) { _ in length }
        return .tuple(try Autodiff.split(input, size: length, dim: dim))
    }
}
