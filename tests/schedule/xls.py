"""A minimal Excel 97-2003 (.xls, BIFF8 in an OLE2 compound file) writer for test fixtures.

`xlwt` is not installed, and office systems still export .xls: this writes the few records
such an export uses (text, numbers, dates, merged cells) so the fixtures are built in code
like the .xlsx ones. Enough for xlrd; not a general-purpose writer.
"""

import datetime
import struct

FREE, END, FAT_SECTOR = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
SECTOR = 512
MIN_STREAM = 4096  # smaller streams would go to the mini stream, which this writer omits
XF_TEXT, XF_DATE, XF_TIME = 1, 2, 3


def _record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x06))


def _xf(number_format: int, style: bool = False) -> bytes:
    kind = 0xFFF5 if style else 0x0000
    return _record(
        0x00E0, struct.pack("<HHHBBBBIIH", 0, number_format, kind, 0x20, 0, 0, 0, 0, 0, 0x20C0)
    )


def _font() -> bytes:
    name = "Arial".encode("utf-16-le")
    return _record(
        0x0031, struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0) + bytes([5, 1]) + name
    )


def _cell(row: int, col: int, value: object) -> bytes:
    if value is None:
        return b""
    if isinstance(value, datetime.datetime | datetime.date):
        day = value if isinstance(value, datetime.date) else value.date()
        serial = (day - datetime.date(1899, 12, 30)).days
        return _record(0x0203, struct.pack("<HHHd", row, col, XF_DATE, float(serial)))
    if isinstance(value, datetime.time):
        fraction = (value.hour * 60 + value.minute) / (24 * 60)
        return _record(0x0203, struct.pack("<HHHd", row, col, XF_TIME, fraction))
    if isinstance(value, int | float):
        return _record(0x0203, struct.pack("<HHHd", row, col, 0, float(value)))
    text = str(value).encode("utf-16-le")
    return _record(0x0204, struct.pack("<HHHHB", row, col, XF_TEXT, len(text) // 2, 1) + text)


def workbook_stream(rows: list[list], merged: list[tuple[int, int, int, int]]) -> bytes:
    """The BIFF8 "Workbook" stream of one sheet; `merged`: (first row, last row, first col,
    last col), 0-based and inclusive."""
    fonts = b"".join(_font() for _ in range(4))
    xfs = _xf(0, style=True) + _xf(0) + _xf(14) + _xf(20)
    name = "Lich".encode("utf-16-le")
    globals_head = (
        _bof(0x0005)
        + _record(0x0042, struct.pack("<H", 1200))
        + _record(0x0022, struct.pack("<H", 0))
        + fonts
        + xfs
    )
    boundsheet_len = 4 + 8 + len(name)
    sheet_offset = len(globals_head) + boundsheet_len + 4  # + EOF record
    globals_part = (
        globals_head
        + _record(0x0085, struct.pack("<IBBBB", sheet_offset, 0, 0, len(name) // 2, 1) + name)
        + _record(0x000A, b"")
    )
    ncols = max((len(r) for r in rows), default=0)
    cells = b"".join(_cell(r, c, v) for r, row in enumerate(rows) for c, v in enumerate(row))
    merges = b""
    if merged:
        merges = _record(
            0x00E5,
            struct.pack("<H", len(merged)) + b"".join(struct.pack("<HHHH", *m) for m in merged),
        )
    sheet = (
        _bof(0x0010)
        + _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, ncols, 0))
        + cells
        + merges
        + _record(0x000A, b"")
    )
    stream = globals_part + sheet
    return stream + b"\x00" * max(0, MIN_STREAM - len(stream))


def xls_bytes(rows: list[list], merged: list[tuple[int, int, int, int]] = ()) -> bytes:
    """A .xls file holding `rows` (text, numbers, dates, times) with `merged` ranges."""
    stream = workbook_stream(rows, list(merged))
    stream += b"\x00" * (-len(stream) % SECTOR)
    sectors = len(stream) // SECTOR
    if sectors + 2 > SECTOR // 4:
        raise ValueError("too big for this writer")
    fat = [FAT_SECTOR, END] + [3 + n for n in range(sectors - 1)] + [END]
    fat += [FREE] * (SECTOR // 4 - len(fat))
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, MIN_STREAM, END, 0, END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", FREE) * 108
    )
    directory = (
        _entry("Root Entry", 5, child=1, start=END, size=0)
        + _entry("Workbook", 2, child=FREE, start=2, size=len(stream))
        + _entry("", 0, child=FREE, start=0, size=0) * 2
    )
    return header + struct.pack(f"<{SECTOR // 4}I", *fat) + directory + stream


def _entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\x00").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\x00")
        + struct.pack("<HBB", len(encoded), kind, 1 if kind else 0)
        + struct.pack("<III", FREE, FREE, child)
        + b"\x00" * 16
        + struct.pack("<I", 0)
        + b"\x00" * 16
        + struct.pack("<III", start, size, 0)
    )
