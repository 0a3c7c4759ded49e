"""The views that answer the participation pages' addresses, without the models importing them.

A page model declares its addresses (Wagtail's `RoutablePageMixin` routes, `serve`), but the
code that answers them lives in `cong.participation.views`, which needs the models. So each
view registers itself here under a name when its module is imported (`@answers("...")`),
and a page's route calls `answer(name, page, request, ...)`. `ParticipationConfig.ready()`
imports the views, so every name is known before the first request. This module imports
neither side, so models and views form no import circle.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]
_views: dict[str, View] = {}


def answers(name: str) -> Callable[[View], View]:
    """Register the decorated view as the one that answers the page route `name`."""

    def register(view: View) -> View:
        _views[name] = view
        return view

    return register


def answer(name: str, page, request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """The response of the view registered as `name`, for `page`."""
    try:
        view = _views[name]
    except KeyError:  # a programming error: say which name, not a bare KeyError
        raise LookupError(f"No view registered for the page route {name!r}") from None
    return view(page, request, *args, **kwargs)
