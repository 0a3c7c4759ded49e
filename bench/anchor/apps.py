from django.apps import AppConfig


class AnchorConfig(AppConfig):
    name = "bench.anchor"
    label = "bench_anchor"
    verbose_name = "Bench anchor"
    default_auto_field = "django.db.models.BigAutoField"
