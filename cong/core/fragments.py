"""What template tags that keep their HTML share (issue 20): rendering as an inclusion tag
would, and a bounded per-process store of what they rendered."""

from collections.abc import Callable, Hashable
from typing import Any

from django.template import Context


def render_included(context: Context, template_name: str, data: dict[str, Any]) -> str:
    """`template_name` rendered as an inclusion tag renders it: with the page's engine and
    autoescaping, in a context of its own holding `data`."""
    template = context.template.engine.get_template(template_name)  # type: ignore[union-attr]
    return template.render(context.new(data))


class KeptTexts(dict[Hashable, str]):
    """Texts kept in this process by key, at most `size` (emptied when full: the keys are
    few and hot, the next renders refill it)."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def get_or_make(self, key: Hashable, make: Callable[[], str]) -> str:
        text = self.get(key)
        if text is None:
            text = make()
            if len(self) >= self.size:
                self.clear()
            self[key] = text
        return text
