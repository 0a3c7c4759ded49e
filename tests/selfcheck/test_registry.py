"""The kernel's registry of duties: declaring, ordering, running, scoring."""

import pytest
from django.urls import resolve

from cong.core import duties
from cong.core.duties import FAIL, PASS, WARN, Check, Result, evaluate, register_check, score

# What the apps declare from their plugins.py (the report lists every one).
DECLARED = {
    "agency.art9_content",
    "agency.leaders_biographies",
    "agency.spokesperson",
    "procedures.linked",
    "disclosure.budget",
    "participation.ratings",
    "site.metadata",
    "site.sitemap",
    "site.rss",
    "compliance.measurement_tag",
    "compliance.planned_stops",
    "compliance.ipv6",
    "site.https",
    "site.hsts",
    "site.gov_vn",
    "site.accessibility",
    "site.page_speed",
    "site.backup_age",
    "site.approvers_2fa",
}


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test; the apps' declarations come back afterwards."""
    monkeypatch.setattr(duties, "_registry", {})
    return duties._registry


def test_every_app_declared_its_duties():
    codes = {check.code for check in duties.checks()}
    assert codes == DECLARED
    for check in duties.checks():
        assert str(check.title) and str(check.law_ref)


def test_checks_come_in_order_and_a_code_declared_again_replaces_the_first(registry):
    register_check(Check("b", "B", "Điều 2", lambda site: Result(PASS), order=20))
    register_check(Check("a", "A", "Điều 1", lambda site: Result(PASS), order=10))
    register_check(Check("b", "B mới", "Điều 2", lambda site: Result(FAIL), order=5))
    assert [(check.code, check.title) for check in duties.checks()] == [("b", "B mới"), ("a", "A")]


def test_a_result_has_a_known_status():
    with pytest.raises(ValueError):
        Result("ok")


def test_score_counts_a_warning_as_half_and_a_broken_check_as_failed(registry, demo):
    site = demo

    def broken(site):
        raise RuntimeError("hỏng")

    register_check(Check("pass", "Đạt", "Điều 1", lambda site: Result(PASS, "tốt"), order=1))
    register_check(Check("warn", "Cảnh báo", "Điều 2", lambda site: Result(WARN), order=2))
    register_check(Check("broken", "Hỏng", "Điều 3", broken, lambda site: 1 / 0, order=3))
    register_check(Check("fail", "Chưa đạt", "Điều 4", lambda site: Result(FAIL), order=4))
    evaluation = evaluate(site)
    assert [outcome.status for outcome in evaluation.outcomes] == [PASS, WARN, FAIL, FAIL]
    assert "hỏng" in evaluation.outcomes[2].result.detail
    assert evaluation.outcomes[2].fix_url == ""  # a fix address that raises: no link
    assert (evaluation.count(PASS), evaluation.count(WARN), evaluation.count(FAIL)) == (1, 1, 2)
    assert evaluation.score == round(100 * 1.5 / 4) == score(site)


def test_no_checks_score_nothing(registry, demo):
    assert score(demo) == 0


def test_fix_links_are_admin_screens(demo):
    site = demo
    linked = [check for check in duties.checks() if check.fix_url is not None]
    assert len(linked) >= 14
    for check in linked:
        url = check.fix_url(site)
        assert url.startswith("/admin/"), check.code
        resolve(url.split("?")[0])  # raises Resolver404 if the screen does not exist


def test_a_duty_without_an_admin_screen_says_how_the_server_fixes_it():
    unlinked = {check.code: str(check.fix_hint) for check in duties.checks() if not check.fix_url}
    assert set(unlinked) == {
        "compliance.ipv6",
        "site.hsts",
        "site.accessibility",
        "site.page_speed",
        "site.backup_age",
    }
    assert all(hint for hint in unlinked.values()), unlinked
    assert "CONG_HSTS_SECONDS=31536000" in unlinked["site.hsts"]
    assert "render.py" in unlinked["compliance.ipv6"]
