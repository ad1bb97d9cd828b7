/// Standard-library pieces written in Python because user classes derive from them or
/// because they are plain Python in CPython too: `abc.ABC`/`abstractmethod`,
/// `types.SimpleNamespace`, and `json.dumps`. Run once per session into a library scope.
let stdlibLibrarySource = #"""
def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj


class ABC:
    __tensortutor_abc__ = True


class SimpleNamespace:
    def __init__(self, **kwargs):
        for key, value in kwargs.items():
            setattr(self, key, value)

    def __repr__(self):
        items = [f"{key}={value!r}" for key, value in self.__dict__.items()]
        return "namespace(" + ", ".join(items) + ")"

    def __eq__(self, other):
        return isinstance(other, SimpleNamespace) and self.__dict__ == other.__dict__


_JSON_ESCAPES = {'"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f'}


def _json_string(text):
    out = '"'
    for ch in text:
        code = ord(ch)
        if ch in _JSON_ESCAPES:
            out += _JSON_ESCAPES[ch]
        elif code < 0x20 or code > 0x7e:
            if code > 0xffff:
                code -= 0x10000
                out += '\\u%04x\\u%04x' % (0xd800 | (code >> 10), 0xdc00 | (code & 0x3ff))
            else:
                out += '\\u%04x' % code
        else:
            out += ch
    return out + '"'


def _json_float(number):
    if number != number:
        return "NaN"
    if number == float("inf"):
        return "Infinity"
    if number == -float("inf"):
        return "-Infinity"
    return repr(number)


def _json_key(key):
    if isinstance(key, str):
        return key
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, float):
        return _json_float(key)
    if isinstance(key, int):
        return str(key)
    if key is None:
        return "null"
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _json_encode(value, indent, sort_keys, default, separators, level):
    item_separator, key_separator = separators
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return _json_string(value)
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        return _json_float(float(value))
    if isinstance(value, (list, tuple, dict)):
        if isinstance(value, dict):
            keys = sorted(value.keys()) if sort_keys else list(value.keys())
            if not keys:
                return "{}"
            parts = [_json_string(_json_key(k)) + key_separator
                     + _json_encode(value[k], indent, sort_keys, default, separators, level + 1) for k in keys]
            opening, closing = "{", "}"
        else:
            if not value:
                return "[]"
            parts = [_json_encode(v, indent, sort_keys, default, separators, level + 1) for v in value]
            opening, closing = "[", "]"
        if indent is None:
            return opening + item_separator.join(parts) + closing
        inner = "\n" + indent * (level + 1)
        return opening + inner + (item_separator + inner).join(parts) + "\n" + indent * level + closing
    if default is not None:
        return _json_encode(default(value), indent, sort_keys, default, separators, level)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True, cls=None,
          indent=None, separators=None, default=None, sort_keys=False):
    if isinstance(indent, int):
        indent = " " * indent
    if separators is None:
        separators = (", ", ": ") if indent is None else (",", ": ")
    return _json_encode(obj, indent, sort_keys, default, separators, 0)
"""#
