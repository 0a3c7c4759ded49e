"""The province demo (`load_demo --province`): a provincial portal, a second Sở and a commune
beside the demo Sở, each made by `create_site`, with a few articles and one editor each.

Run after the demo Sở is loaded (it becomes a member site too: its own groups, collections
and workflow). Adds only what is missing; passwords are printed once, when an editor is made.
"""

import datetime
import io
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection, Site
from wagtail.rich_text import RichText

from cong.core.text import slugify_vi
from cong.editorial.roles import BIEN_TAP_VIEN
from cong.news.models import ArticlePage, CategoryPage
from cong.province.sites import collection_names, create_site, group_name


@dataclass(frozen=True)
class DemoArticle:
    title: str
    lead: str
    paragraphs: tuple[str, ...]
    date: str
    scene: str


@dataclass(frozen=True)
class DemoSite:
    host: str
    name: str
    kind: str
    editor: str
    articles: tuple[DemoArticle, ...]


SITES = (
    DemoSite(
        "tinh.localhost",
        "Cổng thông tin điện tử tỉnh Thanh Hóa",
        "tinh",
        "bientap.tinh",
        (
            DemoArticle(
                "UBND tỉnh họp phiên thường kỳ tháng 11",
                "UBND tỉnh đã họp phiên thường kỳ tháng 11 để đánh giá tình hình kinh tế - xã "
                "hội và cho ý kiến vào các tờ trình trình Hội đồng nhân dân tỉnh kỳ họp cuối năm.",
                (
                    "Tại phiên họp, các sở, ngành báo cáo kết quả thực hiện các chỉ tiêu phát "
                    "triển kinh tế - xã hội 11 tháng; nhiều chỉ tiêu đạt và vượt kế hoạch năm.",
                    "Chủ tịch UBND tỉnh yêu cầu các đơn vị tập trung giải ngân vốn đầu tư công, "
                    "đẩy nhanh tiến độ các dự án trọng điểm và chuẩn bị tốt các điều kiện phục "
                    "vụ Nhân dân đón Tết.",
                ),
                "2026-11-27T15:30",
                "meeting",
            ),
            DemoArticle(
                "Thanh Hóa đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình",
                "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình trên địa "
                "bàn tỉnh tiếp tục tăng, góp phần giảm thời gian và chi phí cho người dân.",
                (
                    "Các sở, ngành và UBND cấp xã được yêu cầu rà soát, tái cấu trúc quy trình, "
                    "bảo đảm người dân nộp hồ sơ và nhận kết quả hoàn toàn trên môi trường mạng.",
                ),
                "2026-11-24T09:00",
                "computer",
            ),
            DemoArticle(
                "Khai mạc Tuần Văn hóa - Du lịch tỉnh Thanh Hóa",
                "Tuần Văn hóa - Du lịch với nhiều hoạt động đặc sắc giới thiệu di sản, ẩm thực "
                "và sản phẩm du lịch của các địa phương trong tỉnh.",
                (
                    "Chương trình diễn ra trong bảy ngày tại quảng trường trung tâm thành phố, "
                    "với sự tham gia của các huyện, thị xã và doanh nghiệp du lịch.",
                ),
                "2026-11-20T19:30",
                "hall",
            ),
        ),
    ),
    DemoSite(
        "so-tu-phap.localhost",
        "Sở Tư pháp tỉnh Thanh Hóa",
        "so",
        "bientap.sotuphap",
        (
            DemoArticle(
                "Hưởng ứng Ngày Pháp luật Việt Nam năm 2026",
                "Sở Tư pháp phối hợp với các sở, ngành tổ chức chuỗi hoạt động tuyên truyền, "
                "phổ biến pháp luật hưởng ứng Ngày Pháp luật Việt Nam 9/11.",
                (
                    "Các hoạt động gồm tọa đàm, thi tìm hiểu pháp luật trực tuyến và trợ giúp "
                    "pháp lý lưu động tại các xã vùng sâu, vùng xa.",
                ),
                "2026-11-09T08:00",
                "classroom",
            ),
            DemoArticle(
                "Cấp phiếu lý lịch tư pháp qua ứng dụng VNeID",
                "Người dân có thể đề nghị cấp phiếu lý lịch tư pháp trực tuyến qua ứng dụng "
                "VNeID, không phải khai lại thông tin đã có trong Cơ sở dữ liệu quốc gia về "
                "dân cư.",
                (
                    "Phiếu lý lịch tư pháp được trả qua dịch vụ bưu chính hoặc nhận trực tiếp "
                    "tại Trung tâm Phục vụ hành chính công tỉnh.",
                ),
                "2026-11-18T10:15",
                "computer",
            ),
            DemoArticle(
                "Tập huấn nghiệp vụ hộ tịch cho công chức tư pháp cấp xã",
                "Hơn 200 công chức tư pháp - hộ tịch cấp xã được tập huấn về đăng ký, quản lý "
                "hộ tịch điện tử.",
                (
                    "Lớp tập huấn tập trung vào các tình huống thường gặp và việc số hóa sổ hộ "
                    "tịch lưu trữ.",
                ),
                "2026-11-12T14:00",
                "signing",
            ),
        ),
    ),
    DemoSite(
        "xa-dong-son.localhost",
        "UBND xã Đông Sơn",
        "xa",
        "bientap.dongson",
        (
            DemoArticle(
                "Xã Đông Sơn ra quân làm đường giao thông nông thôn",
                "Nhân dân các thôn trong xã góp công, góp đất mở rộng và bê tông hóa các tuyến "
                "đường liên thôn.",
                (
                    "Công trình được thực hiện theo phương châm Nhà nước và Nhân dân cùng làm, "
                    "dự kiến hoàn thành trước Tết Nguyên đán.",
                ),
                "2026-11-22T07:30",
                "outdoor",
            ),
            DemoArticle(
                "Thông báo lịch tiếp công dân tháng 12",
                "Chủ tịch UBND xã tiếp công dân định kỳ vào ngày 10 và ngày 25 hằng tháng tại "
                "trụ sở UBND xã.",
                (
                    "Công dân đến mang theo giấy tờ tùy thân và tài liệu liên quan đến nội dung "
                    "kiến nghị, phản ánh.",
                ),
                "2026-11-28T16:00",
                "hall",
            ),
            DemoArticle(
                "Tổ công nghệ số cộng đồng hướng dẫn người dân thanh toán không dùng tiền mặt",
                "Các thành viên tổ công nghệ số cộng đồng đến từng hộ gia đình hướng dẫn cài "
                "đặt và sử dụng ứng dụng ngân hàng, VNeID.",
                ("Đến nay, hơn 70% hộ gia đình trong xã đã có tài khoản thanh toán điện tử.",),
                "2026-11-15T09:00",
                "landscape",
            ),
        ),
    ),
)


@dataclass
class Login:
    site: Site
    username: str
    password: str | None  # None: the editor existed already


def ensure_province(
    default_site: Site | None, make_photo: Callable[[str, str], bytes]
) -> list[Login]:
    """The demo's member sites, their articles and editors; `make_photo(scene, seed)` draws
    the pictures. The demo Sở (`default_site`) becomes a member site with an editor too."""
    logins = []
    if default_site is not None:
        made = create_site(default_site.hostname, default_site.site_name, "so")
        logins.append(_ensure_editor(made, "bientap.sotttt"))
    for demo in SITES:
        made = create_site(demo.host, demo.name, demo.kind)
        _ensure_articles(made, demo.articles, make_photo)
        logins.append(_ensure_editor(made, demo.editor))
    return logins


def _ensure_articles(site: Site, articles, make_photo) -> None:
    news = CategoryPage.objects.child_of(site.root_page).get(slug="tin-tuc-su-kien")
    images = Collection.objects.get(name=collection_names(site)[0])
    for n, data in enumerate(articles):
        slug = slugify_vi(data.title)
        if ArticlePage.objects.child_of(news).filter(slug=slug).exists():
            continue
        when = timezone.make_aware(datetime.datetime.fromisoformat(data.date))
        article = ArticlePage(
            title=data.title,
            slug=slug,
            lead=data.lead,
            body=[("paragraph", RichText(f"<p>{text}</p>")) for text in data.paragraphs],
            date=when,
            first_published_at=when,
            featured_image=_image(images, data, f"{site.hostname}-{n}", make_photo),
            is_featured=n == 0,
        )
        news.add_child(instance=article)
        article.save_revision().publish()


def _image(collection: Collection, data: DemoArticle, seed: str, make_photo):
    Image = get_image_model()
    title = data.title[:255]
    image = Image.objects.filter(title=title, collection=collection).first()
    if image is None:
        photo = ImageFile(io.BytesIO(make_photo(data.scene, seed)), name=f"demo-{seed}.jpg")
        image = Image(
            title=title,
            description=f"Ảnh minh họa: {data.title}"[:255],
            file=photo,
            collection=collection,
        )
        image.save()
    return image


def _ensure_editor(site: Site, username: str) -> Login:
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    password = None
    if user is None:
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(username, f"{username}@localhost", password)
    user.groups.add(Group.objects.get(name=group_name(BIEN_TAP_VIEN, site)))
    return Login(site, username, password)
