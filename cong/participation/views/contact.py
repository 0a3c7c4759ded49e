"""The contact page: the agency's contacts and a form whose messages only moderators read."""

from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.models import Site

from cong.participation.forms import ContactForm
from cong.participation.guards import (
    captcha_required,
    ip_over_limit,
    remember_submission,
    submission_refused,
)
from cong.participation.models import ContactMessage
from cong.participation.routes import answers
from cong.participation.views.common import too_many

GROUP = "participation:contact"
SENT = "da-gui"


@answers("contact.page")
def contact_page(page, request):
    status = 200
    if request.method == "POST":
        if ip_over_limit(request, GROUP, count=False):
            return too_many(page, request)
        email = request.POST.get("email", "")
        form = ContactForm(request.POST, captcha=captcha_required(request, email))
        if form.is_valid():
            if submission_refused(request, GROUP, form.cleaned_data["email"]):
                return too_many(page, request)
            with transaction.atomic():
                message = ContactMessage.objects.create(
                    site=Site.find_for_request(request),
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    phone=form.cleaned_data["phone"],
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    consented_at=timezone.now(),
                )
            remember_submission(request, message.email)
            return redirect(f"{page.url}?{SENT}=1#lien-he-form")
        status = 400 if form.is_spam() else 200
    else:
        form = ContactForm(captcha=captcha_required(request))
    context = page.get_context(request)
    context.update(form=form, sent=request.GET.get(SENT) == "1")
    return TemplateResponse(request, page.get_template(request), context, status=status)
