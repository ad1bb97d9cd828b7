# A list index that holds tensors, sequences, slices, None or ... reads as a tuple of
# indices (NumPy's old rule), with PyTorch's deprecation warning; other lists are one
# integer or boolean index.
X = "x = torch.arange(12).view(3, 4)\n"
SOURCES = [
    "x[[torch.tensor([0, 1]), torch.tensor([1, 2])]]",
    "x[[0, slice(None)]]",
    "x[[[0, 1], [1, 2]]]",
    "x[[None, 0]]",
    "x[[..., 1]]",
    "x[[0, 1]]",
    "idx = [slice(0, 2), 1]\nx[idx]",
    "x[[0, slice(1, 3)]] = 0\nx",
    "x[[True, False, True]]",
    "x[[[True, False, True]]]",
    "x[[0, torch.tensor(1)]]",
    "x[[(0, 1), (1, 2)]]",
    "x[[0, 'a']]",
    "x['a']",
    "x[[0, [1, 2]]]",
    "x[[1, None]]",
    "x[[]]",
    "x[range(2)]",
    "x[[0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, slice(None)]]",
    "x[[0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, slice(None)]]",
    "y = x.float().requires_grad_()\nz = y[[slice(None), [0, 2]]]\nz.sum().backward()\n(z.grad_fn, y.grad)",
]
CASES = [("indexing", X + source) for source in SOURCES]

# Index lists become int64 unless they are masks; torch.tensor measures the shape, then
# infers the dtype from every leaf, then stores.
CASES += [("indexing", X + source) for source in [
    "x[[0, 1.5]]", "x[[-1.5]]", "x[[True, False, True]].shape", "x[torch.tensor([], dtype=torch.long)]",
]]
CASES += [("errors", "torch.tensor(" + data + ")") for data in [
    "[0, slice(None)]", "[slice(None)]", "[0, {}]", "[None]", "[0, None]", "[...]", "[0, 'a']", "[[1], 'a']", "['a']",
    "['a', 0]", "[0, [1, slice(1)]]", "[0, [1, 'a']]", "'a'", "[None, 'a']", "[[0, 1], 'a']", "[[0], [slice(1)]]",
]]
CASES += [("creation", "import numpy as np\n" + source) for source in [
    "torch.tensor([np.array([1, 2]), np.array([3, 4])])",
    "torch.tensor([[1, 2], np.array([3, 4])])",
    "torch.tensor([np.float32(1), np.array(3.)])",
]]
