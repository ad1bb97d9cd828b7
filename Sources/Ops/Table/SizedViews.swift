import Autograd
import TensorEngine

/// Views and factories that take sizes or a shape, beside the movement table. `narrow` and
/// `new_full` are still bound by hand (narrow's invalid-combination wording, new_full's big-int
/// fill); their entries give the signature, family and doc.
extension OpTable {
    static let sizedViewOps: [OpEntry] = [
        OpEntry("view_as", "Tensor input, Tensor other", [.method], family: .movement, explain: OpExplanation(.reshape(isView: true), traits: .takesSizes),
                doc: OpDoc("The same data seen with other's shape, without copying: view(other.size()).",
                           example: ">>> torch.arange(4).view_as(torch.zeros(2, 2))\ntensor([[0, 1],\n        [2, 3]])")) { arguments in
            .tensor(try Autodiff.view(try arguments.tensor("input"), try arguments.tensor("other").shape))
        },
        OpEntry("unflatten", "Tensor input, int dim, int[] sizes", [.function, .method], family: .movement,
                explain: OpExplanation(.reshape(isView: true), traits: .takesSizes),
                doc: OpDoc("Splits dim into several dims of the given sizes; a view. -1 infers one size.",
                           example: ">>> torch.arange(6).unflatten(0, (2, 3))\ntensor([[0, 1, 2],\n        [3, 4, 5]])")) { arguments in
            .tensor(try Autodiff.unflatten(try arguments.tensor("input"), try arguments.int("dim"), try arguments.ints("sizes")))
        },
        OpEntry("tile", "Tensor input, int... dims", [.function, .method], family: .movement, explain: OpExplanation(.tile, traits: .takesSizes),
                doc: OpDoc("Repeats the tensor dims[i] times along each dimension; missing leading counts are 1.",
                           example: ">>> torch.tile(torch.tensor([1, 2]), (2, 2))\ntensor([[1, 2, 1, 2],\n        [1, 2, 1, 2]])")) { arguments in
            let input = try arguments.tensor("input")
            let counts = try arguments.ints("dims")
            // tile pads the counts with leading 1s; repeat pads the input's shape instead.
            let padding = [Int](repeating: 1, count: Swift.max(input.rank - counts.count, 0))
            return .tensor(try Autodiff.repeated(input, padding + counts))
        },
        OpEntry("narrow", "Tensor input, int dim, int start, int length", [.function, .method], family: .movement, explain: OpExplanation(traits: .takesSizes),
                doc: OpDoc("length consecutive positions of dim, from start; a view.",
                           example: ">>> torch.arange(6).view(2, 3).narrow(1, 1, 2)\ntensor([[1, 2],\n        [4, 5]])")),
        OpEntry("resize_", "Tensor input, int... size", [.method], family: .movement, explain: OpExplanation(traits: .takesSizes),
                doc: OpDoc("Gives the tensor this size in place, over its elements in storage order; new elements are uninitialised.",
                           example: ">>> torch.arange(6.).resize_(2, 2)\ntensor([[0., 1.],\n        [2., 3.]])")) { arguments in
            .tensor(try Autodiff.resize(try arguments.tensor("input"), to: try arguments.ints("size")))
        },
        OpEntry("resize_as_", "Tensor input, Tensor the_template", [.method], family: .movement, explain: OpExplanation(traits: .takesSizes),
                doc: OpDoc("resize_ to the_template's size.",
                           example: ">>> torch.arange(6.).resize_as_(torch.zeros(3))\ntensor([0., 1., 2.])")) { arguments in
            .tensor(try Autodiff.resize(try arguments.tensor("input"), to: try arguments.tensor("the_template").shape))
        },
        newFactory("new_zeros", "filled with 0", fill: .int(0)),
        newFactory("new_ones", "filled with 1", fill: .int(1)),
        newFactory("new_empty", "uninitialized", fill: .int(0)),
        OpEntry("new_full", "Tensor input, int[] size, Scalar fill_value, *, ScalarType? dtype=None, object device=None, bool requires_grad=False", [.method],
                family: .creation, explain: OpExplanation(.factory(filling: "every element the fill value"), traits: .takesSizes),
                doc: OpDoc("A new tensor of the given size filled with fill_value, with this tensor's dtype unless dtype is given.",
                           example: ">>> torch.tensor([1., 2.]).new_full((2,), 7)\ntensor([7., 7.])")),
    ]

    /// `x.new_zeros(2, 3)`: a tensor of the receiver's dtype (unless dtype is given).
    private static func newFactory(_ name: String, _ filling: String, fill: Scalar) -> OpEntry {
        OpEntry(name, "Tensor input, int... size, *, ScalarType? dtype=None, object device=None, bool requires_grad=False", [.method], family: .creation,
                explain: OpExplanation(.factory(filling: filling), traits: .takesSizes)) { arguments in
            let input = try arguments.tensor("input")
            return .tensor(try Factory.full(shape: try arguments.ints("size"), value: fill, dtype: try arguments.dtype("dtype") ?? input.dtype))
        }
    }
}
