"""CSS selectors for the platforms Vietnamese agencies' old sites run on.

Each selector is a comma-separated list tried as one CSS group; the first element found
wins. `listing` finds article links on a section page, `next` its next page (or, with no
"next" link, `pager`'s link numbered one more than the page's own number); `article`
tells an article address from the rest (menus, footers) when crawling a sitemap.
When `body` matches nothing, the fallback extractor (`extract.main_content`) is used.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    body: str
    date: str = ""
    lead: str = ""
    byline: str = ""
    source: str = ""
    categories: str = ""
    views: str = ""
    listing: str = ""
    next: str = ""
    pager: str = ""  # a numbered pager's links: the next page is the one numbered current + 1
    article: str = ""  # a regular expression an article's address matches
    drop: str = ""  # removed from the body before conversion (share bars, related links)


PRESETS = {
    # Liferay portals (VNPT's and Viettel's provincial portals): the "journal article" portlet.
    "liferay": Preset(
        name="liferay",
        title=".journal-content-article h1, .asset-full-content h1, h1.title, .header-title",
        date=".journal-article-date, .publish-date, .date-display, .ngay-dang",
        lead=".journal-content-article .sapo, .sapo, .summary, .abstract",
        body=".journal-content-article .content, .journal-content-article .noi-dung, "
        ".asset-full-content .content, .journal-content-article",
        byline=".author, .tac-gia",
        source=".source, .nguon-tin",
        categories=".breadcrumb li a, .breadcrumbs a",
        views=".view-count, .luot-xem",
        listing=".asset-abstract .asset-title a, .news-list .title a, .list-news h3 a",
        next=".pagination .next a, .lfr-pagination-buttons .next a, a[rel=next]",
        article=r"/-/asset_publisher/|/chi-tiet|/content/|/tin-tuc/",
        drop=".related-news, .tin-lien-quan, .share, .print, .taglib-ratings, script",
    ),
    # NukeViet 4 (many districts and communes): the news module.
    "nukeviet": Preset(
        name="nukeviet",
        title=".news_column h1, h1.title, .detail-title",
        date=".h-date, .news_column .time, .detail-time",
        lead=".hometext, .news_column .hometext",
        body="#news-bodyhtml, .bodytext",
        byline=".news_column .author, .author",
        source=".news_column .source, .source",
        categories=".breadcrumbs a, .breadcrumb a",
        views=".news_column .hits, .hits",
        listing=".news_column h3 a, .list-news h3 a, .news-list h3 a",
        next=".pagination li a[rel=next], .pagination .next a",
        pager=".pagination a",
        article=r"/news/[^/]+/[^/]+-\d+\.html|\.html$",
        drop=".news_column .related, .socialicon, .fb-like, script",
    ),
    # DotNetNuke: EasyDNNNews, Ventrian News Articles, and the home-made news modules of
    # Vietnamese DNN portals (ASP.NET labels inside the module's `dnn_ctrNNN_ContentPane`:
    # `dnn_ctr512_ArticleDetail_lblTitle`…). Addresses `/tabid/NN/ArticleId/NNN/….aspx`.
    # The container's own title (`.Head`, "Tin tức") is not the article's.
    "dnn": Preset(
        name="dnn",
        title=".edn_articleTitle, .eds_title, [id^=dnn_ctr][id$=_lblTitle], "
        ".articleHeadline h1, h1.title, .NewsTitle",
        date=".edn_articleDate, .eds_date, [id^=dnn_ctr][id$=_lblDate], .articleDate, .NewsDate",
        lead=".edn_articleSummary, .eds_summary, [id^=dnn_ctr][id$=_lblSummary], .Summary",
        body=".edn_articleContent, .eds_content, [id^=dnn_ctr][id$=_divContent], "
        "[id^=dnn_ctr][id$=_lblContent], .articleEntry, .Normal .content, .Normal",
        byline=".edn_articleAuthor, [id^=dnn_ctr][id$=_lblAuthor], .articleAuthor, .author",
        source="[id^=dnn_ctr][id$=_lblSource], .source",
        categories=".edn_articleCategories a, [id$=_lblBreadCrumb] a, .breadcrumb a",
        views=".edn_articleViews, [id^=dnn_ctr][id$=_lblViews], .articleViews",
        listing=".edn_articleTitle a, .eds_title a, a[id^=dnn_ctr][id$=_hlTitle], "
        ".articleHeadline a, .NewsTitle a",
        next=".edn_pagination .next a, a.next, a[id^=dnn_ctr][id$=_lnkNext]",
        pager=".edn_pagination a, .PagingTable a, .pager a, [id^=dnn_ctr][id$=_pnlPaging] a",
        article=r"ItemID|ArticleID|/tabid/\d+/",
        drop=".edn_articleSocial, .edn_relatedArticles, [id^=dnn_ctr][id$=_pnlRelated], "
        ".tool, script",
    ),
    # Anything else: common article markup, then the fallback extractor.
    "generic": Preset(
        name="generic",
        title="article h1, main h1, h1",
        date="time[datetime], .date, .time, .post-date, .published",
        lead=".sapo, .lead, .summary, .excerpt",
        body="article .content, article .entry-content, .entry-content, .post-content, "
        ".article-content, .noi-dung",
        byline=".author, .byline",
        source=".source",
        categories=".breadcrumb a, .breadcrumbs a",
        listing="article h2 a, article h3 a, .post-title a, .news-title a",
        next="a[rel=next], .pagination .next a, .next-page a",
        pager=".pagination a, .pager a",
        drop=".related, .share, script",
    ),
}
