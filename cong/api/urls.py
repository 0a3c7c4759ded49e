"""/api/v2/: the read API (docs/api.md)."""

from django.urls import path

from cong.api import views

app_name = "api"
urlpatterns = [
    path("", views.root, name="root"),
    path("articles/", views.articles, name="articles"),
    path("sections/", views.sections, name="sections"),
    path("documents/", views.documents, name="documents"),
    path("answers/", views.answers, name="answers"),
    path("schedule/", views.schedule, name="schedule"),
]
