"""`make bench-import`: time `manage.py import_documents` on 5,000 rows (goal: under a minute).

A fresh database (SQLite by default, or BENCH_DATABASE_URL) is migrated first; the timed part
is the command alone: reading, validating every row, and importing with 1,000 attachments.
"""

import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.liveserver import environment, manage  # noqa: E402

ROWS = int(os.environ.get("BENCH_ROWS", "5000"))
FILES = int(os.environ.get("BENCH_FILES", "1000"))
TYPES = [
    ("Quyết định", "QĐ"),
    ("Kế hoạch", "KH"),
    ("Công văn", "CV"),
    ("Thông báo", "TB"),
    ("Chỉ thị", "CT"),
    ("Hướng dẫn", "HD"),
]
BODIES = [
    ("UBND tỉnh Thanh Hóa", "UBND"),
    ("Sở Thông tin và Truyền thông", "STTTT"),
    ("UBND huyện Thọ Xuân", "UBND"),
    ("UBND thành phố Thanh Hóa", "UBND"),
    ("Sở Nội vụ", "SNV"),
    ("Sở Tài chính", "STC"),
]
WORDS = (
    "triển khai thực hiện kế hoạch chuyển đổi số quyền con người dịch vụ công trực tuyến "
    "an toàn thông tin mạng báo chí xuất bản thông tin cơ sở tổ công nghệ số cộng đồng "
    "đề án giai đoạn tỉnh Thanh Hóa năm về việc tăng cường công tác"
).split()


def write_sheet(folder: Path) -> Path:
    rng = random.Random(5000)  # noqa: S311 (demo data)
    files = folder / "tep"
    files.mkdir()
    pdf = b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(20_000))
    path = folder / "van-ban.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(
            [
                "Số/Ký hiệu",
                "Loại văn bản",
                "Cơ quan ban hành",
                "Lĩnh vực",
                "Người ký",
                "Ngày ban hành",
                "Ngày có hiệu lực",
                "Trích yếu",
                "Tệp",
            ]
        )
        for n in range(ROWS):
            kind, code = TYPES[n % len(TYPES)]
            body, short = BODIES[n % len(BODIES)]
            name = ""
            if n < FILES:
                name = f"vb-{n}.pdf"
                (files / name).write_bytes(pdf)
            out.writerow(
                [
                    f"{n + 1}/{code}-{short}",
                    kind,
                    body,
                    "Chuyển đổi số",
                    "Đỗ Hữu Quyết",
                    f"{1 + n % 28:02d}/{1 + n % 12:02d}/{2015 + n % 10}",
                    "",
                    " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 40))).capitalize(),
                    name,
                ]
            )
    return path


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = environment(folder / "var", database_url=os.environ.get("BENCH_DATABASE_URL", ""))
        manage(env, "migrate", "--noinput", "-v0")
        sheet = write_sheet(folder)
        start = time.perf_counter()
        output = manage(env, "import_documents", str(sheet), "--files", str(folder / "tep"), "-v0")
        seconds = time.perf_counter() - start
    print(output.strip())
    print(
        f"{ROWS} rows, {FILES} attachments: {seconds:.1f} s "
        f"({ROWS / seconds:.0f} rows/s); goal under 60 s: {'met' if seconds < 60 else 'NOT met'}"
    )
    return 0 if seconds < 60 else 1


if __name__ == "__main__":
    sys.exit(main())
