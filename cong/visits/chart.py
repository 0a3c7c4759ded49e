"""A small server-side SVG chart of daily visits and page views (no script, no CDN)."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

WIDTH, HEIGHT = 900, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 40


def _nice_max(value: int) -> int:
    """A round upper bound for the y axis.

    >>> [_nice_max(v) for v in (0, 7, 38, 120, 5689)]
    [5, 8, 40, 150, 6000]
    """
    if value <= 5:
        return 5
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * magnitude:
            return int(step * magnitude)
    return value


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def pageviews_of(number: str) -> str:
    return gettext("%(count)s lượt xem trang") % {"count": number}


def daily_chart(days: list, title: str) -> SafeString:
    """Bars for page views and a line for visits, one per day, labelled in Vietnamese."""
    top = _nice_max(max((d.pageviews for d in days), default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(days), 1)

    def y(value: int) -> float:
        return TOP + plot_h - plot_h * value / top

    parts = [
        f'<svg class="visit-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-title">{escape(title)}</title>',
    ]
    for i in range(5):
        value = top * i // 4
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'stroke="#d9dee7"/><text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" '
            f'font-size="11" fill="#444">{_number(value)}</text>'
        )
    bar = max(step * 0.7, 1)
    for i, d in enumerate(days):
        x = LEFT + i * step + (step - bar) / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{y(d.pageviews):.1f}" width="{bar:.1f}" '
            f'height="{TOP + plot_h - y(d.pageviews):.1f}" fill="#9db8e0">'
            f"<title>{d.day:%d/%m/%Y}: {escape(pageviews_of(_number(d.pageviews)))}</title></rect>"
        )
    points = " ".join(
        f"{LEFT + (i + 0.5) * step:.1f},{y(d.visits):.1f}" for i, d in enumerate(days)
    )
    parts.append(f'<polyline points="{points}" fill="none" stroke="#a3161c" stroke-width="2"/>')
    every = max(len(days) // 8, 1)
    for i, d in enumerate(days):
        if i % every == 0 or i == len(days) - 1:
            parts.append(
                f'<text x="{LEFT + (i + 0.5) * step:.1f}" y="{HEIGHT - BOTTOM + 16}" '
                f'text-anchor="middle" font-size="11" fill="#444">{d.day:%d/%m}</text>'
            )
    parts.append(
        f'<rect x="{LEFT}" y="{HEIGHT - 14}" width="12" height="10" fill="#9db8e0"/>'
        f'<text x="{LEFT + 16}" y="{HEIGHT - 5}" font-size="12">{escape(gettext("Lượt xem trang"))}</text>'
        f'<line x1="{LEFT + 140}" x2="{LEFT + 160}" y1="{HEIGHT - 9}" y2="{HEIGHT - 9}" '
        f'stroke="#a3161c" stroke-width="2"/>'
        f'<text x="{LEFT + 166}" y="{HEIGHT - 5}" font-size="12">{escape(gettext("Lượt truy cập"))}</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every interpolated text is escaped or numeric)
