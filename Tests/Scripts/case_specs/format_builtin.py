# format(value, spec), as f-strings format: real training loops log with it.
CASES = [("python", source) for source in [
    "format(0.123456, '.4f'), format(3, '05d'), format(1234567.891, ',.2f'), format(0.5, '.1%')",
    "format(42), format('ab', '>5'), format(True), format(1e-7, 'e'), format(255, 'x')",
    "format(torch.tensor(0.5).item(), '.3f'), format(3.14159, '')",
    "format(1.5, 3)",
    "format(1, 'q')",
]]
