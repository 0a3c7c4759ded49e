"""What disclosure pages plug into: nothing beyond what every page gets.

The items are part of their page (an inline published with it), so Wagtail indexes them with
the page (`DisclosurePage.items_text`) and a publication purges the cached page and its
ancestors; their files are Wagtail documents, whose changes cong.core already watches. No
search kind, `watch()` or `never_cache()` is needed. It declares one duty of the self-check
report: the current year's budget disclosure (`duties.py`).
"""


def register_all() -> None:
    from cong.disclosure.duties import register_duties

    register_duties()
