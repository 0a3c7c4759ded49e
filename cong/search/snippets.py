"""Result snippets with the reader's words marked, accents or not."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cong.core.text import clean_line, fold
from cong.search.query import words

WIDTH = 220


def prepare(text: str) -> tuple[str, str]:
    """`text` as `highlight` reads it, and its folded copy: worked out once for a result
    shown again (cong.search.views keeps them under the content version)."""
    text = clean_line(str(text or ""))
    return text, fold(text).lower()


def highlight(
    text: str, query: str, width: int = WIDTH, prepared: tuple[str, str] | None = None
) -> SafeString:
    """A window of `text` around the first matched word, each match in <mark>; `prepared`,
    when given, is `prepare(text)` (then `text` is not read).

    Folding keeps the length of NFC Vietnamese text (one letter folds to one letter), so the
    positions found in the folded copy mark the original letters.

    >>> str(highlight("Hội nghị về quyền con người năm 2023", "quyen"))
    'Hội nghị về <mark>quyền</mark> con người năm 2023'
    """
    text, folded = prepared or prepare(text)
    terms = sorted(set(words(query)), key=len, reverse=True)
    if len(folded) != len(text) or not terms:
        return mark_safe(escape(text[:width]))  # noqa: S308
    spans: list = []
    for term in terms:
        start = 0
        while (at := folded.find(term, start)) != -1:
            end = at + len(term)
            is_word = (at == 0 or not folded[at - 1].isalnum()) and (
                end == len(folded) or not folded[end].isalnum()
            )
            if is_word and not any(a < end and at < b for a, b in spans):
                spans.append((at, end))
            start = end
    spans.sort()
    first = spans[0][0] if spans else 0
    begin = max(0, first - width // 3)
    stop = min(len(text), begin + width)
    out, cursor = [], begin
    for a, b in spans:
        if a < begin or b > stop:
            continue
        out += [escape(text[cursor:a]), "<mark>", escape(text[a:b]), "</mark>"]
        cursor = b
    out.append(escape(text[cursor:stop]))
    prefix = "…" if begin > 0 else ""
    suffix = "…" if stop < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 (every piece is escaped)
