"""The fallback main-content extractor, for article pages no preset selector matches.

Both candidates were run on the test fixtures (a Liferay-like portal page, a NukeViet-like
page, a page of unknown markup; see docs/siteimport.md): readability-lxml kept the photos and
their caption lines in place and the body's paragraphs whole, where trafilatura (in HTML
output) dropped the `<img>` elements and the italic caption lines with them and merged the
byline into the last paragraph. readability is used; trafilatura stays selectable
(`ENGINE`) for comparison.
"""

import logging

ENGINE = "readability"


def main_content(page: str, url: str, engine: str | None = None) -> str:
    """The main content of a page as an HTML fragment ("" when none is found)."""
    if (engine or ENGINE) == "trafilatura":
        return _trafilatura(page, url)
    return _readability(page)


def _readability(page: str) -> str:
    from readability import Document

    logging.getLogger("readability.readability").setLevel(logging.ERROR)
    try:
        return Document(page).summary(html_partial=True)
    except Exception:  # readability raises its own Unparseable and lxml's errors
        return ""


def _trafilatura(page: str, url: str) -> str:
    import trafilatura

    return (
        trafilatura.extract(
            page,
            url=url,
            output_format="html",
            include_images=True,
            include_tables=True,
            include_links=True,
            favor_recall=True,
        )
        or ""
    )
