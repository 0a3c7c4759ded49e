"""The public side of "Hỏi đáp": answers, asking, tracking. Called by QuestionIndexPage."""

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from wagtail.models import Site

from cong.core.pagination import paginate
from cong.core.text import fold
from cong.participation import confirmation
from cong.participation.emails import send_status_email
from cong.participation.forms import LookupForm, QuestionFilterForm, QuestionForm
from cong.participation.guards import (
    captcha_required,
    ip_over_limit,
    lookup_blocked,
    remember_submission,
    submission_refused,
)
from cong.participation.models import Question, QuestionStatus, normalise_code
from cong.participation.routes import answers
from cong.participation.views.common import refuse, too_many

PER_PAGE = 10
GROUP = "participation:questions"


def _site(request):
    return Site.find_for_request(request)


@answers("questions.answer_list")
def answer_list(page, request):
    site = _site(request)
    questions = Question.objects.public().for_site(site).select_related("topic", "unit")
    form = QuestionFilterForm(request.GET or None, site=site)
    if form.is_valid():
        if form.cleaned_data.get("topic"):
            questions = questions.filter(topic=form.cleaned_data["topic"])
        for word in fold(form.cleaned_data.get("q", "")).lower().split():
            questions = questions.filter(search_text__contains=word)
    return page.render(
        request,
        context_overrides={
            "form": form,
            "questions": paginate(request, questions.order_by("-answered_at", "-pk"), PER_PAGE),
        },
    )


def _max_mb() -> float:
    return settings.CONG_PARTICIPATION_ATTACHMENT_MAX_BYTES / 1024 / 1024


@answers("questions.ask")
def ask(page, request):
    status = 200
    if request.method == "POST":
        if ip_over_limit(request, GROUP, count=False):
            return too_many(page, request)
        form = QuestionForm(
            request.POST,
            request.FILES,
            site=_site(request),
            captcha=captcha_required(request, request.POST.get("email", "")),
            max_mb=_max_mb(),
        )
        if form.is_valid():
            if submission_refused(request, GROUP, form.cleaned_data["email"]):
                return too_many(page, request)
            confirmation.sweep()  # one indexed DELETE of stale unconfirmed questions, if any
            question = save_question(form, _site(request))
            remember_submission(request, question.email)
            url = page.full_sub_url("confirm", token=confirmation.make_token(question))
            confirmation.send_confirmation_email(question, url)
            return redirect(page.sub_url("confirm_sent"))
        status = 400 if form.is_spam() else 200
    else:
        form = QuestionForm(
            site=_site(request), captcha=captcha_required(request), max_mb=_max_mb()
        )
    response = page.render(
        request, template="participation/question_form.html", context_overrides={"form": form}
    )
    response.status_code = status
    return response


@answers("questions.confirm_sent")
def confirm_sent(page, request):
    """After the form: look for the confirmation mail (no code, nothing of the question)."""
    response = page.render(
        request,
        template="participation/question_confirm_sent.html",
        context_overrides={"hours": confirmation.hours()},
    )
    add_never_cache_headers(response)
    return response


@answers("questions.confirm")
def confirm(page, request, token: str):
    """The link in the confirmation mail: a button (POST) confirms, then the tracking page."""
    try:
        question = confirmation.question_for(token)
    except confirmation.LinkRefused as refused:
        return refuse(page, request, str(refused), status=410, title=_("Chưa xác nhận được"))
    if question.confirmed_at is not None:
        return redirect(page.tracking_url(question))
    if request.method == "POST":
        if confirmation.confirm(question):
            send_status_email(question)  # the tracking code, now to a confirmed address
        return redirect(page.tracking_url(question) + "?da-gui=1")
    response = page.render(request, template="participation/question_confirm.html")
    add_never_cache_headers(response)
    return response


def save_question(form, site) -> Question:
    """Save the question and its attachment together, or neither (held until confirmed)."""
    data = form.cleaned_data
    question = Question(
        site=site,
        asker_name=data["asker_name"],
        email=data["email"],
        phone=data.get("phone", ""),
        address=data.get("address", ""),
        topic=data["topic"],
        title=data["title"],
        body=data["body"],
    )
    if data.get("attachment") and form.checked_attachment:
        question.attachment_type = form.checked_attachment.kind
        question.attachment = data["attachment"]
    try:
        with transaction.atomic():
            question.save()
    except Exception:
        if question.attachment and question.attachment._committed:
            question.attachment.delete(save=False)
        raise
    return question


@answers("questions.lookup")
def lookup(page, request):
    form = LookupForm(request.GET or None)
    status = 200
    if form.is_valid():
        if lookup_blocked(request):
            return too_many(page, request)
        code = normalise_code(form.cleaned_data["code"])
        if Question.objects.confirmed().for_site(_site(request)).filter(code=code).exists():
            return redirect(page.sub_url("track", code=code))
        lookup_blocked(request, count_miss=True)
        form.add_error("code", _("Không tìm thấy câu hỏi có mã này. Vui lòng kiểm tra lại mã."))
        status = 404
    response = page.render(
        request, template="participation/question_lookup.html", context_overrides={"form": form}
    )
    response.status_code = status
    return response


@answers("questions.track")
def track(page, request, code):
    if lookup_blocked(request):
        return too_many(page, request)
    wanted = normalise_code(code)
    question = (
        Question.objects.confirmed()
        .for_site(_site(request))
        .select_related("topic", "unit")
        .filter(code=wanted)
        .first()
    )
    if question is None:
        lookup_blocked(request, count_miss=True)
        raise Http404
    if code != wanted:
        return redirect(page.sub_url("track", code=wanted))
    steps = tracking_steps(question)
    return page.render(
        request,
        template="participation/question_track.html",
        context_overrides={
            "question": question,
            "steps": steps,
            "declined": question.status == QuestionStatus.DECLINED,
            "just_sent": request.GET.get("da-gui") == "1",
            "answer_url": page.answer_url(question)
            if question.status == QuestionStatus.ANSWERED and question.is_public
            else "",
        },
    )


def tracking_steps(question) -> list[dict]:
    """Received → assigned → answered (or declined), with the date each step was reached."""
    declined = question.status == QuestionStatus.DECLINED
    steps = [
        {"label": QuestionStatus.RECEIVED.label, "when": question.submitted_at, "done": True},
        {
            "label": QuestionStatus.ASSIGNED.label,
            "when": question.assigned_at,
            "done": question.assigned_at is not None or question.status == QuestionStatus.ANSWERED,
        },
        {
            "label": (QuestionStatus.DECLINED if declined else QuestionStatus.ANSWERED).label,
            "when": question.declined_at if declined else question.answered_at,
            "done": question.status in (QuestionStatus.ANSWERED, QuestionStatus.DECLINED),
        },
    ]
    last_done = max(i for i, step in enumerate(steps) if step["done"])
    steps[last_done]["current"] = True
    return steps


@answers("questions.detail")
def detail(page, request, pk: int, slug: str):
    question = (
        Question.objects.public()
        .for_site(_site(request))
        .select_related("topic", "unit")
        .filter(pk=pk)
        .first()
    )
    if question is None:
        raise Http404
    if slug != question.slug:
        return redirect(page.answer_url(question), permanent=True)
    return page.render(
        request,
        template="participation/question_detail.html",
        context_overrides={
            "question": question,
            "metadata": page.answer_metadata(question, request),
        },
    )
