/// Read-only views of the builtin tables, for tools that list what exists: the REPL's
/// tab completion and `:help`. Nothing here evaluates code.
extension Interpreter {
    /// Python's builtin functions and constants (`print`, `len`, `range`, ...).
    public var builtinFunctionNames: [String] { Array(builtinNames.keys) }

    /// Every method callable on a tensor, by its Python name (`view`, `sum`, `add_`).
    public static var tensorMethodNames: [String] { Array(tensorMethods.keys) }

    /// The tensor attributes that are not methods; kept in step with `tensorAttribute`.
    public static let tensorAttributeNames: [String] = [
        "shape", "dtype", "ndim", "T", "mT", "H", "mH", "data", "device", "is_cuda", "is_cpu", "is_leaf",
        "retains_grad", "requires_grad", "grad", "grad_fn", "itemsize", "nbytes", "real",
        "is_sparse", "is_sparse_csr", "is_quantized", "is_meta", "is_nested", "is_mkldnn", "_version",
        "layout", "output_nr",
    ]
}
