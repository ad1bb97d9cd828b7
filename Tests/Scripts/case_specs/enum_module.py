# The enum module: members in definition order, lookup by value and by name, aliases,
# auto(), IntEnum printing as its number, and the errors for a missing member.
DEFS = '''import enum
from enum import Enum, IntEnum, auto

class Mode(enum.Enum):
    TRAIN = "train"
    EVAL = "eval"
    TEST = "eval"

class Color(IntEnum):
    RED = auto()
    GREEN = auto()
    BLUE = 7
    PURPLE = auto()

class Phase(Enum):
    WARMUP = 1
    MAIN = 2
    def describe(self):
        return f"{self.name.lower()} #{self.value}"
'''
CASES = [("python", DEFS + source) for source in [
    "(str(Mode.TRAIN), repr(Mode.EVAL), Mode('eval'), Mode['TRAIN'], Mode.TEST is Mode.EVAL)",
    "(list(Mode), len(Mode), [m.value for m in Mode], Mode.TRAIN.name, Mode.TRAIN.value)",
    "(str(Color.GREEN), repr(Color.BLUE), int(Color.PURPLE), repr(Color(2)), repr(list(Color)), [c.value for c in Color])",
    "(Phase.MAIN.describe(), isinstance(Phase.MAIN, Phase), Phase.MAIN == Phase.MAIN, Phase.MAIN != Phase.WARMUP)",
    "(repr(Mode), {Mode.TRAIN: 1}[Mode.TRAIN], f'{Mode.TRAIN}', Mode.TRAIN in Mode, type(Mode.TRAIN).__name__)",
]]
CASES += [("python-error", DEFS + source) for source in ["Mode('x')", "Mode['X']"]]
CASES += [("python", DEFS + source) for source in [
    "([1, 2, 3][Color.RED], (4, 5, 6, 7, 8, 9, 10, 11)[Color.BLUE])",
    "class I:\n    def __index__(self):\n        return 1\n[7, 8][I()]",
]]
