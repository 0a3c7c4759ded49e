"""Factories for Cổng's pages and snippets (wagtail-factories / factory_boy)."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from cong.links.models import Link, LinkGroup
from cong.news.models import ArticlePage, CategoryPage, HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Trang chủ"

    class Meta:
        model = HomePage


class CategoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Chuyên mục {n}")
    show_in_menus = True

    class Meta:
        model = CategoryPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Bài viết số {n} về chuyển đổi số")
    lead = "Sở Thông tin và Truyền thông tổ chức hội nghị."
    author_names = "Nguyễn Hiền"
    author_unit = "Phòng QLTTBCXB"
    date = factory.Sequence(
        lambda n: (
            timezone.make_aware(datetime.datetime(2023, 1, 1, 8, 0)) + datetime.timedelta(days=n)
        )
    )

    class Meta:
        model = ArticlePage


class LinkGroupFactory(factory.django.DjangoModelFactory):
    """A group of links of the default site (pass site= for another)."""

    site = factory.LazyFunction(lambda: _default_site())
    title = factory.Sequence(lambda n: f"Nhóm {n}")

    class Meta:
        model = LinkGroup


class LinkFactory(factory.django.DjangoModelFactory):
    group = factory.SubFactory(LinkGroupFactory)
    title = factory.Sequence(lambda n: f"Website {n}")
    url = factory.Sequence(lambda n: f"https://site{n}.gov.vn/")

    class Meta:
        model = Link


# Citizen participation (cong.participation)


class TopicFactory(factory.django.DjangoModelFactory):
    site = factory.LazyFunction(lambda: _default_site())
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")

    class Meta:
        model = "participation.Topic"
        django_get_or_create = ("site", "name")


class UnitFactory(factory.django.DjangoModelFactory):
    site = factory.LazyFunction(lambda: _default_site())
    name = factory.Sequence(lambda n: f"Phòng chuyên môn {n}")

    class Meta:
        model = "participation.Unit"
        django_get_or_create = ("site", "name")


class QuestionFactory(factory.django.DjangoModelFactory):
    site = factory.LazyFunction(lambda: _default_site())  # with a topic of the same site
    asker_name = "Lê Thị Hoa"
    email = factory.Sequence(lambda n: f"nguoihoi{n}@example.vn")
    phone = "0912 345 678"
    address = "Số 12 đường Lê Lợi, phường Điện Biên, TP Thanh Hóa"
    topic = factory.SubFactory(TopicFactory, site=factory.SelfAttribute("..site"))
    title = factory.Sequence(lambda n: f"Hỏi về thủ tục cấp phép số {n}")
    body = "Xin hỏi thủ tục cấp giấy phép thiết lập trang thông tin điện tử tổng hợp gồm những gì?"
    confirmed_at = factory.LazyFunction(timezone.now)  # the asker opened the mailed link

    class Meta:
        model = "participation.Question"


class ConsultationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Dự thảo Quyết định số {n}")
    summary = "Dự thảo quy định về quản lý, vận hành cổng thông tin điện tử của tỉnh."
    issuing_unit = "Sở Thông tin và Truyền thông Thanh Hóa"
    opens_on = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_on = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))

    class Meta:
        model = "participation.ConsultationPage"


class CommentFactory(factory.django.DjangoModelFactory):
    name = "Trần Văn Nam"
    email = factory.Sequence(lambda n: f"gopy{n}@example.vn")
    organisation = "UBND huyện Thọ Xuân"
    section = "Điều 5"
    body = "Đề nghị bổ sung quy định về thời hạn cập nhật thông tin."

    class Meta:
        model = "participation.Comment"


# Agency information (cong.agency)


class InformationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Trang thông tin {n}")
    summary = "Giới thiệu chung về Sở."
    show_in_menus = True

    class Meta:
        model = "agency.InformationPage"


class MenuLinkPageFactory(wagtail_factories.PageFactory):
    title = "Dịch vụ công"
    link_url = "https://dichvucong.gov.vn/"
    show_in_menus = True

    class Meta:
        model = "agency.MenuLinkPage"


class DisclosurePageFactory(wagtail_factories.PageFactory):
    title = "Công khai ngân sách"
    legal_basis = "Điều 51 Nghị định 163/2016/NĐ-CP"
    show_in_menus = True

    class Meta:
        model = "disclosure.DisclosurePage"


class DisclosureItemFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Báo cáo công khai số {n}")
    kind = "bao-cao"
    year = 2024
    published_on = factory.LazyAttribute(lambda item: datetime.date(item.year, 6, 1))

    class Meta:
        model = "disclosure.DisclosureItem"


def _default_site():
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


class ProcedureFieldFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")

    class Meta:
        model = "procedures.ProcedureField"
        django_get_or_create = ("name",)


class ProcedureFactory(factory.django.DjangoModelFactory):
    """A published procedure of the default site (pass site= for another)."""

    site = factory.LazyFunction(_default_site)
    name = factory.Sequence(lambda n: f"Thủ tục số {n}")
    field = factory.SubFactory(ProcedureFieldFactory)
    level = "province"
    live = True
    last_published_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = "procedures.Procedure"
