"""Demo questions and consultations for `manage.py load_demo` (idempotent)."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from cong.core.text import slugify_vi
from cong.participation.models import (
    Comment,
    ConsultationFile,
    ConsultationIndexPage,
    ConsultationPage,
    ContactPage,
    Question,
    QuestionIndexPage,
    Topic,
    Unit,
)


def _aware(text: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(text))


def _index(home, model, title: str, slug: str):
    page = model.objects.child_of(home).first()
    if page is None:
        page = home.add_child(instance=model(title=title, slug=slug, show_in_menus=True))
        page.save_revision().publish()
    return page


def ensure_participation(home, site, data: dict, make_pdf) -> None:
    """The "Hỏi đáp" and "Góp ý dự thảo" pages with their demo content; adds only what is missing.

    `make_pdf(title, lines) -> bytes` writes the drafts' files.
    """
    _index(home, QuestionIndexPage, "Hỏi đáp", "hoi-dap")
    _index(home, ContactPage, "Liên hệ", "lien-he")
    consultations = _index(home, ConsultationIndexPage, "Góp ý dự thảo", "gop-y-du-thao")
    topics = {
        name: Topic.objects.get_or_create(site=site, name=name, defaults={"sort_order": n})[0]
        for n, name in enumerate(data["topics"])
    }
    units = {
        name: Unit.objects.get_or_create(site=site, name=name, defaults={"sort_order": n})[0]
        for n, name in enumerate(data["units"])
    }
    for item in data["questions"]:
        if Question.objects.filter(site=site, title=item["title"]).exists():
            continue
        submitted = _aware(item["submitted"])
        question = Question(
            site=site,
            asker_name=item["name"],
            email=item["email"],
            phone=item.get("phone", ""),
            address=item.get("address", ""),
            topic=topics[item["topic"]],
            title=item["title"],
            body=item["body"],
            status=item["status"],
            unit=units.get(item.get("unit", "")),
            answer=item.get("answer", ""),
            is_public=item.get("public", False),
            submitted_at=submitted,
            confirmed_at=submitted,
        )
        later = submitted + datetime.timedelta(days=1)
        if question.unit:
            question.assigned_at = later
        if question.status == "answered":
            question.answered_at = question.published_at = later + datetime.timedelta(days=4)
        question.save()
    now = timezone.now()
    for item in data["consultations"]:
        slug = slugify_vi(item["title"], max_length=80)
        page = ConsultationPage.objects.child_of(consultations).filter(slug=slug).first()
        if page is None:
            if item["open"]:
                opens, closes = now - datetime.timedelta(days=10), now + datetime.timedelta(days=20)
            else:
                opens, closes = _aware(item["opens"]), _aware(item["closes"])
            page = ConsultationPage(
                title=item["title"],
                slug=slug,
                summary=item["summary"],
                issuing_unit=item["issuing_unit"],
                opens_on=opens,
                closes_on=closes,
            )
            consultations.add_child(instance=page)
            page.draft_files.add(ConsultationFile(document=_draft_pdf(item, make_pdf)))
            page.save()
            page.save_revision().publish()
        for n, comment in enumerate(item["comments"]):
            Comment.objects.get_or_create(
                consultation=page,
                name=comment["name"],
                body=comment["body"],
                defaults={
                    "email": f"gopy{n + 1}@example.vn",
                    "organisation": comment["organisation"],
                    "section": comment["section"],
                    "status": comment["status"],
                    "submitted_at": page.opens_on + datetime.timedelta(days=n + 1),
                },
            )


def _draft_pdf(item: dict, make_pdf):
    Document = get_document_model()
    title = f"Toàn văn {item['title'][0].lower()}{item['title'][1:]}"[:255]
    document = Document.objects.filter(title=title).first()
    if document is None:
        content = make_pdf(item["title"].upper(), [item["summary"], item["issuing_unit"]])
        document = Document(title=title)
        document.file.save(
            f"{slugify_vi(item['title'], max_length=60)}.pdf", ContentFile(content), save=False
        )
        document.file_size = len(content)
        document.save()
    return document
