"""Tell the editor when a publish was lost: the draft was saved, the publish never happened.

Wagtail's editor saves a revision first and publishes it second. A worker killed between
the two (a deploy, the OOM killer, a timeout) leaves a saved draft that nobody published,
and the editor, who pressed "Xuất bản", believes it is live. So a publish POST first writes
a "cong.publish_started" log entry (its own autocommitted row, so it survives the kill);
`page_published` deletes it once the publish is done. Any other save of the page (a draft, a
failed form) clears it too. On the next load of the edit view an entry that is still there,
older than a draft that is not live, means that publish was lost: the editor is told.
"""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry

PUBLISH_STARTED = "cong.publish_started"


def note_publish_intent(request, page: Page) -> None:
    """Before the edit view handles a POST: forget earlier intents, note a publish."""
    if request.method != "POST":
        return
    PageLogEntry.objects.filter(page=page, action=PUBLISH_STARTED).delete()
    if "action-publish" in request.POST:
        log(instance=page, action=PUBLISH_STARTED, user=request.user)


def forget_publish_intent(sender, instance, **kwargs) -> None:
    """`page_published`: the publish went through."""
    PageLogEntry.objects.filter(page_id=instance.pk, action=PUBLISH_STARTED).delete()


def lost_publish(page: Page) -> bool:
    """Whether a publish of `page` started, saved its draft, and never completed."""
    intent = (
        PageLogEntry.objects.filter(page=page, action=PUBLISH_STARTED)
        .order_by("-timestamp")
        .first()
    )
    latest = page.latest_revision
    return bool(
        intent
        and latest
        and latest.created_at >= intent.timestamp
        and page.live_revision_id != latest.pk
        and latest.approved_go_live_at is None  # scheduled: published later, on purpose
    )


def warn_of_lost_publish(request, page: Page) -> None:
    """Before the edit view shows the page (GET): the warning, if a publish was lost."""
    if request.method == "GET" and lost_publish(page):
        messages.warning(
            request,
            _(
                "Lần xuất bản gần nhất của trang này chưa hoàn tất (máy chủ có thể đã bị dừng "
                "giữa chừng): bản nháp đã được lưu nhưng chưa được xuất bản. Hãy kiểm tra nội "
                "dung rồi bấm “Xuất bản” lại."
            ),
        )
