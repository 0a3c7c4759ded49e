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
    title = factory.Sequence(lambda n: f"Nhóm {n}")

    class Meta:
        model = LinkGroup


class LinkFactory(factory.django.DjangoModelFactory):
    group = factory.SubFactory(LinkGroupFactory)
    title = factory.Sequence(lambda n: f"Website {n}")
    url = factory.Sequence(lambda n: f"https://site{n}.gov.vn/")

    class Meta:
        model = Link
