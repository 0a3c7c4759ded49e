"""The text of a PDF written by fpdf2, for tests (no PDF library is installed here).

fpdf2 writes each TrueType font as a subset whose two-byte codes are mapped back to Unicode by
the font's ToUnicode CMap; the page streams select fonts (`/F1 10 Tf`) and show literal
strings (`(...) Tj`). Enough for fpdf2's own output, not for PDFs in general.
"""

import re
import zlib

OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}
SHOW = re.compile(r"/(\w+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\)\s*Tj", re.S)


def _objects(content: bytes) -> dict[int, tuple[bytes, str]]:
    """Each object's dictionary and its stream's data (inflated), by object number."""
    found = {}
    for number, body in OBJECT.findall(content):
        stream = STREAM.search(body)
        data = b""
        if stream:
            data = stream.group(1)
            if b"/FlateDecode" in body[: stream.start()]:
                data = zlib.decompress(data)
        found[int(number)] = (body[: stream.start()] if stream else body, data.decode("latin-1"))
    return found


def _cmap(text: str) -> dict[int, str]:
    chars = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, char in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            chars[int(code, 16)] = bytes.fromhex(char).decode("utf-16-be")
    return chars


def _unescape(literal: str) -> bytes:
    out, i = [], 0
    while i < len(literal):
        char = literal[i]
        if char == "\\" and i + 1 < len(literal):
            following = literal[i + 1]
            octal = re.match(r"[0-7]{1,3}", literal[i + 1 :])
            if octal:
                out.append(chr(int(octal.group(0), 8)))
                i += 1 + len(octal.group(0))
                continue
            out.append(ESCAPES.get(following, following))
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out).encode("latin-1")


def pdf_text(content: bytes) -> str:
    objects = _objects(content)
    fonts = {}  # resource name (F1) -> code -> character
    for head, _data in objects.values():
        for resources in re.findall(rb"/Font\s*<<(.*?)>>", head, re.S):
            for name, number in re.findall(rb"/(\w+)\s+(\d+) 0 R", resources):
                font_head = objects.get(int(number), (b"", ""))[0]
                to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", font_head)
                if to_unicode:
                    fonts[name.decode()] = _cmap(objects[int(to_unicode.group(1))][1])
    runs = []
    for _head, data in objects.values():
        chars: dict[int, str] = {}
        for font, literal in SHOW.findall(data):
            if font:
                chars = fonts.get(font, {})
                continue
            raw = _unescape(literal)
            codes = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
            runs.append("".join(chars.get(code, "?") for code in codes))
    return " ".join(runs)
