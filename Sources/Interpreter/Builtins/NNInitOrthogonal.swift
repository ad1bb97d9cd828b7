import Autograd
import TensorEngine

/// `nn.init.orthogonal_` as torch/nn/init.py computes it: a (rows, numel / rows) matrix of
/// standard normal draws (transposed when wide), its QR factorization, Q's columns
/// multiplied by the signs of R's diagonal, written back (transposed again) and scaled
/// by the gain. Called with grad mode off.
func orthogonalFill(_ tensor: Tensor, gain: Double) throws {
    guard tensor.rank >= 2 else { throw PythonError.valueError("Only tensors with 2 or more dimensions are supported") }
    guard tensor.count > 0 else { return }
    let rows = tensor.shape[0], columns = tensor.count / rows
    var flattened = try Generator.default.normal(mean: 0, std: 1, shape: [rows, columns], dtype: tensor.dtype)
    if rows < columns { flattened = try Autodiff.transpose(flattened, 0, 1) }
    let (q, r) = try flattened.qrDecomposition(mode: try QRMode("reduced"))
    let signs = try Autodiff.unary(.sign, try Autodiff.diagonal(r))
    var uniform = try Autodiff.binary(.multiply, .tensor(q), .tensor(signs))
    if rows < columns { uniform = try Autodiff.transpose(uniform, 0, 1) }
    try tensor.copy(from: try Autodiff.contiguous(uniform).reshape(tensor.shape))
    tensor.markWrittenInPlace()  // `tensor.view_as(q).copy_(q)`; the caller counts the `mul_` by the gain
    try tensor.copy(from: try Autodiff.binary(.multiply, .tensor(tensor), .scalar(.float(gain))))
}
