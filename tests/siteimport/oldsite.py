"""A fixture "old site", generated here and served on loopback in a thread.

Three shapes of a Vietnamese department portal (a Liferay-like one with the seed portal's
structure, a NukeViet-like one, a DotNetNuke one) and a WordPress export; with broken HTML,
a TCVN3-encoded page (with a capitals-only .VnTimeH line), a missing photo (404), the same
photo under two addresses and a page that answers too slowly. All text is written for these
tests.
"""

import io
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image as PILImage

from cong.siteimport.encodings import TCVN3


def photo(colour: tuple[int, int, int], size: tuple[int, int] = (64, 48)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def to_tcvn3(text: str) -> bytes:
    """Unicode text as TCVN3 bytes (the test's inverse of the importer's table)."""
    inverse = {letter: code for code, letter in TCVN3.items()}
    return bytes(inverse.get(ch, ord(ch)) if ord(ch) > 127 else ord(ch) for ch in text)


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class OldSite:
    routes: dict[str, Route] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)
    base: str = ""

    def add(self, path: str, body: bytes | str, **kwargs) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = Route(data, **kwargs)


def _handler(site: OldSite):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.hits[self.path] = site.hits.get(self.path, 0) + 1
            route = site.routes.get(self.path)
            if route is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if route.delay:
                time.sleep(route.delay)
            try:
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(route.body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args) -> None:
            pass

    return Handler


@contextmanager
def serve(site: OldSite) -> Iterator[OldSite]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


# --- The Liferay-like portal -----------------------------------------------------------------

LIFERAY_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title} - Sở Thông tin và Truyền thông</title>
<link rel="stylesheet" href="/o/classic-theme/css/main.css"><script>var Liferay = {{}};</script>
</head><body class="portal">
<header id="banner"><div class="logo">SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH MẪU</div>
<nav id="navigation"><ul><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc">Tin tức</a></li>
<li><a href="/gioi-thieu">Giới thiệu</a></li><li><a href="/van-ban">Văn bản</a></li></ul></nav></header>
<div id="content"><ul class="breadcrumb"><li><a href="/">Trang chủ</a></li>
<li><a href="/tin-tuc">{section}</a></li></ul>
<div class="portlet-boundary portlet-journal-content">
<div class="journal-content-article">
<h1 class="title">{title}</h1>
<div class="journal-article-date">{date}</div>
<div class="sapo">{lead}</div>
<div class="content">{body}</div>
<div class="view-count">Lượt xem: {views}</div>
</div></div>
<div class="related-news"><h3>Tin liên quan</h3><ul><li><a href="/tin-tuc/khac">Tin khác</a></li></ul></div>
</div>
<footer id="footer"><p>Cơ quan chủ quản: Sở Thông tin và Truyền thông tỉnh Mẫu.</p>
<p>Chịu trách nhiệm chính: Giám đốc Sở.</p></footer></body></html>"""

ARTICLE_BODY = """
<p>Chiều ngày 24/8, Sở Thông tin và Truyền thông tổ chức hội nghị sơ kết công tác sáu tháng
đầu năm và triển khai nhiệm vụ những tháng cuối năm.</p>
<p style="text-align:center"><img src="/images/hoi-nghi.jpg" alt="anh1" /></p>
<p style="text-align:center"><em>Quang cảnh hội nghị sơ kết. Ảnh: Nguyễn Hiền</em></p>
<p>Tại hội nghị, các phòng chuyên môn báo cáo kết quả thực hiện nhiệm vụ; nhiều chỉ tiêu
đạt và vượt kế hoạch đề ra.</p>
<h3>Nhiệm vụ thời gian tới</h3>
<ul><li>Hoàn thành chuyển đổi số các thủ tục hành chính.</li>
<li>Tăng cường thông tin tuyên truyền.</li></ul>
<figure><img src="/images/phat-bieu.jpg"><figcaption>Giám đốc Sở phát biểu chỉ đạo (Ảnh: Lê Hà)</figcaption></figure>
<table><tr><th>Chỉ tiêu</th><th>Kết quả</th></tr><tr><td>Hồ sơ trực tuyến</td><td>85%</td></tr></table>
<p>Xem <a href="/documents/ke-hoach.pdf">kế hoạch chi tiết</a> và
<a href="/chi-tiet-tin?ItemID=102&amp;p_l_id=5">bài trước</a>.</p>
<p style="text-align:right"><strong>Nguyễn Hiền - Phòng QLTTBCXB</strong></p>
"""

SECOND_BODY = """
<p><strong>Sở tổ chức tập huấn kỹ năng số cho cán bộ cấp xã.</strong></p>
<p>Lớp tập huấn diễn ra trong hai ngày với hơn 100 học viên.</p>
<p><img src="/images/hoi-nghi-ban-sao.jpg"><br><i>Học viên thực hành trên máy tính. Ảnh: Trần Minh</i></p>
<p><img src="/images/mat-anh.jpg"></p>
<p><em>Ảnh: Phòng Bưu chính</em></p>
<p>Nguồn: Báo Tỉnh Mẫu</p>
"""

BROKEN_BODY = """<p>Bài có HTML hỏng: thẻ không đóng <b>chữ đậm <i>nghiêng
<p>đoạn thứ hai <div>khối lạ</span>
<script>alert("x")</script><p onclick="x()">Đoạn cuối cùng vẫn còn.</p>"""

TCVN3_PAGE = """<html><head><title>Bai cu</title>
<style>body {{ font-family: .VnTime; }}</style></head><body>
<div class="journal-content-article"><h1 class="title">{title}</h1>
<div class="journal-article-date">Thứ Hai, 05/03/2007 08:00</div>
<div class="content"><p>{text}</p>
<p align="center"><font face=".VnTimeH">{capitals}</font></p></div></div></body></html>"""


def liferay_site() -> OldSite:
    site = OldSite()
    listing = """<html><head><title>Tin tức</title><script>Liferay</script></head><body>
    <div class="asset-abstract"><h3 class="asset-title"><a href="{a}">Bài</a></h3></div>
    <div class="asset-abstract"><h3 class="asset-title"><a href="{b}">Bài</a></h3></div>
    <div class="pagination"><span class="next"><a href="/tin-tuc?trang=2">Sau</a></span></div>
    </body></html>"""
    listing2 = """<html><head><title>Tin tức</title><script>Liferay</script></head><body>
    <div class="asset-abstract"><h3 class="asset-title"><a href="{c}">Bài</a></h3></div>
    <div class="asset-abstract"><h3 class="asset-title"><a href="{d}">Bài</a></h3></div>
    <div class="asset-abstract"><h3 class="asset-title"><a href="/cham">Bài</a></h3></div>
    <div class="asset-abstract"><h3 class="asset-title"><a href="/private/noi-bo">Bài</a></h3></div>
    </body></html>"""
    first = "/chi-tiet-tin?ItemID=101&p_l_id=5"
    second = "/chi-tiet-tin?ItemID=102&p_l_id=5"
    broken = "/tin-tuc/-/asset_publisher/abc/content/bai-html-hong"
    old = "/tin-tuc/-/asset_publisher/abc/content/bai-cu-tcvn3"
    site.add("/tin-tuc", listing.format(a=first, b=second))
    site.add("/tin-tuc?trang=2", listing2.format(c=broken, d=old))
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.add(
        first,
        LIFERAY_PAGE.format(
            title="Sở Thông tin và Truyền thông sơ kết công tác sáu tháng đầu năm",
            section="Tin tức - Sự kiện",
            date="Thứ Năm, 24/08/2023 15:30",
            lead="Sở sơ kết sáu tháng, đề ra nhiệm vụ trọng tâm cuối năm.",
            body=ARTICLE_BODY,
            views="1.234",
        ),
    )
    site.add(
        second,
        LIFERAY_PAGE.format(
            title="Tập huấn kỹ năng số cho cán bộ cấp xã",
            section="Chuyển đổi số",
            date="25-8-2023",
            lead="",
            body=SECOND_BODY,
            views="56",
        ).replace('<div class="sapo"></div>', ""),
    )
    site.add(
        broken,
        LIFERAY_PAGE.format(
            title="Bài có mã HTML hỏng",
            section="Tin tức - Sự kiện",
            date="26/08/2023",
            lead="Bài thử HTML hỏng.",
            body=BROKEN_BODY,
            views="1",
        ).replace("</body></html>", "<div><p>chưa đóng"),
    )
    tcvn3 = TCVN3_PAGE.format(
        title="Thông báo lịch tiếp công dân",
        text="Lãnh đạo Sở tiếp công dân vào sáng thứ Năm hằng tuần tại trụ sở.",
        capitals="sở thông tin và truyền thông tỉnh mẫu",  # drawn in capitals by .VnTimeH
    )
    site.add(old, to_tcvn3(tcvn3), content_type="text/html")
    site.add("/cham", "<html><body>chậm</body></html>", delay=3.0)
    site.add("/private/noi-bo", "<html><body>nội bộ</body></html>")
    site.add("/images/hoi-nghi.jpg", photo((200, 30, 30)), content_type="image/jpeg")
    site.add("/images/hoi-nghi-ban-sao.jpg", photo((200, 30, 30)), content_type="image/jpeg")
    site.add("/images/phat-bieu.jpg", photo((30, 30, 200)), content_type="image/jpeg")
    site.add("/documents/ke-hoach.pdf", PDF, content_type="application/pdf")
    return site


# --- The NukeViet-like site --------------------------------------------------------------------

NUKEVIET_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="generator" content="NukeViet v4.5"><title>{title}</title></head><body>
<div id="header"><a href="/">UBND xã Mẫu Sơn</a></div>
<div class="breadcrumbs"><a href="/">Trang chủ</a> <a href="/news/thoi-su/">Thời sự</a></div>
<div class="news_column panel"><div class="panel-body">
<h1 class="title">{title}</h1><span class="h-date">{date}</span>
<div class="hometext">{lead}</div>
<div id="news-bodyhtml" class="bodytext">{body}</div>
<p class="author text-right"><strong>{author}</strong></p>
</div></div><div id="footer">UBND xã Mẫu Sơn</div></body></html>"""


def nukeviet_site() -> OldSite:
    site = OldSite()
    links = "".join(
        f'<div class="news_column"><h3><a href="/news/thoi-su/bai-{n}-{n}.html">Bài {n}</a></h3></div>'
        for n in (1, 2)
    )
    site.add(
        "/news/thoi-su/",
        f"<html><head><meta name='generator' content='NukeViet'></head><body>{links}</body></html>",
    )
    for n in (1, 2):
        site.add(
            f"/news/thoi-su/bai-{n}-{n}.html",
            NUKEVIET_PAGE.format(
                title=f"Xã Mẫu Sơn ra quân làm đường giao thông nông thôn đợt {n}",
                date=f"0{n}/09/2023 07:4{n}",
                lead="Hưởng ứng phong trào xây dựng nông thôn mới, nhân dân góp công làm đường.",
                body=f"<p>Đợt {n} có hơn 200 người tham gia.</p>"
                '<p align="center"><img src="/uploads/news/lam-duong.jpg"></p>'
                '<p align="center"><em>Nhân dân ra quân làm đường</em></p>',
                author="Hoàng Lan (Văn phòng UBND xã)",
            ),
        )
    site.add("/uploads/news/lam-duong.jpg", photo((30, 160, 30)), content_type="image/jpeg")
    return site


# --- The WordPress export -----------------------------------------------------------------------


def wxr(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Xã Mẫu Lâm</title><link>{base}</link><wp:base_site_url>{base}</wp:base_site_url>
<item><title>Ảnh hội nghị</title><wp:post_id>7</wp:post_id><wp:post_type>attachment</wp:post_type>
<wp:status>inherit</wp:status><wp:attachment_url>{base}/images/phat-bieu.jpg</wp:attachment_url></item>
<item><title>Hội nghị tổng kết công tác dân số năm 2023</title>
<link>{base}/2023/12/hoi-nghi-tong-ket-dan-so/</link>
<guid isPermaLink="false">{base}/?p=12</guid><dc:creator>admin</dc:creator>
<content:encoded><![CDATA[Sáng 20/12, UBND xã tổ chức hội nghị tổng kết công tác dân số.
Dự có đại diện các thôn.

[caption id="attachment_7" align="aligncenter" width="640"]<img src="{base}/images/phat-bieu.jpg" alt="" width="640" /> Chủ tịch UBND xã phát biểu. Ảnh: Văn Nam[/caption]

<h2>Kết quả nổi bật</h2>

Tỷ lệ sinh con thứ ba giảm so với năm trước.]]></content:encoded>
<excerpt:encoded><![CDATA[Xã tổng kết công tác dân số năm 2023.]]></excerpt:encoded>
<wp:post_id>12</wp:post_id><wp:post_date>2023-12-20 09:15:00</wp:post_date>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="tin-xa"><![CDATA[Tin xã]]></category>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>7</wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key>views</wp:meta_key><wp:meta_value>4321</wp:meta_value></wp:postmeta>
</item>
<item><title>Giới thiệu xã Mẫu Lâm</title><link>{base}/gioi-thieu/</link>
<guid isPermaLink="false">{base}/?page_id=2</guid>
<content:encoded><![CDATA[Xã Mẫu Lâm nằm ở phía tây huyện.]]></content:encoded>
<wp:post_id>2</wp:post_id><wp:post_date>2020-01-01 08:00:00</wp:post_date>
<wp:status>publish</wp:status><wp:post_type>page</wp:post_type></item>
<item><title>Bản nháp chưa đăng</title><link>{base}/?p=99</link>
<content:encoded><![CDATA[Nháp]]></content:encoded><wp:post_id>99</wp:post_id>
<wp:status>draft</wp:status><wp:post_type>post</wp:post_type></item>
</channel></rss>""".encode()


# --- The DotNetNuke portal ------------------------------------------------------------------------
# A department portal on DotNetNuke with a home-made news module, as many provinces' were:
# the skin's panes (`dnn_ContentPane`), the module's container (`dnn_ctr512_ContentPane`) with
# its own title ("Tin tức", not the article's), ASP.NET labels (`…_lblTitle`), addresses
# `/tabid/94/ArticleId/1001/….aspx` and the `ctl/ArticleView/mid/512/…` form, a numbered pager
# (`/pageindex/2/`, then `?page=3`), files behind `LinkClick.aspx?fileticket=…`, and a
# sidebar's "most read" with its own view counts.

DNN_PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
 "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="vi-VN"><head id="Head">
<meta content="text/html; charset=UTF-8" http-equiv="Content-Type" />
<title>{title} &gt; Tin tức - Sự kiện</title>
<meta id="MetaGenerator" name="GENERATOR" content="DotNetNuke " />
<link href="/Portals/_default/Skins/SoTuPhap/skin.css" type="text/css" rel="stylesheet" />
<link rel="canonical" href="{canonical}" />
</head><body id="Body">
<form method="post" action="{path}" id="Form" enctype="multipart/form-data">
<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE"
 value="/wEPDwUKMTY1NDU2MTA1Mg9kFgJmD2QWAgIDD2QWAgIBD2QWBmYPZBYCZg8WAh4EVGV4dAUQ" /></div>
<script src="/js/dnncore.js" type="text/javascript"></script>
<div id="dnn_HeaderPane"><img src="/Portals/0/logo.png" alt="Sở Tư pháp tỉnh Mẫu" /></div>
<div id="dnn_MenuPane"><ul><li><a href="/Trang-chu/tabid/36/Default.aspx">Trang chủ</a></li>
<li><a href="/tin-tuc/tabid/94/Default.aspx">Tin tức - Sự kiện</a></li></ul></div>
<div class="breadcrumb"><span id="dnn_dnnBREADCRUMB_lblBreadCrumb">
<a href="/Trang-chu/tabid/36/Default.aspx" class="Breadcrumb">Trang chủ</a> ›
<a href="/tin-tuc/tabid/94/Default.aspx" class="Breadcrumb">Hoạt động của Sở</a></span></div>
<div id="dnn_LeftPane" class="LeftPane"><div class="DnnModule DnnModule-600">
<span id="dnn_ctr600_dnnTITLE_titleLabel" class="Head">Tin đọc nhiều</span>
<div id="dnn_ctr600_ContentPane"><ul><li><a href="/tin-tuc/tabid/94/ArticleId/900/Bai-cu.aspx">Bài
 cũ</a> <span class="luot">Lượt xem: 99.999</span></li></ul></div></div></div>
<div id="dnn_ContentPane" class="ContentPane">
<div class="DnnModule DnnModule-TinTuc DnnModule-512"><a name="512"></a>
<div class="c_container"><div class="c_head">
<span id="dnn_ctr512_dnnTITLE_titleLabel" class="Head">Tin tức</span></div>
<div id="dnn_ctr512_ContentPane" class="c_content">
<div id="dnn_ctr512_ModuleContent" class="DNNModuleContent ModTinTucC">
<div class="news-detail">
<span id="dnn_ctr512_ArticleDetail_lblTitle" class="NewsTitleDetail">{title}</span>
<div class="news-info"><span id="dnn_ctr512_ArticleDetail_lblDate">Ngày {date}</span> |
 <span class="luot">Số lượt xem: {views}</span></div>
<span id="dnn_ctr512_ArticleDetail_lblSummary"><b>{lead}</b></span>
<div id="dnn_ctr512_ArticleDetail_divContent" class="Normal">{body}</div>
<div class="tool"><a href="javascript:window.print()">In bài</a></div>
</div></div></div></div></div></div>
<div id="dnn_FooterPane"><p>Sở Tư pháp tỉnh Mẫu. Giấy phép số 12/GP-TTĐT.</p></div>
<input type="hidden" name="ScrollTop" id="ScrollTop" />
</form></body></html>"""

DNN_LISTING = """<!DOCTYPE html><html><head><title>Tin tức - Sự kiện</title>
<meta id="MetaGenerator" name="GENERATOR" content="DotNetNuke " /></head><body id="Body">
<form method="post" action="{path}" id="Form">
<div id="dnn_ContentPane"><div class="DnnModule DnnModule-512">
<span id="dnn_ctr512_dnnTITLE_titleLabel" class="Head">Tin tức</span>
<div id="dnn_ctr512_ContentPane"><div id="dnn_ctr512_ModuleContent">
{items}
<div id="dnn_ctr512_ListNews_pnlPaging" class="pager">{pager}</div>
</div></div></div></div></form></body></html>"""

DNN_ITEM = """<div class="news-item"><img src="/Portals/0/Images/thumb.jpg" />
<a id="dnn_ctr512_ListNews_rptNews_ctl0{n}_hlTitle" href="{href}">{title}</a></div>"""

DNN_ARTICLES = {
    1001: dict(
        slug="Hoi-nghi-trien-khai-cong-tac-tu-phap-nam-2024",
        title="Hội nghị triển khai công tác tư pháp năm 2024",
        date="15/01/2024 09:30",
        lead="Sở Tư pháp triển khai nhiệm vụ trọng tâm năm 2024.",
        views="2.345",
        body="""
<p>Sáng ngày 15/01, Sở Tư pháp tổ chức hội nghị triển khai công tác tư pháp năm 2024.</p>
<table border="0" cellpadding="0" cellspacing="0" align="center" width="500"><tbody>
<tr><td><img src="/Portals/0/Images/2024/Thang1/hoi-nghi-tu-phap.jpg" width="500" /></td></tr>
<tr><td style="text-align: center;"><em>Quang cảnh hội nghị. Ảnh: Minh Châu</em></td></tr>
</tbody></table>
<p>Năm 2024, ngành tư pháp tập trung nâng cao chất lượng xây dựng văn bản.</p>
<p style="text-align: center;"><img src="/Portals/0/Images/2024/Thang1/giam-doc.jpg" /></p>
<p style="text-align: center;"><em>Giám đốc Sở phát biểu (Ảnh: Thu Hà)</em></p>
<p>Chi tiết xem <a href="/Portals/0/Files/2024/ke-hoach-cong-tac-2024.pdf">kế hoạch</a>.</p>
<p style="text-align: right;"><strong>Minh Châu - Văn phòng Sở</strong></p>""",
    ),
    1002: dict(
        slug="Tap-huan-nghiep-vu-ho-tich",
        title="Tập huấn nghiệp vụ hộ tịch cho công chức cấp xã",
        date="22/01/2024 14:00",
        lead="Hơn 150 công chức tư pháp - hộ tịch dự lớp tập huấn.",
        views="87",
        ctl=True,
        body="""
<p>Lớp tập huấn diễn ra trong hai ngày tại hội trường Sở.</p>
<p style="text-align: center;"><img src="/Portals/0/Images/2024/Thang1/tap-huan.jpg" /><br />
<em>Học viên trao đổi nghiệp vụ. Ảnh: Văn Long</em></p>
<p>Tài liệu: <a href="/LinkClick.aspx?fileticket=Xy7k2PqLm0A%3d&amp;tabid=94&amp;mid=512">Quyết
 định số 12/QĐ-STP</a>.</p>""",
    ),
    1003: dict(
        slug="Pho-bien-giao-duc-phap-luat",
        title="Phổ biến, giáo dục pháp luật cho đồng bào dân tộc thiểu số",
        date="05/02/2024",
        lead="Tuyên truyền pháp luật tại các xã vùng cao.",
        views="1.002",
        body="<p>Đoàn công tác đã tổ chức 12 buổi tuyên truyền tại các thôn, bản.</p>",
    ),
    1004: dict(
        slug="Tong-ket-cong-tac-thi-hanh-an",
        title="Tổng kết công tác phối hợp thi hành án dân sự",
        date="20/02/2024 08:00",
        lead="Các cơ quan phối hợp chặt chẽ trong thi hành án.",
        views="",  # the module shows no count for it: none taken (not the sidebar's)
        body="<p>Tỷ lệ việc thi hành xong đạt 85% trên số việc có điều kiện thi hành.</p>",
    ),
}
DNN_LISTING_PATH = "/tin-tuc/tabid/94/Default.aspx"
DNN_PAGES = {
    DNN_LISTING_PATH: (1001, 1002),
    "/tin-tuc/tabid/94/pageindex/2/Default.aspx": (1003,),
    "/tin-tuc/tabid/94/Default.aspx?page=3": (1004,),
}


def dnn_canonical(number: int) -> str:
    return f"/tin-tuc/tabid/94/ArticleId/{number}/{DNN_ARTICLES[number]['slug']}.aspx"


def dnn_address(number: int) -> str:
    """Where the listing links an article: the canonical form, or the `ctl/` form."""
    if DNN_ARTICLES[number].get("ctl"):
        return f"/tin-tuc/tabid/94/ctl/ArticleView/mid/512/ArticleId/{number}/Default.aspx"
    return dnn_canonical(number)


def dnn_site() -> OldSite:
    site = OldSite()
    pager_links = [
        DNN_LISTING_PATH,
        "/tin-tuc/tabid/94/pageindex/2/Default.aspx",
        "/tin-tuc/tabid/94/Default.aspx?page=3",
    ]
    for index, (path, numbers) in enumerate(DNN_PAGES.items()):
        items = "".join(
            DNN_ITEM.format(n=i, href=dnn_address(n), title=DNN_ARTICLES[n]["title"])
            for i, n in enumerate(numbers)
        )
        pager = " ".join(
            f'<span class="current">{i + 1}</span>'
            if i == index
            else f'<a href="{link}" class="CommandButton">{i + 1}</a>'
            for i, link in enumerate(pager_links)
        )
        pager += " <a href=\"javascript:__doPostBack('dnn$ctr512$ListNews$lnkLast','')\">Cuối</a>"
        site.add(path, DNN_LISTING.format(path=path, items=items, pager=pager))
    for number, article in DNN_ARTICLES.items():
        path = dnn_address(number)
        site.add(
            path,
            DNN_PAGE.format(
                path=path,
                canonical=dnn_canonical(number),
                title=article["title"],
                date=article["date"],
                lead=article["lead"],
                views=article["views"],
                body=article["body"],
            ),
        )
    site.add(
        "/Portals/0/Images/2024/Thang1/hoi-nghi-tu-phap.jpg",
        photo((120, 40, 160)),
        content_type="image/jpeg",
    )
    site.add(
        "/Portals/0/Images/2024/Thang1/giam-doc.jpg",
        photo((40, 120, 160)),
        content_type="image/jpeg",
    )
    site.add(
        "/Portals/0/Images/2024/Thang1/tap-huan.jpg",
        photo((160, 120, 40)),
        content_type="image/jpeg",
    )
    site.add(
        "/Portals/0/Files/2024/ke-hoach-cong-tac-2024.pdf", PDF, content_type="application/pdf"
    )
    site.add(
        "/LinkClick.aspx?fileticket=Xy7k2PqLm0A%3D&tabid=94&mid=512",  # as requests asks it
        PDF.replace(b"trailer", b"%QD12\ntrailer"),
        content_type="application/octet-stream",
        headers={"Content-Disposition": 'attachment; filename="Quyet-dinh-12-QD-STP.pdf"'},
    )
    return site
