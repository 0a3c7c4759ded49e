"""Spreadsheet exports (CSV, XLSX) that never hand a formula to Excel or LibreOffice.

Exports carry text typed by anonymous visitors (user names at the login form, search terms,
comments on drafts). A cell that starts with "=", "+", "-" or "@" (or a tab or carriage
return before one) is run as a formula when an official opens the file: `=HYPERLINK(...)`
sends data away, `=cmd|...` starts a program. `safe_cell` makes such text inert with a
leading apostrophe, which spreadsheets read as "this is text".
"""

from typing import Any

# What a spreadsheet reads as the start of a formula (OWASP "CSV injection"), including
# the full-width forms some East Asian input methods type.
FORMULA_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
# Control characters that make a spreadsheet look again for a formula after them (OWASP).
CONTROL_STARTS = ("\t", "\r", "\n")


def safe_cell(value: Any) -> Any:
    """`value`, with an apostrophe in front if a spreadsheet would run it as a formula.

    Only text changes: numbers, dates and None are left for the spreadsheet to format.

    >>> safe_cell('=HYPERLINK("http://x")'), safe_cell("@SUM(1)"), safe_cell("Điều 5")
    ('\\'=HYPERLINK("http://x")', "'@SUM(1)", 'Điều 5')
    >>> safe_cell("\\t=1+1"), safe_cell(" -2"), safe_cell(-2), safe_cell(""), safe_cell(" Hà")
    ("'\\t=1+1", "' -2", -2, '', ' Hà')
    """
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(CONTROL_STARTS) or value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeSpreadsheetExportMixin:
    """For Wagtail views with CSV/XLSX export (`SpreadsheetExportMixin`: reports, listings):
    every value goes through `safe_cell` after Wagtail's own formatting.

    Put it before the Wagtail view in the bases. Wagtail already stores XLSX cells that
    look like formulas as text, but Excel runs such a cell as soon as someone edits it, and
    CSV has no types at all."""

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        return safe_cell(super().preprocess_field_value(field, value, export_format))
