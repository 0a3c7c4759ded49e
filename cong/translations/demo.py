"""The demo Sở's English version (`load_demo`, docs/english.md): the English home, the
introduction with its functions, the organisation chart, the leaders, the contact page and
three news items, each a translation of the Vietnamese page (as the admin's "Translate"
makes it); the leaders, the units and the link groups translated likewise; and the site's
English setting turned on. Idempotent: a page or record already translated is left as the
editors have it."""

from wagtail.models import Locale, Page

from cong.translations.models import EnglishSettings

AGENCY = {
    "agency_name": "Department of Information and Communications of Thanh Hoa Province",
    "parent_body": "Thanh Hoa Provincial People's Committee",
    "address": (
        "Provincial IT Centre Building, Nam Song Ma Avenue, Ai Son 2 Street, Dong Hai Ward, "
        "Thanh Hoa City, Viet Nam"
    ),
    "licence_issuer": "the Authority of Broadcasting and Electronic Information",
    "responsible_person": "Mr Do Huu Quyet",
    "responsible_title": "Director",
    "designed_by": "the Thanh Hoa Information Technology and Communications Centre",
}


def _p(*paragraphs: str) -> list[tuple[str, str]]:
    return [("paragraph", f"<p>{text}</p>") for text in paragraphs]


# Vietnamese page (by its path of slugs under the home) -> its English version.
PAGES = [
    {
        "path": [],
        "title": "Department of Information and Communications",
        "slug": "home",
        "intro": "Website of the Department of Information and Communications of Thanh Hoa",
    },
    {
        "path": ["gioi-thieu"],
        "title": "Introduction",
        "slug": "introduction",
        "summary": (
            "The Department of Information and Communications is a specialised agency of the "
            "Thanh Hoa Provincial People's Committee (sample content of the demo site)."
        ),
        "body": _p(
            "The Department advises and assists the Provincial People's Committee in the "
            "state management of the press, publishing, postal services, telecommunications, "
            "information technology, digital transformation, external information and "
            "grassroots information in the province.",
            "The Department has legal personality, its own seal and accounts. It is directed "
            "and managed by the Provincial People's Committee as to its organisation, staff "
            "and work, and follows the professional guidance of the Ministry.",
        ),
    },
    {
        "path": ["gioi-thieu", "chuc-nang-nhiem-vu"],
        "title": "Functions and duties",
        "slug": "functions-and-duties",
        "summary": "What the Department is responsible for (sample content).",
        "body": _p(
            "Submits to the Provincial People's Committee draft decisions, plans and "
            "programmes on information and communications, digital transformation and the "
            "digital economy, and carries them out once approved.",
            "Licenses and supervises local press, publishing, printing and postal activities; "
            "manages the provincial data centre, the shared platforms and the information "
            "security of the provincial agencies.",
            "Handles inspections, complaints and denunciations in its fields, and reports "
            "regularly to the Provincial People's Committee and the Ministry.",
        ),
    },
    {
        "path": ["gioi-thieu", "co-cau-to-chuc"],
        "title": "Organisation",
        "slug": "organisation",
        "intro": "The Department's structure (sample data of the demo site).",
    },
    {
        "path": ["gioi-thieu", "lanh-dao-so"],
        "title": "Leadership",
        "slug": "leadership",
        "intro": "The Department's leaders and their assigned duties (sample data).",
    },
    {
        "path": ["lien-he"],
        "title": "Contact us",
        "slug": "contact-us",
        "intro": (
            "<p>Write to the Department with the form below; for questions about "
            "procedures, please use Questions and answers.</p>"
        ),
    },
    {
        "path": ["tin-tuc-su-kien"],
        "title": "News and events",
        "slug": "news",
    },
    {
        "path": [
            "tin-tuc-su-kien",
            "ubnd-tinh-ban-hanh-ke-hoach-chuyen-doi-so-tinh-thanh-hoa-nam-2023",
        ],
        "title": "Province issues its 2023 digital transformation plan",
        "slug": "2023-digital-transformation-plan",
        "lead": (
            "The Provincial People's Committee has issued its digital transformation plan for "
            "2023, aiming at digital government, a digital economy and a digital society, with "
            "shared databases at its centre, in step with the National Digital Data Year."
        ),
        "body": _p(
            "Under the plan, the province aims to exchange all documents between state "
            "agencies (except classified ones) electronically, with digital signatures.",
            "Departments and districts are asked to connect their databases to the provincial "
            "data-sharing platform and to reuse data citizens have already provided.",
        ),
    },
    {
        "path": [
            "tin-tuc-su-kien",
            "tho-xuan-kien-toan-to-cong-nghe-so-cong-dong-den-tung-thon-khu-pho",
        ],
        "title": "Tho Xuan sets up community digital technology teams in every village",
        "slug": "tho-xuan-community-digital-teams",
        "lead": (
            "Every village and quarter of Tho Xuan district now has a community digital "
            "technology team helping residents with online public services, electronic "
            "payments and basic digital skills."
        ),
        "body": _p(
            "The teams bring together village officials, young volunteers, postal staff and "
            "telecom employees, who go from house to house to install and explain the apps.",
        ),
    },
    {
        "path": [
            "tin-tuc-su-kien",
            "dich-vu-buu-chinh-cong-ich-gop-phan-dua-thu-tuc-hanh-chinh-den-gan-nguoi-dan",
        ],
        "title": "Public postal services bring administrative procedures closer to citizens",
        "slug": "postal-services-and-procedures",
        "lead": (
            "With post offices and commune cultural post points across the province, the "
            "provincial post office links state agencies and citizens, receiving applications "
            "and returning results, saving time and travel, above all in mountain districts."
        ),
        "body": _p(
            "Citizens can hand in applications at any post office and have the results "
            "delivered to their homes.",
        ),
    },
]


# Records (snippets) by their Vietnamese name -> the English fields of their translation.
LEADERS = {
    "Đỗ Hữu Quyết": {
        "position": "Director of the Department",
        "duties": (
            "<p>Leads and directs all of the Department's work; directly in charge of "
            "organisation and staff, planning and finance, and inspection.</p>"
        ),
        "biography": "<p>The biography is sample data of the demo site.</p>",
    },
    "Lê Văn Minh (minh họa)": {
        "full_name": "Le Van Minh (sample)",
        "position": "Deputy Director of the Department",
        "duties": (
            "<p>In charge of postal services, telecommunications, digital transformation "
            "and information security.</p>"
        ),
        "biography": "<p>A sample person, not a real one.</p>",
    },
    "Trần Thị Hoa (minh họa)": {
        "full_name": "Tran Thi Hoa (sample)",
        "position": "Deputy Director of the Department",
        "duties": (
            "<p>In charge of the press, publishing, external information and grassroots "
            "information.</p>"
        ),
        "biography": "<p>A sample person, not a real one.</p>",
    },
    "Phạm Quốc Anh (minh họa)": {
        "full_name": "Pham Quoc Anh (sample)",
        "position": "Former Deputy Director of the Department",
    },
}
UNITS = {
    "Ban Giám đốc Sở": {"name": "Board of Directors"},
    "Văn phòng Sở": {
        "name": "Department Office",
        "functions": (
            "<p>Advises on general affairs, administration, organisation and staff, finance "
            "and accounting.</p>"
        ),
    },
    "Thanh tra Sở": {
        "name": "Department Inspectorate",
        "functions": (
            "<p>Administrative and specialised inspection; receives citizens, settles "
            "complaints and denunciations.</p>"
        ),
    },
    "Phòng Kế hoạch - Tài chính": {
        "name": "Planning and Finance Division",
        "functions": "<p>Advises on the sector's development plans, investment and budget.</p>",
    },
    "Phòng Bưu chính, Viễn thông và Chuyển đổi số": {
        "name": "Post, Telecommunications and Digital Transformation Division",
        "functions": (
            "<p>Manages postal services, telecommunications and digital infrastructure; "
            "advises on the digital transformation programme.</p>"
        ),
    },
    "Phòng Quản lý Thông tin, Báo chí, Xuất bản": {
        "name": "Information, Press and Publishing Division",
        "functions": (
            "<p>Manages the press, publishing, external information and grassroots information.</p>"
        ),
    },
    "Trung tâm Công nghệ thông tin và Truyền thông": {
        "name": "Information Technology and Communications Centre",
        "functions": (
            "<p>Runs the data centre, the portal and the province's shared information systems.</p>"
        ),
    },
}
LINK_GROUPS = {"Cơ quan Trung ương": "Central agencies", "Tỉnh Thanh Hóa": "Thanh Hoa Province"}


def _by_path(home: Page, slugs: list[str]) -> Page | None:
    page = home
    for slug in slugs:
        page = page.get_children().filter(slug=slug).first()
        if page is None:
            return None
    return page


def ensure_english(home: Page, site) -> int:
    """Translate the demo pages that are not yet in English; returns how many were made."""
    english = Locale.objects.get(language_code="en")
    made = 0
    for data in PAGES:
        source = _by_path(home, data["path"])
        if source is None or source.get_translation_or_none(english) is not None:
            continue
        page = source.specific.copy_for_translation(english)
        for field, value in data.items():
            if field != "path":
                setattr(page, field, value)
        page.draft_title = page.title
        page.save()
        page.save_revision().publish()
        made += 1
    _translate_records(site, english)
    settings = EnglishSettings.for_site(site)
    if not settings.english_enabled:
        for field, value in AGENCY.items():
            setattr(settings, field, getattr(settings, field) or value)
        settings.english_enabled = True
        settings.save()
    return made


def _translate_records(site, english: Locale) -> None:
    """The site's leaders, units and link groups in English, as the admin's "Dịch" makes
    them (a copy in the English locale under the same translation key), then translated."""
    from cong.agency.models import Leader, OrgUnit
    from cong.core.i18n import originals
    from cong.links.models import LinkGroup

    for model, field, texts in (
        (Leader, "full_name", LEADERS),
        (OrgUnit, "name", UNITS),
        (LinkGroup, "title", {vi: {"title": en} for vi, en in LINK_GROUPS.items()}),
    ):
        for record in originals(model.objects.filter(site=site)):
            fields = texts.get(getattr(record, field))
            if fields is None or record.has_translation(english):
                continue
            translation = record.copy_for_translation(english)
            for name, value in fields.items():
                setattr(translation, name, value)
            translation.save()
