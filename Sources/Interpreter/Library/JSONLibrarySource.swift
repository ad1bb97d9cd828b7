/// `json`: `dumps`/`dump`, and `loads`/`load` with CPython's `JSONDecodeError` (a
/// ValueError) and its messages and positions, those of CPython's C scanner. `load` and
/// `dump` take any object with `read`/`write`. Loaded on first import.
let jsonLibrarySource = #"""
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


def _json_encode(value, indent, sort_keys, default, separators, level, markers):
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
        # The containers being encoded, by id, as json's check_circular keeps them: a
        # container met again inside itself can never finish.
        key = id(value)
        if markers is not None:
            if key in markers:
                raise ValueError("Circular reference detected")
            markers[key] = value
        text = _json_container(value, indent, sort_keys, default, separators, level, markers)
        if markers is not None:
            del markers[key]
        return text
    if default is not None:
        return _json_encode(default(value), indent, sort_keys, default, separators, level, markers)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _json_container(value, indent, sort_keys, default, separators, level, markers):
    item_separator, key_separator = separators
    if isinstance(value, dict):
        keys = sorted(value.keys()) if sort_keys else list(value.keys())
        if not keys:
            return "{}"
        parts = [_json_string(_json_key(k)) + key_separator
                 + _json_encode(value[k], indent, sort_keys, default, separators, level + 1, markers) for k in keys]
        opening, closing = "{", "}"
    else:
        if not value:
            return "[]"
        parts = [_json_encode(v, indent, sort_keys, default, separators, level + 1, markers) for v in value]
        opening, closing = "[", "]"
    if indent is None:
        return opening + item_separator.join(parts) + closing
    inner = "\n" + indent * (level + 1)
    return opening + inner + (item_separator + inner).join(parts) + "\n" + indent * level + closing


def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True, cls=None,
          indent=None, separators=None, default=None, sort_keys=False):
    if isinstance(indent, int):
        indent = " " * indent
    if separators is None:
        separators = (", ", ": ") if indent is None else (",", ": ")
    return _json_encode(obj, indent, sort_keys, default, separators, 0, {} if check_circular else None)


def dump(obj, fp, **kwargs):
    fp.write(dumps(obj, **kwargs))


class JSONDecodeError(ValueError):
    pass


def _error(msg, doc, pos):
    # CPython's message; the error carries only its text (no .msg/.pos attributes).
    lineno = doc.count('\n', 0, pos) + 1
    colno = pos - doc.rfind('\n', 0, pos)
    return JSONDecodeError('%s: line %d column %d (char %d)' % (msg, lineno, colno, pos))


_JSON_WHITESPACE = ' \t\n\r'
_JSON_BACKSLASH = {'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}
_JSON_HEX = '0123456789abcdefABCDEF'
_JSON_DIGITS = '0123456789'


def _skip_whitespace(s, end, n):
    while end < n and s[end] in _JSON_WHITESPACE:
        end += 1
    return end


def _decode_uXXXX(s, pos):
    esc = s[pos + 1:pos + 5]
    if len(esc) == 4 and all(c in _JSON_HEX for c in esc):
        return int(esc, 16)
    raise _error("Invalid \\uXXXX escape", s, pos)


def _scan_string(s, end, strict, n):
    # `end` is just past the opening quote; n is len(s).
    chunks = []
    begin = end - 1
    while True:
        start = end
        while end < n:
            c = s[end]
            if c == '"' or c == '\\' or c < ' ':
                break
            end += 1
        if end >= n:
            raise _error("Unterminated string starting at", s, begin)
        if end > start:
            chunks.append(s[start:end])
        terminator = s[end]
        end += 1
        if terminator == '"':
            break
        if terminator != '\\':
            if strict:
                raise _error("Invalid control character at", s, end - 1)
            chunks.append(terminator)
            continue
        if end >= n:
            raise _error("Unterminated string starting at", s, begin)
        esc = s[end]
        if esc != 'u':
            if esc not in _JSON_BACKSLASH:
                raise _error("Invalid \\escape", s, end - 1)
            chunks.append(_JSON_BACKSLASH[esc])
            end += 1
            continue
        uni = _decode_uXXXX(s, end)
        end += 5
        if 0xd800 <= uni <= 0xdbff and s[end:end + 2] == '\\u':
            uni2 = _decode_uXXXX(s, end + 1)
            if 0xdc00 <= uni2 <= 0xdfff:
                uni = 0x10000 + (((uni - 0xd800) << 10) | (uni2 - 0xdc00))
                end += 6
        chunks.append(chr(uni))
    return ''.join(chunks), end


def _match_number(s, idx, n):
    # The span of JSON's number grammar at idx, split as (integer, fraction, exponent), or None.
    end = idx
    if end < n and s[end] == '-':
        end += 1
    if end < n and s[end] == '0':
        end += 1
    elif end < n and '1' <= s[end] <= '9':
        while end < n and s[end] in _JSON_DIGITS:
            end += 1
    else:
        return None
    integer_end = end
    if end + 1 < n and s[end] == '.' and s[end + 1] in _JSON_DIGITS:
        end += 2
        while end < n and s[end] in _JSON_DIGITS:
            end += 1
    fraction_end = end
    if end < n and s[end] in 'eE':
        probe = end + 1
        if probe < n and s[probe] in '+-':
            probe += 1
        if probe < n and s[probe] in _JSON_DIGITS:
            while probe < n and s[probe] in _JSON_DIGITS:
                probe += 1
            end = probe
    return integer_end, fraction_end, end


class _Decoder:
    def __init__(self, n, strict, object_hook, object_pairs_hook, parse_float, parse_int, parse_constant):
        self.n = n
        self.strict = strict
        self.object_hook = object_hook
        self.object_pairs_hook = object_pairs_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int
        self.parse_constant = parse_constant or float

    def value(self, s, idx):
        # The value at idx and the index after it, or None when none starts there.
        if idx >= self.n:
            return None
        c = s[idx]
        if c == '"':
            return _scan_string(s, idx + 1, self.strict, self.n)
        if c == '{':
            return self.object(s, idx + 1)
        if c == '[':
            return self.array(s, idx + 1)
        if c == 'n' and s[idx:idx + 4] == 'null':
            return None, idx + 4
        if c == 't' and s[idx:idx + 4] == 'true':
            return True, idx + 4
        if c == 'f' and s[idx:idx + 5] == 'false':
            return False, idx + 5
        if c == 'N' and s[idx:idx + 3] == 'NaN':
            return self.parse_constant('NaN'), idx + 3
        if c == 'I' and s[idx:idx + 8] == 'Infinity':
            return self.parse_constant('Infinity'), idx + 8
        if c == '-' and s[idx:idx + 9] == '-Infinity':
            return self.parse_constant('-Infinity'), idx + 9
        spans = _match_number(s, idx, self.n)
        if spans is None:
            return None
        integer_end, fraction_end, end = spans
        if end > integer_end:
            return self.parse_float(s[idx:end]), end
        return self.parse_int(s[idx:end]), end

    def element(self, s, idx):
        found = self.value(s, idx)
        if found is None:
            raise _error("Expecting value", s, idx)
        return found

    def object(self, s, end):
        pairs = []
        end = _skip_whitespace(s, end, self.n)
        nextchar = s[end:end + 1]
        if nextchar == '}':
            return self.finish_object(pairs), end + 1
        if nextchar != '"':
            raise _error("Expecting property name enclosed in double quotes", s, end)
        end += 1
        while True:
            key, end = _scan_string(s, end, self.strict, self.n)
            end = _skip_whitespace(s, end, self.n)
            if s[end:end + 1] != ':':
                raise _error("Expecting ':' delimiter", s, end)
            end = _skip_whitespace(s, end + 1, self.n)
            found = self.value(s, end)
            if found is None:
                raise _error("Expecting value", s, end)
            value, end = found
            pairs.append((key, value))
            end = _skip_whitespace(s, end, self.n)
            nextchar = s[end:end + 1]
            end += 1
            if nextchar == '}':
                break
            if nextchar != ',':
                raise _error("Expecting ',' delimiter", s, end - 1)
            end = _skip_whitespace(s, end, self.n)
            nextchar = s[end:end + 1]
            end += 1
            if nextchar != '"':
                raise _error("Expecting property name enclosed in double quotes", s, end - 1)
        return self.finish_object(pairs), end

    def finish_object(self, pairs):
        if self.object_pairs_hook is not None:
            return self.object_pairs_hook(pairs)
        result = dict(pairs)
        if self.object_hook is not None:
            return self.object_hook(result)
        return result

    def array(self, s, end):
        values = []
        end = _skip_whitespace(s, end, self.n)
        if s[end:end + 1] == ']':
            return values, end + 1
        while True:
            found = self.value(s, end)
            if found is None:
                raise _error("Expecting value", s, end)
            value, end = found
            values.append(value)
            end = _skip_whitespace(s, end, self.n)
            nextchar = s[end:end + 1]
            end += 1
            if nextchar == ']':
                break
            if nextchar != ',':
                raise _error("Expecting ',' delimiter", s, end - 1)
            end = _skip_whitespace(s, end, self.n)
        return values, end


def loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None, parse_constant=None,
          object_pairs_hook=None, strict=True):
    if not isinstance(s, str):
        raise TypeError(f'the JSON object must be str, bytes or bytearray, not {type(s).__name__}')
    if s.startswith('\ufeff'):
        raise _error("Unexpected UTF-8 BOM (decode using utf-8-sig)", s, 0)
    n = len(s)
    decoder = _Decoder(n, strict, object_hook, object_pairs_hook, parse_float, parse_int, parse_constant)
    obj, end = decoder.element(s, _skip_whitespace(s, 0, n))
    end = _skip_whitespace(s, end, n)
    if end != n:
        raise _error("Extra data", s, end)
    return obj


def load(fp, **kwargs):
    return loads(fp.read(), **kwargs)
"""#
