import Autograd
import TensorEngine

/// `F.unfold` and `F.fold`: im2col and col2im. Each size may be one int or a pair, as
/// functional.py's `_pair` passes them on; ATen insists on exactly two values.
extension OpTable {
    static let slidingBlockOps: [OpEntry] = [
        OpEntry("unfold", "Tensor input, int[1] kernel_size, int[1] dilation=1, int[1] padding=0, int[1] stride=1", [.functional], family: .movement,
                doc: OpDoc("Extracts sliding blocks (im2col): (N, C, H, W) becomes (N, C·kH·kW, L), one column per block.",
                           formula: "out[n, (c·kH + i)·kW + j, l] = in[n, c, h_l·stride + i·dilation − padding, w_l·stride + j·dilation − padding]",
                           example: ">>> F.unfold(torch.arange(4.).view(1, 1, 2, 2), 1)\ntensor([[[0., 1., 2., 3.]]])")) { arguments in
            .tensor(try Autodiff.unfoldBlocks(try arguments.tensor("input"), try slidingBlocks(arguments)))
        },
        OpEntry("fold", "Tensor input, int[1] output_size, int[1] kernel_size, int[1] dilation=1, int[1] padding=0, int[1] stride=1", [.functional], family: .movement,
                doc: OpDoc("Sums sliding blocks back onto an image (col2im), the adjoint of unfold: (N, C·kH·kW, L) becomes (N, C, *output_size).",
                           formula: "out[n, c, h, w] = Σ over blocks covering (h, w) of the matching column entry",
                           example: ">>> F.fold(torch.ones(1, 4, 4), 3, 2)\ntensor([[[[1., 2., 1.],\n          [2., 4., 2.],\n          [1., 2., 1.]]]])")) { arguments in
            .tensor(try Autodiff.foldBlocks(try arguments.tensor("input"), outputSize: try pairArgument(arguments, "output_size"),
                                            try slidingBlocks(arguments)))
        },
    ]

    private static func slidingBlocks(_ arguments: OpArguments) throws -> SlidingBlocks {
        SlidingBlocks(kernel: try pairArgument(arguments, "kernel_size"), dilation: try pairArgument(arguments, "dilation"),
                      padding: try pairArgument(arguments, "padding"), stride: try pairArgument(arguments, "stride"))
    }

    /// `_pair`: one int stands for both dims; ATen checks the length of a given sequence.
    private static func pairArgument(_ arguments: OpArguments, _ name: String) throws -> [Int] {
        guard case let .int(value) = arguments[name] else {
            let values = try arguments.dims(name) ?? []
            guard values.count == 2 else { throw TensorError.runtime("It is expected \(name) equals to 2, but got size \(values.count)") }
            return values
        }
        return [value, value]
    }
}
