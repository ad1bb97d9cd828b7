# F.interpolate of an input with an empty spatial dim is refused with ATen's upsample check
# (it read past the end of its index table and crashed). Recorded by record_cases.py.
CASES = [("interpolate empty", "x = torch.randn(" + shape + ")\nF.interpolate(x, " + args + ")") for shape, args in [
    ("1, 2, 0, 4", "size=(4, 7), mode='nearest'"), ("1, 2, 0, 4", "size=(4, 7), mode='bilinear'"),
    ("1, 2, 3, 0", "scale_factor=2, mode='bicubic'"), ("1, 2, 0", "size=5, mode='linear'"),
    ("1, 1, 2, 0, 3", "size=(2, 2, 2), mode='trilinear'"), ("0, 2, 3, 4", "size=(4, 7), mode='nearest'"),
]]
