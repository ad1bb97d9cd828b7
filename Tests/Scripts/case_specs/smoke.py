CASES = [
    ("slicing", "x = torch.arange(12.).view(3, 4)\nx[..., ...]"),
    ("python", "x = 3\nx * 2"),
]
