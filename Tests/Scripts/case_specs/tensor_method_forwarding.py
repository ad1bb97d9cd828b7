# Tensor methods that are torch functions with the tensor as input (multinomial, bernoulli,
# allclose, isclose), and the layout predicates that are False for every dense CPU tensor.
CASES = [("engine", source) for source in [
    "x = torch.ones(2)\n(x.is_sparse, x.is_quantized, x.is_meta, x.is_nested, x.is_mkldnn, x.is_sparse_csr)",
    "p = torch.tensor([0.2, 0.8])\ntorch.manual_seed(0)\n(p.multinomial(3, replacement=True), p.bernoulli(), p.bernoulli(0.5), p.allclose(p + 1e-9), p.isclose(p))",
    "p = torch.tensor([0.2, 0.8])\ng = torch.Generator().manual_seed(3)\n(p.multinomial(2, generator=g), torch.tensor([0.1, 0.9, 0.5, 0.7]).bernoulli(generator=g), p.isclose(p + 1e-3, atol=1e-2))",
    "torch.manual_seed(0)\nprobs = torch.softmax(torch.randn(3, 5), dim=-1)\nprobs.multinomial(num_samples=1)",
]]
