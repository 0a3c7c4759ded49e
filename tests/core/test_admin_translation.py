"""Editors work in Vietnamese: Wagtail's admin must be (almost) entirely translated."""

import json
from pathlib import Path

import polib
import pytest
import wagtail
from django.conf import settings
from django.utils.translation import override
from django.utils.translation.trans_real import translation

WAGTAIL = Path(wagtail.__file__).parent
CATALOGUE = Path(settings.BASE_DIR) / "locale-wagtail" / "vi" / "LC_MESSAGES"
EDITOR_APPS = ["admin", "images", "documents", "snippets", "contrib/settings", "users", "sites"]


def translated_share(app: str) -> tuple[int, int]:
    source = polib.pofile(str(WAGTAIL / app / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    catalog = translation("vi")._catalog
    done = 0
    for entry in source:
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            done += bool(catalog.get((key, 0)))
        else:
            done += bool(catalog.get(key))
    return done, len(source)


@pytest.mark.parametrize("app", EDITOR_APPS)
def test_at_least_95_percent_of_wagtail_messages_are_vietnamese(app):
    done, total = translated_share(app)
    assert total > 0
    assert done / total >= 0.95, f"wagtail/{app}: {done}/{total} translated"


def test_the_admin_speaks_vietnamese_on_the_pages_an_editor_meets():
    with override("vi"):
        from django.utils.translation import gettext

        assert gettext("Publish") == "Xuất bản"
        assert gettext("Save draft") == "Lưu bản nháp"
        assert gettext("Dashboard") == "Bảng điều khiển"
        assert gettext("Images") == "Hình ảnh"


def test_the_login_page_is_in_vietnamese(client, db):
    html = client.get("/admin/login/").content.decode()
    assert "Đăng nhập" in html


def test_the_admin_scripts_speak_vietnamese_too(client, admin_user):
    client.force_login(admin_user)
    script = client.get("/admin/jsi18n/").content.decode()
    source = polib.pofile(str(WAGTAIL / "admin/locale/en/LC_MESSAGES/djangojs.po"))
    ours = {
        e.msgid: e.msgstr or e.msgstr_plural.get(0)
        for e in polib.pofile(str(CATALOGUE / "djangojs.po"))
    }
    assert sum(bool(ours.get(e.msgid)) for e in source) / len(source) >= 0.95
    assert json.dumps("Thu gọn tất cả") in script  # the catalogue is JSON with \\u escapes


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_compiled_catalogue_matches_its_source(domain):
    po = polib.pofile(str(CATALOGUE / f"{domain}.po"))
    mo = polib.mofile(str(CATALOGUE / f"{domain}.mo"))
    as_dict = lambda cat: {  # noqa: E731
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0, "") for e in cat if e.msgid
    }
    assert as_dict(po) == as_dict(mo), "run `make messages` after editing the .po file"
