import Autograd

/// Movement and join ops.
extension OpTable {
    /// The function and method, and the in-place method that re-views its receiver.
    private static let viewForms: OpVariants = [.function, .method, .inPlaceView]
    /// What every in-place view form adds to its words.
    private static let newView = " (a new view of the same data: nothing is copied)"

    static let movementOps: [OpEntry] = [
        OpEntry("t", "Tensor input", viewForms, family: .movement, explain: OpExplanation(.transpose, inPlace: "transposes {T}" + newView)) { arguments in
            .tensor(try Autodiff.t(try arguments.tensor("input")))
        },
        OpEntry("cat", "Tensor[] tensors, int dim=0, *, object out=None", [.function], family: .join, explain: OpExplanation(.concatenate(newDim: false)), aliases: ["torch.concat", "torch.concatenate"],
                doc: OpDoc("Joins tensors end to end along an existing dimension; the other dimensions must match.", formula: "shape[dim] = Σ t.shape[dim]",
                           example: ">>> a = torch.zeros(2, 2)\n>>> b = torch.ones(1, 2)\n>>> torch.cat([a, b], dim=0).shape\ntorch.Size([3, 2])")) { arguments in
            .tensor(try Autodiff.concatenate(try arguments.tensors("tensors"), dim: try arguments.int("dim")))
        },
        OpEntry("stack", "Tensor[] tensors, int dim=0, *, object out=None", [.function], family: .join, explain: OpExplanation(.concatenate(newDim: true)),
                doc: OpDoc("Joins same-shaped tensors along a NEW dimension inserted at dim.",
                           example: ">>> torch.stack([torch.tensor([1, 2]), torch.tensor([3, 4])], dim=1)\ntensor([[1, 3],\n        [2, 4]])")) { arguments in
            .tensor(try Autodiff.stack(try arguments.tensors("tensors"), dim: try arguments.int("dim")))
        },
        // `view(dtype)` reinterprets the bytes, as PyTorch does; it never converts.
        OpEntry("view", "Tensor input, int... size", [.method], family: .movement, explain: OpExplanation(.reshape(isView: true), traits: .takesSizes),
                overloads: ["Tensor input, ScalarType dtype"],
                doc: OpDoc("The same data seen with another shape, without copying; needs compatible strides (use reshape otherwise). -1 infers one size.",
                           example: ">>> x = torch.arange(6)\n>>> x.view(2, 3)\ntensor([[0, 1, 2],\n        [3, 4, 5]])\n>>> x.view(-1, 2).shape\ntorch.Size([3, 2])"),
                pythonOverloads: ["Tensor input, torch.dtype dtype", "Tensor input, tuple of ints size"]) { arguments in
            let input = try arguments.tensor("input")
            if let dtype = try arguments.dtype("dtype") { return .tensor(try input.reinterpreted(as: dtype)) }
            return .tensor(try Autodiff.view(input, try arguments.ints("size")))
        },
        OpEntry("reshape", "Tensor input, int... shape", [.function, .method], family: .movement, explain: OpExplanation(.reshape(isView: false), traits: .takesSizes),
                doc: OpDoc("The data with a new shape: a view when the strides allow it, otherwise a copy.",
                           example: ">>> torch.arange(6).reshape(3, -1)\ntensor([[0, 1],\n        [2, 3],\n        [4, 5]])")) { arguments in
            .tensor(try Autodiff.reshape(try arguments.tensor("input"), try arguments.ints("shape")))
        },
        OpEntry("permute", "Tensor input, int... dims", [.function, .method], family: .movement, explain: OpExplanation(.permute),
                doc: OpDoc("Reorders the dimensions; a view, no data moves.", formula: "out.shape[i] = input.shape[dims[i]]",
                           example: ">>> torch.zeros(2, 3, 4).permute(2, 0, 1).shape\ntorch.Size([4, 2, 3])")) { arguments in
            .tensor(try Autodiff.permute(try arguments.tensor("input"), try arguments.ints("dims")))
        },
        OpEntry("transpose", "Tensor input, int dim0, int dim1", viewForms, family: .movement, explain: OpExplanation(.transpose, inPlace: "swaps two dims of {T}" + newView), aliases: ["torch.swapaxes", "torch.swapdims", "Tensor.swapaxes", "Tensor.swapdims", "Tensor.swapaxes_", "Tensor.swapdims_"],
                doc: OpDoc("Swaps two dimensions; a view.",
                           example: ">>> torch.arange(6).view(2, 3).transpose(0, 1)\ntensor([[0, 3],\n        [1, 4],\n        [2, 5]])")) { arguments in
            .tensor(try Autodiff.transpose(try arguments.tensor("input"), try arguments.int("dim0"), try arguments.int("dim1")))
        },
        OpEntry("squeeze", "Tensor input, int[1]? dim=None", viewForms, family: .movement, explain: OpExplanation(.squeeze, inPlace: "removes dims of size 1 from {T}" + newView),
                doc: OpDoc("Removes dimensions of size 1 (only dim, when given).",
                           example: ">>> torch.zeros(1, 3, 1).squeeze().shape\ntorch.Size([3])\n>>> torch.zeros(1, 3, 1).squeeze(0).shape\ntorch.Size([3, 1])")) { arguments in
            .tensor(try Autodiff.squeeze(try arguments.tensor("input"), try arguments.dims("dim")))
        },
        OpEntry("unsqueeze", "Tensor input, int dim", viewForms, family: .movement, explain: OpExplanation(.unsqueeze, inPlace: "inserts a dim of size 1 into {T} at dim {X}" + newView),
                doc: OpDoc("Inserts a dimension of size 1 at dim; a view.",
                           example: ">>> torch.tensor([1, 2, 3]).unsqueeze(1).shape\ntorch.Size([3, 1])")) { arguments in
            .tensor(try Autodiff.unsqueeze(try arguments.tensor("input"), try arguments.int("dim")))
        },
        OpEntry("flatten", "Tensor input, int start_dim=0, int end_dim=-1", [.function, .method], family: .movement, explain: OpExplanation(.flatten),
                doc: OpDoc("Merges the dimensions from start_dim to end_dim into one.",
                           example: ">>> torch.zeros(2, 3, 4).flatten(1).shape\ntorch.Size([2, 12])")) { arguments in
            .tensor(try Autodiff.flatten(try arguments.tensor("input"), try arguments.int("start_dim"), try arguments.int("end_dim")))
        },
        OpEntry("expand", "Tensor input, int... size", [.method], family: .movement, explain: OpExplanation(.expand, traits: .takesSizes),
                doc: OpDoc("Broadcasts size-1 dimensions to larger sizes without copying (stride 0); -1 keeps a size.",
                           example: ">>> torch.tensor([[1], [2]]).expand(2, 3)\ntensor([[1, 1, 1],\n        [2, 2, 2]])")) { arguments in
            .tensor(try Autodiff.expand(try arguments.tensor("input"), try arguments.ints("size")))
        },
        OpEntry("repeat", "Tensor input, int... repeats", [.method], family: .movement, explain: OpExplanation(.tile, traits: .takesSizes),
                doc: OpDoc("Tiles the tensor: copies the data repeats[i] times along each dimension.",
                           example: ">>> torch.tensor([1, 2]).repeat(2, 2)\ntensor([[1, 2, 1, 2],\n        [1, 2, 1, 2]])")) { arguments in
            .tensor(try Autodiff.repeated(try arguments.tensor("input"), try arguments.ints("repeats")))
        },
        OpEntry("tril", "Tensor input, int diagonal=0", [.function, .method], family: .movement, explain: OpExplanation(.triangle(below: true)),
                doc: OpDoc("Keeps the lower triangle (on and below the diagonal) and zeroes the rest; used for causal masks.",
                           example: ">>> torch.tril(torch.ones(3, 3))\ntensor([[1., 0., 0.],\n        [1., 1., 0.],\n        [1., 1., 1.]])")) { arguments in
            .tensor(try Autodiff.triangle(try arguments.tensor("input"), upper: false, diagonal: try arguments.int("diagonal")))
        },
        OpEntry("triu", "Tensor input, int diagonal=0", [.function, .method], family: .movement, explain: OpExplanation(.triangle(below: false)),
                doc: OpDoc("Keeps the upper triangle (on and above the diagonal) and zeroes the rest.",
                           example: ">>> torch.triu(torch.ones(3, 3), diagonal=1)\ntensor([[0., 1., 1.],\n        [0., 0., 1.],\n        [0., 0., 0.]])")) { arguments in
            .tensor(try Autodiff.triangle(try arguments.tensor("input"), upper: true, diagonal: try arguments.int("diagonal")))
        },
        OpEntry("roll", "Tensor input, int[1] shifts, int[1]? dims=None", [.function, .method], family: .movement, explain: OpExplanation(.roll),
                doc: OpDoc("Shifts elements along dims, wrapping around the end.",
                           example: ">>> torch.arange(5).roll(2)\ntensor([3, 4, 0, 1, 2])")) { arguments in
            .tensor(try Autodiff.roll(try arguments.tensor("input"), try arguments.dims("shifts") ?? [], dims: try arguments.dims("dims") ?? []))
        },
        OpEntry("flip", "Tensor input, int... dims", [.function, .method], family: .movement, explain: OpExplanation(.flip),
                doc: OpDoc("Reverses the order of elements along dims (a copy).",
                           example: ">>> torch.arange(4).flip(0)\ntensor([3, 2, 1, 0])")) { arguments in
            .tensor(try Autodiff.flip(try arguments.tensor("input"), try arguments.ints("dims")))
        },
        OpEntry("broadcast_to", "Tensor input, tuple[int] size", [.function, .method], family: .movement, explain: OpExplanation(.expand),
                doc: OpDoc("input broadcast to size, as expand does; a view.",
                           example: ">>> torch.broadcast_to(torch.tensor([1, 2]), (2, 2))\ntensor([[1, 2],\n        [1, 2]])")) { arguments in
            .tensor(try Autodiff.expand(try arguments.tensor("input"), try arguments.ints("size")))
        },
    ]
}
