"""Screenshots of the editor's guide (docs/huong-dan-bien-tap.md), from the running demo.

`make guide-screenshots` runs this: the demo site is served as the browser tests serve it
(livesite.py: its own var/, gunicorn, DEBUG off), a writer, an editor and a leader (with an
authenticator key the script knows) are created, the writer submits a draft, and Debian's
Chromium, driven by Playwright, signs in as the editor (the leader for the publishing screen,
where "Xuất bản" is the main button) and photographs the admin screens the guide describes.
The PNGs go to docs/img/guide/, reduced to 256 colours (small files; the admin's flat colours
lose nothing), so the guide always shows the admin as it is.

    .venv/bin/python tests_browser/guide_screenshots.py [--var DIR] [--only NAME ...]
"""

import argparse
import io
import json
import secrets
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from django_otp.oath import totp  # noqa: E402
from livesite import ADMIN_PATH, CHROMIUM, CHROMIUM_ARGS, ROOT, manage, start  # noqa: E402
from PIL import Image  # noqa: E402
from playwright.sync_api import Page, sync_playwright  # noqa: E402

OUT = ROOT / "docs" / "img" / "guide"
WIDTH, HEIGHT = 1280, 800

SET_UP = """
import json, os
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page
from cong.news.models import ArticlePage, CategoryPage

def user(name, first, last, group):
    account, _ = get_user_model().objects.get_or_create(
        username=name, defaults={"first_name": first, "last_name": last,
                                 "email": name + "@example.gov.vn"})
    account.set_password(os.environ["CONG_GUIDE_PASSWORD"])
    account.save()
    account.groups.add(Group.objects.get(name=group))
    return account

writer = user("phongvien", "Lê Thu", "Trang", "Phóng viên")
user("bientap", "Nguyễn", "Hiền", "Biên tập viên")
leader = user("lanhdao", "Đỗ Hữu", "Quyết", "Lãnh đạo duyệt")
# Two-factor sign-in is mandatory for leaders: a confirmed device with a key the script knows.
from django_otp.plugins.otp_totp.models import TOTPDevice
from cong.accounts.twofactor import DEVICE_NAME
TOTPDevice.objects.filter(user=leader).delete()
TOTPDevice.objects.create(user=leader, name=DEVICE_NAME, key=os.environ["CONG_GUIDE_TOTP_KEY"],
                          confirmed=True)
section = CategoryPage.objects.get(slug="tin-tuc-su-kien")
title = "Thanh Hóa đẩy mạnh ứng dụng chữ ký số trong cơ quan nhà nước"
draft = ArticlePage.objects.filter(title=title).first()
if draft is None:
    draft = ArticlePage(title=title, lead="Các sở, ngành dùng chữ ký số cho văn bản điện tử.",
                        live=False, owner=writer)
    section.add_child(instance=draft)
    revision = draft.save_revision(user=writer)
    draft.get_workflow().start(draft, writer)
seed = ArticlePage.objects.get(slug="hoi-nghi-tap-huan-thong-tin-doi-ngoai-ve-quyen-con-nguoi-nam-2023")
schedule = Page.objects.filter(content_type__model="scheduleindexpage").first()
print(json.dumps({"section": section.pk, "seed": seed.pk, "draft": draft.pk,
                  "schedule": schedule.pk if schedule else None}))
"""


@dataclass
class Shot:
    """One screenshot: an admin address, what to do there first, and what to capture."""

    name: str
    path: str
    prepare: Callable[[Page], None] | None = None
    element: str | None = None  # capture this element only (else the screen)
    signed_in: bool = True
    leader: bool = False  # taken as the leader (who may publish), not the editor


def scroll_to(selector: str) -> Callable[[Page], None]:
    def prepare(page: Page) -> None:
        # Centred: the editor scrolls a panel of its own, under a sticky header.
        page.locator(selector).first.evaluate("el => el.scrollIntoView({block: 'center'})")
        page.wait_for_timeout(300)

    return prepare


def open_actions(page: Page) -> None:
    """Open the menu beside the main button of the page editor's footer."""
    toggle = page.locator("footer .w-dropdown__toggle, footer [aria-label='Thao tác khác']")
    if toggle.count():
        toggle.first.click()
        page.wait_for_timeout(300)


def shots(ids: dict) -> list[Shot]:
    admin = ADMIN_PATH
    found = [
        Shot("dang-nhap", f"{admin}login/", signed_in=False),
        Shot("bang-dieu-khien", admin),
        Shot("danh-sach-trang", f"{admin}pages/{ids['section']}/"),
        Shot("viet-bai", f"{admin}pages/add/news/articlepage/{ids['section']}/"),
        Shot(
            "anh-chu-thich",
            f"{admin}pages/{ids['seed']}/edit/",
            scroll_to("[data-contentpath='body'] [data-contentpath='image']"),
        ),
        Shot("xuat-ban", f"{admin}pages/{ids['seed']}/edit/", open_actions, leader=True),
        Shot("cho-duyet", f"{admin}pages/{ids['draft']}/edit/", open_actions),
        Shot("van-ban", f"{admin}snippets/documents/legaldocument/"),
        Shot("hoi-dap", f"{admin}hoi-dap/"),
        Shot("gop-y", f"{admin}gop-y/"),
        Shot("xac-thuc-hai-buoc", f"{admin}2fa/setup/"),
        Shot("thong-ke", f"{admin}thong-ke-truy-cap/"),
        Shot("huong-dan", f"{admin}huong-dan/"),
    ]
    if ids.get("schedule"):
        found.append(Shot("lich-cong-tac", f"{admin}pages/{ids['schedule']}/"))
    return found


def save_small(png: bytes, path: Path) -> int:
    """The screenshot in 256 colours, optimised; returns its size in bytes."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    image.save(path, optimize=True)
    return path.stat().st_size


def current_code(hex_key: str) -> str:
    """The six digits an authenticator app with this key shows now (30 s steps, t0 = 0)."""
    return f"{totp(bytes.fromhex(hex_key)):06d}"


def sign_in(page: Page, username: str, password: str, totp_key: str | None = None) -> None:
    page.goto(ADMIN_PATH + "login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form.login-form button[type=submit]").click()
    if totp_key:  # the second step: the code of the authenticator app
        page.wait_for_url("**" + ADMIN_PATH + "2fa/**")
        page.locator("input[autocomplete=one-time-code]").fill(current_code(totp_key))
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**" + ADMIN_PATH)


def take(site_url: str, ids: dict, password: str, totp_key: str, only: set[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        anonymous = browser.new_context(
            base_url=site_url, viewport={"width": WIDTH, "height": HEIGHT}, locale="vi-VN"
        )
        editor = browser.new_context(
            base_url=site_url, viewport={"width": WIDTH, "height": HEIGHT}, locale="vi-VN"
        )
        sign_in(editor.new_page(), "bientap", password)
        leader = browser.new_context(
            base_url=site_url, viewport={"width": WIDTH, "height": HEIGHT}, locale="vi-VN"
        )
        sign_in(leader.new_page(), "lanhdao", password, totp_key)
        total = 0
        for shot in shots(ids):
            if only and shot.name not in only:
                continue
            context = (leader if shot.leader else editor) if shot.signed_in else anonymous
            page = context.new_page()
            page.goto(shot.path)
            page.wait_for_load_state("networkidle")
            if shot.prepare:
                shot.prepare(page)
            png = page.locator(shot.element).screenshot() if shot.element else page.screenshot()
            size = save_small(png, OUT / f"{shot.name}.png")
            total += size
            print(f"{shot.name}.png  {size // 1024} KB")
            page.close()
        browser.close()
    print(f"total {total // 1024} KB in {OUT.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--var", type=Path, help="the demo install's folder (default: a new one)")
    parser.add_argument("--only", nargs="*", default=[], help="only these screenshots")
    args = parser.parse_args()
    var_dir = args.var or Path(tempfile.mkdtemp(prefix="cong-guide-"))
    server, env = start(var_dir)
    try:
        password, totp_key = secrets.token_urlsafe(16), secrets.token_hex(20)
        secrets_env = {"CONG_GUIDE_PASSWORD": password, "CONG_GUIDE_TOTP_KEY": totp_key}
        out = manage({**env, **secrets_env}, "shell", "-c", SET_UP)
        ids = json.loads(out.strip().splitlines()[-1])
        take(server.url, ids, password, totp_key, set(args.only))
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
