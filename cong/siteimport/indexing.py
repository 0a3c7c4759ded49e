"""Search indexing in batches while an import writes thousands of pages and photos.

Wagtail indexes each page and image as it is saved, one at a time; in a bulk import that was
a third of the time per article. During a run the per-save handler is swapped for one that
remembers what was saved; every `BATCH` articles, and when the run ends (finished,
interrupted or failed), the remembered objects that exist (a rolled-back article's do not)
are indexed together with the backend's bulk call. If the process is killed outright
(SIGKILL, power loss) the last batch may be missing from search until the next run ends or
`manage.py update_index` runs.
"""

from collections import defaultdict

from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler

BATCH = 100


class BatchIndexer:
    def __init__(self) -> None:
        self.pending: dict[type, set] = defaultdict(set)
        self.models = [
            model
            for model in index.get_indexed_models()
            if getattr(model, "search_auto_update", True)
        ]

    def remember(self, sender, instance, raw=False, **kwargs) -> None:
        if not raw:
            self.pending[sender].add(instance.pk)

    def flush(self) -> None:
        """Index what was saved since the last flush and still exists."""
        pending, self.pending = self.pending, defaultdict(set)
        backends = list(get_search_backends(with_auto_update=True))
        for model, keys in pending.items():
            objects = list(model.get_indexed_objects().filter(pk__in=keys))
            if objects:
                for backend in backends:
                    backend.add_bulk(model, objects)

    def swap(self, batching: bool) -> None:
        old, new = (
            (post_save_signal_handler, self.remember)
            if batching
            else (self.remember, post_save_signal_handler)
        )
        for model in self.models:
            post_save.disconnect(old, sender=model)
            post_save.connect(new, sender=model, weak=False)
