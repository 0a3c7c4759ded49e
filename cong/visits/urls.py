from django.urls import path

from cong.visits import views

app_name = "visits"
urlpatterns = [
    path("hit", views.hit, name="hit"),
    path("summary", views.summary, name="summary"),
]
