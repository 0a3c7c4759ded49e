"""Data of 0005: the sites of existing topics, units, questions and comments.

Existing topics and units go to the default site; a question asked on another site gets a copy
of its topic (and unit) on its own site. Questions with no site go to the default site.
Comments take the site whose tree holds their draft.
"""

from django.db import migrations, models


def _default_site(Site):
    return Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()


def _site_of_pages(Site, Page):
    """{page pk: site pk} for the pages under each site's root (the deepest root wins)."""
    roots = []
    for site in Site.objects.all():
        root = Page.objects.filter(pk=site.root_page_id).first()
        if root is not None:
            roots.append((root.path, site.pk))
    roots.sort(key=lambda item: len(item[0]))
    found = {}
    for path, site_pk in roots:
        for pk in Page.objects.filter(path__startswith=path).values_list("pk", flat=True):
            found[pk] = site_pk
    return found


def assign_sites(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    Page = apps.get_model("wagtailcore", "Page")
    Topic = apps.get_model("participation", "Topic")
    Unit = apps.get_model("participation", "Unit")
    Question = apps.get_model("participation", "Question")
    Comment = apps.get_model("participation", "Comment")
    default = _default_site(Site)
    if default is None:  # no site at all: nothing can be asked, the lists are unusable
        Topic.objects.filter(questions__isnull=True).delete()
        Unit.objects.filter(questions__isnull=True).delete()
        return
    Question.objects.filter(site__isnull=True).update(site=default)
    Topic.objects.filter(site__isnull=True).update(site=default)
    Unit.objects.filter(site__isnull=True).update(site=default)
    # Questions of other sites: their topic and unit copied onto their own site.
    for model, field in ((Topic, "topic"), (Unit, "unit")):
        pairs = (
            Question.objects.exclude(**{f"{field}__isnull": True})
            .exclude(**{f"{field}__site": models.F("site")})
            .values_list("site_id", f"{field}_id")
            .distinct()
        )
        for site_id, item_id in list(pairs):
            item = model.objects.get(pk=item_id)
            copy, _ = model.objects.get_or_create(
                site_id=site_id, name=item.name, defaults={"sort_order": item.sort_order}
            )
            Question.objects.filter(site_id=site_id, **{f"{field}_id": item_id}).update(
                **{field: copy}
            )
    # The question form needs at least one field to choose on every site.
    for site in Site.objects.exclude(pk__in=Topic.objects.values("site_id")):
        Topic.objects.create(site=site, name="Lĩnh vực khác", sort_order=1000)
    pages = _site_of_pages(Site, Page)
    for comment in Comment.objects.filter(site__isnull=True).only("pk", "consultation_id"):
        Comment.objects.filter(pk=comment.pk).update(
            site_id=pages.get(comment.consultation_id, default.pk)
        )




class Migration(migrations.Migration):
    dependencies = [("participation", "0005_sites_of_lists_and_comments")]

    operations = [migrations.RunPython(assign_sites, migrations.RunPython.noop)]
