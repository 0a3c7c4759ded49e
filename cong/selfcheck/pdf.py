"""The self-check report as an A4 PDF for the agency's annual report (fpdf2).

Vietnamese needs a Unicode font: DejaVu Sans, as cong/demo/pdfs.py uses (Debian's
fonts-dejavu-core); without it the text is written without accents rather than not at all.
"""

import datetime
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from cong.core.duties import FAIL, PASS, WARN, Evaluation
from cong.core.text import fold

FONTS = Path("/usr/share/fonts/truetype/dejavu")
REGULAR = FONTS / "DejaVuSans.ttf"
BOLD = FONTS / "DejaVuSans-Bold.ttf"
# Row shades by status: a printed report in grey still reads by its words.
FILLS = {PASS: (226, 242, 230), WARN: (255, 243, 205), FAIL: (248, 215, 218)}


def _setup_fonts(pdf: FPDF) -> Callable[[str], str]:
    """Use DejaVu Sans when installed; return how text must be written in the chosen font."""
    if REGULAR.exists():
        pdf.add_font("DejaVu", fname=str(REGULAR))
        pdf.add_font("DejaVu", style="B", fname=str(BOLD if BOLD.exists() else REGULAR))
        pdf.set_font("DejaVu", size=10)
        return lambda text: text
    pdf.set_font("Helvetica", size=10)  # the core fonts have no Vietnamese letters
    return fold


def report_pdf(evaluation: Evaluation, rows: Sequence[Any], moment: datetime.datetime) -> bytes:
    """The report: title, site, date, score and counts, then one table row per duty."""
    title = _("Mức độ đáp ứng quy định")
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(title)
    pdf.set_creator(_("Cổng"))
    pdf.set_auto_page_break(auto=True, margin=12)
    text = _setup_fonts(pdf)
    family = pdf.font_family
    pdf.add_page()
    pdf.set_font(family, "B", 16)
    pdf.multi_cell(0, 9, text(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 10)
    summary = _(
        "Website: %(site)s. Kiểm tra lúc %(when)s. Điểm: %(score)s/100 — đạt %(passed)s, "
        "cảnh báo %(warned)s, chưa đạt %(failed)s."
    ) % {
        "site": evaluation.site.hostname,
        "when": moment.strftime("%H:%M %d/%m/%Y"),
        "score": evaluation.score,
        "passed": evaluation.count(PASS),
        "warned": evaluation.count(WARN),
        "failed": evaluation.count(FAIL),
    }
    pdf.multi_cell(0, 6, text(summary), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    headings = [_("Yêu cầu"), _("Căn cứ"), _("Kết quả"), _("Chi tiết")]
    with pdf.table(
        col_widths=(70, 55, 22, 120),
        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
        line_height=5,
        text_align="LEFT",
    ) as table:
        table.row([text(heading) for heading in headings])
        for row in rows:
            style = FontFace(fill_color=FILLS[row.status])
            detail = row.detail
            if row.status != PASS and row.fix_hint:
                detail += "\n" + _("Khắc phục: %(hint)s") % {"hint": row.fix_hint}
            table.row(
                [text(row.title), text(row.law_ref), text(row.status_label), text(detail)],
                style=style,
            )
    return bytes(pdf.output())
