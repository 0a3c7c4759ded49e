"""Every Vietnamese string a user sees goes through gettext, and the catalogue is up to date.

Two checks that fail `make test`: a scan of the code (Python AST, template tokens) for
Vietnamese text outside gettext / {% translate %}, and `makemessages` run into a temporary
folder whose message ids must equal those of the committed locale/vi/LC_MESSAGES/django.po.
"""

import ast
import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.template.base import Lexer, TokenType
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"

# A letter only Vietnamese (among the project's languages) writes: vowels with tone or
# shape marks, and đ. Not ×, ÷ or other Latin-1 symbols.
VIETNAMESE = re.compile("[àáâãèéêìíòóôõùúýăđĩũơưÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯ\u1ea0-\u1ef9]")

GETTEXT = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
LOGGING = {"debug", "info", "warning", "error", "exception", "critical", "log"}

# Vietnamese text that is data, not a message: translating it would change what is stored,
# matched or published. Path -> the literal strings, each with why.
ALLOWED = {
    "cong/settings.py": {
        "Tiếng Việt": "a language's own name (autonym), shown as is in every language",
        "Cổng": "the product name (OTP issuer, Wagtail site name)",
        "Lãnh đạo duyệt": "group name (CONG_2FA_GROUPS), matched against Group.name",
        "Quản trị": "group name (CONG_2FA_GROUPS), matched against Group.name",
    },
    "cong/news/feeds.py": {"Cổng": "the product name, when no site matches"},
    "cong/accounts/twofactor.py": {"Ứng dụng xác thực": "a device name stored in the database"},
    "cong/editorial/roles.py": {
        "Phóng viên": "group name stored in the database and matched by name",
        "Biên tập viên": "group name stored in the database and matched by name",
        "Lãnh đạo duyệt": "group name stored in the database and matched by name",
        "Quản trị": "group name stored in the database and matched by name",
        "Quản lý văn bản": "group name stored in the database and matched by name",
        "Công khai câu trả lời": "a permission's stored name (like Meta.permissions)",
    },
    "cong/editorial/workflow.py": {
        "Biên tập → Duyệt": "workflow name stored in the database and matched by name",
        "Biên tập": "task name stored in the database and matched by name",
        "Duyệt": "task name stored in the database and matched by name",
        "Văn bản: Biên tập → Duyệt": "workflow name stored in the database and matched by name",
        "Biên tập văn bản": "task name stored in the database and matched by name",
        "Duyệt văn bản": "task name stored in the database and matched by name",
    },
    "cong/province/sites.py": {
        "Giới thiệu": "a new site's default section: page content, in the site's language",
        "Tin tức - Sự kiện": "a new site's default section: page content, in the site's language",
        "Văn bản": "a new site's default section: page content, in the site's language",
        "Thủ tục hành chính": "a new site's default section: page content, in the site's language",
        "Hỏi đáp": "a new site's default section: page content, in the site's language",
        "Góp ý dự thảo": "a new site's default section: page content, in the site's language",
        "Lịch công tác": "a new site's default section: page content, in the site's language",
        "Liên hệ": "a new site's default section: page content, in the site's language",
        "Chức năng, nhiệm vụ, cơ cấu tổ chức và lãnh đạo của cơ quan.": "a new site's default section: page content, in the site's language",
        "Lịch công tác tuần của lãnh đạo cơ quan.": "a new site's default section: page content, in the site's language",
        "Thông báo": "a new site's default section: page content, in the site's language",
    },
    "cong/participation/models/lists.py": {
        "Lĩnh vực khác": "the topic every new site starts with, stored and matched by name",
    },
    "cong/documents/importer.py": {
        "Số/Ký hiệu": "a spreadsheet column header the file must carry",
        "Loại văn bản": "a spreadsheet column header the file must carry",
        "Cơ quan ban hành": "a spreadsheet column header the file must carry",
        "Ngày ban hành": "a spreadsheet column header the file must carry",
        "Trích yếu": "a spreadsheet column header the file must carry",
    },
    "cong/ops/management/commands/restore.py": {
        "đồng ý": "the answer typed at the confirmation prompt",
    },
    "cong/core/text.py": {
        "đ": "text folding table (đ → d)",
        "Đ": "text folding table (Đ → D)",
    },
}
# Whole files of demo content: the sample site's pages, documents and PDFs are content in
# Vietnamese, like an editor's, not interface text.
DATA_FILES = {
    "cong/demo/management/commands/load_demo.py": "demo content (outputs are wrapped)",
    "cong/demo/pdfs.py": "demo PDF content",
    "cong/participation/demo.py": "demo content",
    "cong/schedule/demo.py": "demo content",
    "cong/translations/demo.py": "demo content (the Vietnamese records it translates, by name)",
    "cong/province/demo.py": "demo content (the province's member sites and their news)",
    "cong/siteimport/encodings.py": "the TCVN3 and VNI tables: old bytes → Vietnamese letters",
}


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _is_exempt_call(node: ast.Call) -> bool:
    """Strings that are gettext's argument, a log line's, or a regular expression's."""
    name = _call_name(node)
    if name in GETTEXT:
        return True
    func = node.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        owner = func.value.id
        if owner in ("logger", "log", "logging") and name in LOGGING:
            return True
        if owner == "re":
            return True
    return False


def unwrapped_python_strings(path: Path) -> list[tuple[int, str]]:
    """(line, text) of Vietnamese string literals in a module not passed through gettext."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if not VIETNAMESE.search(node.value) or isinstance(parents.get(node), ast.Expr):
            continue  # no Vietnamese, or a docstring
        ancestor = parents.get(node)
        while ancestor is not None:
            if isinstance(ancestor, ast.Call) and _is_exempt_call(ancestor):
                break
            ancestor = parents.get(ancestor)
        else:
            found.append((node.lineno, node.value))
    return found


def python_modules() -> list[Path]:
    return sorted(
        path
        for path in (ROOT / "cong").rglob("*.py")
        if "migrations" not in path.parts and "tests" not in path.parts
    )


def templates() -> list[Path]:
    folders = [ROOT / "templates", *(ROOT / "cong").glob("*/templates")]
    return sorted(
        path for folder in folders for path in folder.rglob("*") if path.suffix in (".html", ".txt")
    )


def unwrapped_template_text(path: Path) -> list[tuple[int, str]]:
    """Vietnamese text of a template outside {% translate %}, {% blocktranslate %} and _()."""
    found, inside = [], 0
    for token in Lexer(path.read_text(encoding="utf-8")).tokenize():
        words = token.contents.split()
        if token.token_type == TokenType.BLOCK and words:
            if words[0] in ("blocktranslate", "blocktrans"):
                inside += 1
            elif words[0] in ("endblocktranslate", "endblocktrans"):
                inside -= 1
            if words[0] in ("translate", "trans", "blocktranslate", "blocktrans"):
                continue
        if inside or token.token_type == TokenType.COMMENT:
            continue
        text = re.sub(r"""_\((".*?"|'.*?')\)""", "", token.contents)
        if VIETNAMESE.search(text):
            found.append((token.lineno, " ".join(text.split())[:80]))
    return found


def test_the_scan_finds_an_unwrapped_string_and_passes_a_wrapped_one(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        '"""Mô-đun."""\n'
        "import logging\nfrom django.utils.translation import gettext as _\n"
        'logger = logging.getLogger(__name__)\nA = _("Đã lưu")\nB = "Chưa dịch"\n'
        'logger.info("Nhật ký %s", 1)\nC = f"Số {1}"\n'
    )
    template = tmp_path / "t.html"
    template.write_text(
        '{% load i18n %}<p>{% translate "Đã lưu" %}</p>{# Ghi chú #}\n'
        "{% blocktranslate %}Xin chào {{ name }}{% endblocktranslate %}\n<p>Chưa dịch</p>"
    )
    assert unwrapped_python_strings(module) == [(6, "Chưa dịch"), (8, "Số ")]
    assert unwrapped_template_text(template) == [(2, "<p>Chưa dịch</p>")]


def test_every_vietnamese_string_in_the_code_goes_through_gettext():
    problems = []
    for path in python_modules():
        name = path.relative_to(ROOT).as_posix()
        if name in DATA_FILES:
            continue
        allowed = ALLOWED.get(name, {})
        problems += [
            f"{name}:{line}: {text!r}"
            for line, text in unwrapped_python_strings(path)
            if text not in allowed
        ]
    assert not problems, (
        "Vietnamese text not wrapped in gettext (from django.utils.translation import gettext "
        "as _), or add it to ALLOWED with the reason it is data:\n" + "\n".join(problems)
    )


def test_every_vietnamese_text_in_the_templates_is_inside_translate_tags():
    problems = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for path in templates()
        for line, text in unwrapped_template_text(path)
    ]
    assert not problems, (
        "Vietnamese template text outside {% translate %} / {% blocktranslate %}:\n"
        + "\n".join(problems)
    )


def test_the_allow_list_names_only_strings_that_still_exist():
    stale = []
    for name, strings in ALLOWED.items():
        found = {text for _line, text in unwrapped_python_strings(ROOT / name)}
        stale += [f"{name}: {text!r}" for text in strings if text not in found]
    assert not stale, "Remove from ALLOWED:\n" + "\n".join(stale)


def _msgids(path: Path) -> set[tuple[str, str, str]]:
    return {
        (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")
        for entry in polib.pofile(str(path))
        if not entry.obsolete
    }


def test_the_committed_catalogue_has_every_message_of_the_code(tmp_path, monkeypatch):
    """`makemessages --check` in spirit: a fresh catalogue has the same ids as locale/."""
    if shutil.which("xgettext") is None:
        # `make test` installs Debian's gettext; in CI a missing tool must fail, not skip.
        if os.environ.get("CI"):
            pytest.fail("GNU gettext (xgettext) is missing: apt-get install gettext")
        pytest.skip("GNU gettext is not installed (apt-get install gettext)")
    for folder in ("cong", "templates"):
        (tmp_path / folder).symlink_to(ROOT / folder, target_is_directory=True)
    (tmp_path / "locale").mkdir()
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[str(tmp_path / "locale")]):
        call_command(
            "makemessages",
            locale=["vi"],
            symlinks=True,
            ignore_patterns=["tests", "migrations"],
            no_obsolete=True,
            verbosity=0,
        )
    fresh = _msgids(tmp_path / "locale" / "vi" / "LC_MESSAGES" / "django.po")
    committed = _msgids(CATALOGUE)
    missing, extra = sorted(fresh - committed), sorted(committed - fresh)
    assert not missing and not extra, (
        "locale/vi/LC_MESSAGES/django.po is out of date: run `make messages`.\n"
        f"Missing: {missing[:20]}\nNo longer used: {extra[:20]}"
    )
