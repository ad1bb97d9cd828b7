/// `datetime.timedelta`, as training scripts print elapsed time
/// (`str(datetime.timedelta(seconds=int(total_time)))` gives `1:02:05`). Written as
/// CPython's `datetime.py` normalizes and prints it: whole microseconds, split into
/// days, seconds and microseconds with floor division, so a negative span is
/// `-1 day, 23:59:59`. Loaded on first import.
let datetimeLibrarySource = #"""
class timedelta:
    def __init__(self, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0):
        total = ((((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000000
        total = round(total + milliseconds * 1000 + microseconds)
        self._days, rest = divmod(total, 86400 * 1000000)
        self._seconds, self._microseconds = divmod(rest, 1000000)
        if abs(self._days) > 999999999:
            raise OverflowError("days=%d; must have magnitude <= 999999999" % self._days)

    @property
    def days(self):
        return self._days

    @property
    def seconds(self):
        return self._seconds

    @property
    def microseconds(self):
        return self._microseconds

    def _total_microseconds(self):
        return (self._days * 86400 + self._seconds) * 1000000 + self._microseconds

    def total_seconds(self):
        return self._total_microseconds() / 10 ** 6

    def __str__(self):
        minutes, seconds = divmod(self._seconds, 60)
        hours, minutes = divmod(minutes, 60)
        text = "%d:%02d:%02d" % (hours, minutes, seconds)
        if self._days:
            plural = "" if abs(self._days) == 1 else "s"
            text = "%d day%s, " % (self._days, plural) + text
        if self._microseconds:
            text = text + ".%06d" % self._microseconds
        return text

    def __repr__(self):
        parts = []
        if self._days:
            parts.append("days=%d" % self._days)
        if self._seconds:
            parts.append("seconds=%d" % self._seconds)
        if self._microseconds:
            parts.append("microseconds=%d" % self._microseconds)
        return "datetime.timedelta(%s)" % (", ".join(parts) if parts else "0")

    def __add__(self, other):
        if isinstance(other, timedelta):
            return timedelta(microseconds=self._total_microseconds() + other._total_microseconds())
        return NotImplemented

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return timedelta(microseconds=self._total_microseconds() - other._total_microseconds())
        return NotImplemented

    def __neg__(self):
        return timedelta(microseconds=-self._total_microseconds())

    def __mul__(self, other):
        if isinstance(other, (int, float)):
            return timedelta(microseconds=self._total_microseconds() * other)
        return NotImplemented

    __rmul__ = __mul__

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            return self._total_microseconds() / other._total_microseconds()
        if isinstance(other, (int, float)):
            return timedelta(microseconds=self._total_microseconds() / other)
        return NotImplemented

    def __eq__(self, other):
        return isinstance(other, timedelta) and self._total_microseconds() == other._total_microseconds()

    def __lt__(self, other):
        return self._total_microseconds() < other._total_microseconds()

    def __le__(self, other):
        return self._total_microseconds() <= other._total_microseconds()

    def __gt__(self, other):
        return self._total_microseconds() > other._total_microseconds()

    def __ge__(self, other):
        return self._total_microseconds() >= other._total_microseconds()

    def __hash__(self):
        return hash(self._total_microseconds())

    def __bool__(self):
        return self._total_microseconds() != 0
"""#
