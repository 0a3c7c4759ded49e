"""Demo PDF files of legal documents, written locally with fpdf2."""

from pathlib import Path

from fpdf import FPDF

from cong.core.text import fold
from cong.demo.kept import kept

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def document_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page A4 PDF: a heading and a few lines, in Vietnamese where a font allows it
    (rendered once per machine: cong.demo.kept)."""
    key = "\n".join(["pdf", str(FONT.exists()), title, *lines])
    return kept(".pdf", key, lambda: _render(title, lines))


def _render(title: str, lines: list[str]) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.add_page()
    if FONT.exists():
        pdf.add_font("DejaVu", fname=str(FONT))
        pdf.set_font("DejaVu", size=14)
        text = lambda s: s  # noqa: E731
    else:  # the core fonts have no Vietnamese letters: fall back to folded text
        pdf.set_font("Helvetica", size=14)
        text = fold
    pdf.multi_cell(0, 8, text(title), align="C")
    pdf.ln(6)
    pdf.set_font_size(11)
    for line in lines:
        pdf.multi_cell(0, 6, text(line))
        pdf.ln(2)
    pdf.ln(4)
    pdf.set_font_size(9)
    pdf.multi_cell(0, 5, text("Tài liệu mẫu của Cổng, không có giá trị pháp lý."))
    return bytes(pdf.output())
