"""The fallback main-content extractor, for article pages no preset selector matches.

Both candidates were run on the test fixtures (the Liferay-like article pages, with their
preset's classes renamed so no selector matches, and the NukeViet-like page), their output
turned into blocks the same way (docs/siteimport.md has the table). Neither kept the menus
or the footer. readability-lxml kept every photo with its caption and credit and the closing
byline; trafilatura (HTML output, images and tables included) lost the `<figure>` photo's
caption, the byline line and the NukeViet page's only photo. readability is used;
trafilatura stays selectable (`ENGINE`) for comparison.
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
