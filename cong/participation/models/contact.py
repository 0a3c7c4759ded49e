"""The contact page ("Liên hệ") and the messages citizens send through it.

A message goes only to the agency's moderators (Hỏi đáp, góp ý › Thư liên hệ): nothing is
published and nothing is mailed to the address given, so the form cannot be used to send
mail to strangers. It passes the same guards as a question (rate limits per address and per
e-mail, honeypot, captcha from the second submission of the day) and asks for consent to the
processing of personal data (ND 13/2023), linking the agency's privacy policy.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from cong.core.models import CongPage
from cong.core.text import clean_line, clean_text
from cong.participation.routes import answer


class ContactPage(CongPage):
    """The agency's address, phones, office hours, map, spokesperson and information-request
    focal person (from the site's settings), and the contact form."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = CongPage.content_panels + [FieldPanel("intro")]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "participation/contact_page.html"

    class Meta:
        verbose_name = _("trang liên hệ")

    schema_type = "ContactPage"

    def metadata_description(self) -> str:
        return self.search_description or self.intro

    def metadata(self, request=None):
        """A ContactPage about the agency, with its address, telephone and e-mail."""
        from cong.core.metadata import organisation_ld, site_identity

        meta = super().metadata(request)
        organisation = organisation_ld(site_identity(self.metadata_site(request)), full=True)
        meta.jsonld[0]["about"] = organisation
        return meta

    def serve(self, request, *args, **kwargs):
        return answer("contact.page", self, request)


class ContactStatus(models.TextChoices):
    NEW = "new", _("Mới")
    HANDLED = "handled", _("Đã xử lý")
    SPAM = "spam", _("Thư rác")


class ContactMessage(models.Model):
    """What a citizen wrote through the contact form; seen only by moderators."""

    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("họ và tên"), max_length=120)
    email = models.EmailField(_("thư điện tử"), max_length=254)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung"))
    consented_at = models.DateTimeField(_("đồng ý xử lý dữ liệu lúc"))
    submitted_at = models.DateTimeField(_("ngày gửi"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ContactStatus, default=ContactStatus.NEW
    )
    note = models.TextField(_("ghi chú xử lý"), blank=True)

    class Meta:
        verbose_name = _("thư liên hệ")
        verbose_name_plural = _("thư liên hệ")
        ordering = ["-submitted_at"]

    def __str__(self):
        return self.subject

    def save(self, *args, **kwargs):
        self.name = clean_line(self.name)
        self.subject = clean_line(self.subject)
        self.body = clean_text(self.body)
        super().save(*args, **kwargs)
