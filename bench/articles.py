"""Live articles inserted as rows, for the benchmarks that need tens of thousands of them
(`make bench-search`, `make bench-province`): Wagtail's `add_child` saves one page at a time.

The page rows go in one bulk insert, with the path, depth and url_path treebeard and Wagtail
would give them; the articles' own rows in another. The caller updates the section's
`numchild` once all are in.
"""

import uuid
from typing import Any

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def path_step(n: int) -> str:
    """The 4-character treebeard path segment of the `n`th child (1-based)."""
    digits = ""
    for _ in range(4):
        n, r = divmod(n, 36)
        digits = ALPHABET[r] + digits
    return digits


def insert_articles(section: Any, specs: list[dict], first: int) -> list:
    """ArticlePages under `section` from `specs` (each: title, slug, date, and any other
    ArticlePage field), as its children number `first`, `first` + 1, …; published at `date`."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from wagtail.models import Locale, Page

    from cong.news.models import ArticlePage

    locale = Locale.get_default()
    content_type = ContentType.objects.get_for_model(ArticlePage)
    fields = list(ArticlePage._meta.local_concrete_fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    insert = (
        f"INSERT INTO {connection.ops.quote_name(ArticlePage._meta.db_table)} ({columns}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    pages, articles = [], []
    for n, spec in enumerate(specs, start=first):
        article = ArticlePage(
            draft_title=spec["title"],
            depth=section.depth + 1,
            path=section.path + path_step(n),
            numchild=0,
            live=True,
            url_path=f"{section.url_path}{spec['slug']}/",
            content_type=content_type,
            locale=locale,
            translation_key=uuid.uuid4(),
            first_published_at=spec["date"],
            last_published_at=spec["date"],
            **spec,
        )
        page_fields = {
            f.attname: getattr(article, f.attname)
            for f in Page._meta.concrete_fields
            if f.attname != "id"
        }
        pages.append(Page(**page_fields))
        articles.append(article)
    with transaction.atomic():
        Page.objects.bulk_create(pages, batch_size=1000)
        for page, article in zip(pages, articles, strict=True):
            article.pk = article.page_ptr_id = article.id = page.pk
        with connection.cursor() as cursor:
            cursor.executemany(
                insert,
                [
                    [f.get_db_prep_save(getattr(a, f.attname), connection) for f in fields]
                    for a in articles
                ],
            )
    return articles
