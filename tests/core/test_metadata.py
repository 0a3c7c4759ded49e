"""Dublin Core, Open Graph and JSON-LD of every public page type, on the demo site, parsed
with extruct as a harvester would (cong.core.metadata). Loaded once for the module."""

import extruct
import pytest

from cong.core.metadata import iso, metadata_dict
from tests import installs

HOST = "http://localhost"


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    with installs.demo_in_test_database(django_db_blocker, tmp_path_factory) as folder:
        yield folder


@pytest.fixture
def demo(_demo_loaded, db, settings):
    settings.MEDIA_ROOT = _demo_loaded / "media"
    settings.CONG_PARTICIPATION_UPLOAD_ROOT = _demo_loaded / "private"


@pytest.fixture
def agency(demo):
    from wagtail.models import Site

    from cong.core.models import AgencySettings

    return AgencySettings.for_site(Site.objects.get(is_default_site=True))


class Head:
    """What a harvester reads in a page's head."""

    def __init__(self, client, url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        self.url = HOST + url
        data = extruct.extract(
            html, base_url=self.url, syntaxes=["json-ld", "opengraph", "dublincore"]
        )
        (dublin_core,) = data["dublincore"]
        assert dublin_core["namespaces"] == {"DC": "http://purl.org/dc/elements/1.1/"}
        self.dc = {
            e["name"][3:]: e["content"]
            for e in dublin_core["elements"]
            if e["name"].startswith("DC.")
        }
        (opengraph,) = data["opengraph"]
        self.og = dict(opengraph["properties"])
        self.ld = data["json-ld"]
        self.html = html

    def node(self, schema_type: str) -> dict:
        (found,) = [n for n in self.ld if n["@type"] == schema_type]
        assert found["@context"] == "https://schema.org"
        return found


def common(head: Head, agency, title: str, dc_type: str = "Text") -> None:
    """What every page carries: the TT 24/2011 core and Open Graph's required four."""
    assert head.dc["title"] == title == head.og["og:title"]
    assert head.dc["identifier"] == head.url == head.og["og:url"]
    assert head.dc["publisher"] == agency.agency_name
    assert head.dc["language"] == "vi" and head.og["og:locale"] == "vi_VN"
    assert head.dc["type"] == dc_type
    assert head.dc["coverage"] == agency.area == "Tỉnh Thanh Hóa"  # the demo's "địa bàn"
    assert head.og["og:site_name"] == agency.display_title
    assert f'<link rel="canonical" href="{head.url}">' in head.html


def test_the_home_page_describes_the_agency(client, agency):
    from cong.news.models import HomePage

    head = Head(client, HomePage.objects.get(locale__language_code="vi").url)
    common(head, agency, agency.display_title)
    organisation = head.node("GovernmentOrganization")
    assert organisation["name"] == agency.agency_name and organisation["url"] == HOST + "/"
    assert organisation["telephone"] == agency.phone and organisation["email"] == agency.email
    assert organisation["address"]["streetAddress"] == agency.address
    assert organisation["areaServed"] == {"@type": "AdministrativeArea", "name": agency.area}
    assert organisation["logo"]["url"].startswith(HOST + "/static/img/emblem")
    assert head.node("WebSite")["url"] == HOST + "/"


def test_an_article_is_a_news_article_with_byline_section_and_dates(client, agency):
    from cong.news.models import ArticlePage

    article = ArticlePage.objects.live().exclude(author_names="").first()
    section = article.get_parent()
    head = Head(client, article.url)
    common(head, agency, article.title)
    assert head.og["og:type"] == "article"
    published = iso(article.date)
    assert head.og["article:published_time"] == published == head.dc["date"]
    assert head.dc["creator"] == article.byline and head.dc["subject"] == section.title
    news = head.node("NewsArticle")
    assert news["headline"] == article.title and news["datePublished"] == published
    assert news["mainEntityOfPage"]["@id"] == head.url
    assert [a["name"] for a in news["author"]] == [
        n.strip() for n in article.author_names.split(",")
    ]
    assert news["publisher"]["name"] == agency.agency_name
    assert news["publisher"]["logo"]["url"].startswith(HOST + "/")
    assert news["articleSection"] == section.title
    if article.featured_image_id:
        assert news["image"] == [head.og["og:image"]]
        assert head.og["og:image"].startswith(HOST + "/media/images/")


def test_a_section_is_a_collection_with_its_own_feed(client, agency):
    from cong.news.models import CategoryPage

    section = CategoryPage.objects.live().first()
    head = Head(client, section.url)
    common(head, agency, section.title, "Collection")
    assert head.dc["subject"] == section.title
    assert head.node("CollectionPage")["name"] == section.title
    feed = f'<link rel="alternate" type="application/rss+xml" title="RSS: {section.title}"'
    assert f'{feed} href="{head.url}rss/">' in head.html


def test_information_pages_describe_the_agency(client, agency):
    from wagtail.models import Site

    from cong.agency.models import AgencyContacts, InformationPage

    page = InformationPage.objects.get(slug="gioi-thieu")
    head = Head(client, page.url)
    common(head, agency, page.title)
    assert head.node("WebPage")["about"]["name"] == agency.agency_name
    organisation = head.node("GovernmentOrganization")
    assert organisation["telephone"] == agency.phone
    speaker = AgencyContacts.for_site(Site.objects.get(is_default_site=True)).speaker
    assert organisation["contactPoint"]["name"] == speaker["name"]
    assert organisation["contactPoint"]["telephone"] == speaker["phone"]


def test_the_organisation_page_lists_its_units(client, agency):
    from cong.agency.models import OrganisationPage, OrgUnit

    page = OrganisationPage.objects.get(locale__language_code="vi")
    head = Head(client, page.url)
    common(head, agency, page.title)
    organisation = head.node("GovernmentOrganization")
    top = [
        u.name
        for u in OrgUnit.objects.filter(parent=None, locale__language_code="vi").order_by(
            "sort_order", "name"
        )
    ]
    assert [u["name"] for u in organisation["subOrganization"]] == top


def test_the_leaders_page_lists_people_with_their_positions(client, agency):
    from cong.agency.models import Leader, LeadersPage

    page = LeadersPage.objects.get(locale__language_code="vi")
    head = Head(client, page.url)
    common(head, agency, page.title)
    people = head.node("ItemList")["itemListElement"]
    current = Leader.objects.filter(locale__language_code="vi").current()
    assert [(p["name"], p["jobTitle"]) for p in people] == [
        (leader.full_name, leader.position) for leader in current
    ]
    assert all(p["@type"] == "Person" for p in people)
    assert all(p["worksFor"]["name"] == agency.agency_name for p in people)


def test_the_site_map_and_the_disclosure_and_contact_pages(client, agency):
    from cong.agency.models import SitemapPage
    from cong.disclosure.models import DisclosurePage
    from cong.participation.models import ContactPage

    sitemap = SitemapPage.objects.get()
    common(Head(client, sitemap.url), agency, sitemap.title)
    disclosure = DisclosurePage.objects.live().first()
    head = Head(client, disclosure.url)
    common(head, agency, disclosure.title, "Collection")
    assert head.node("CollectionPage")["url"] == head.url
    contact = ContactPage.objects.get(locale__language_code="vi")
    head = Head(client, contact.url)
    common(head, agency, contact.title)
    assert head.node("ContactPage")["about"]["telephone"] == agency.phone


def test_a_legal_document_is_legislation_with_its_number_dates_issuer_and_files(client, agency):
    from cong.documents.models import LegalDocument, LegalDocumentIndexPage

    index = LegalDocumentIndexPage.objects.get()
    common(Head(client, index.url), agency, index.title, "Collection")
    document = LegalDocument.objects.live().filter(files__isnull=False).first()
    document = document or LegalDocument.objects.live().first()
    head = Head(client, index.document_url(document))
    common(head, agency, document.title)
    assert head.dc["creator"] == document.issuing_body.name
    assert head.dc["date"] == document.issued_on.isoformat()
    assert head.dc["description"] == document.summary[:300]
    law = head.node("Legislation")
    assert law["legislationIdentifier"] == document.number
    assert law["legislationDate"] == document.issued_on.isoformat()
    assert law["legislationType"] == document.doc_type.name
    assert law["legislationPassedBy"]["name"] == document.issuing_body.name
    assert law["url"] == head.url and head.node("WebPage")["mainEntity"]["@id"] == law["@id"]
    files = list(document.files.all())
    assert [f["contentUrl"] for f in law.get("encoding", [])] == [
        HOST + item.document.url for item in files
    ]


def test_a_published_answer_is_a_qa_page_without_the_askers_details(client, agency):
    from cong.participation.models import Question, QuestionIndexPage

    index = QuestionIndexPage.objects.get()
    common(Head(client, index.url), agency, index.title, "Collection")
    question = Question.objects.public().select_related("topic", "unit").first()
    head = Head(client, index.answer_url(question))
    common(head, agency, question.title)
    assert head.dc["subject"] == question.topic.name
    assert head.dc["creator"] == question.unit.name
    qa = head.node("QAPage")
    assert qa["mainEntity"]["name"] == question.title
    answer = qa["mainEntity"]["acceptedAnswer"]
    assert answer["text"] == question.answer_text()
    assert answer["author"]["name"] == question.unit.name
    structured = str(head.ld) + str(head.dc) + str(head.og)
    assert question.email not in structured and question.asker_name not in structured


def test_consultations_and_procedures(client, agency):
    from cong.participation.models import ConsultationIndexPage, ConsultationPage
    from cong.procedures.models import Procedure, ProcedureIndexPage

    index = ConsultationIndexPage.objects.get()
    common(Head(client, index.url), agency, index.title, "Collection")
    draft = ConsultationPage.objects.live().first()
    head = Head(client, draft.url)
    common(head, agency, draft.title)
    assert head.dc["creator"] == draft.issuing_unit
    assert head.node("WebPage")["expires"] == iso(draft.closes_on)
    procedures = ProcedureIndexPage.objects.get()
    common(Head(client, procedures.url), agency, procedures.title, "Collection")
    procedure = Procedure.objects.live().select_related("field").first()
    head = Head(client, procedures.procedure_url(procedure))
    common(head, agency, procedure.name)
    service = head.node("WebPage")["mainEntity"]
    assert service["@type"] == "GovernmentService" and service["name"] == procedure.name
    assert service["provider"]["name"] == agency.agency_name
    assert head.dc["subject"] == procedure.field.name


def test_the_metadata_is_available_as_data_for_checks(demo, rf):
    """A compliance check reads a page's tags without parsing HTML."""
    from wagtail.models import Site

    from cong.news.models import ArticlePage

    article = ArticlePage.objects.live().first()
    site = Site.objects.get(is_default_site=True)
    data = metadata_dict(article.metadata(), site)
    names = dict(data["dc"])
    assert {"DC.title", "DC.creator", "DC.date", "DC.publisher", "DC.identifier"} <= set(names)
    assert data["canonical"] == article.full_url == names["DC.identifier"]
    assert data["jsonld"][0]["@type"] == "NewsArticle"
