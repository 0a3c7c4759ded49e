from django.urls import path

from cong.participation.views import ratings

app_name = "participation"
urlpatterns = [path("", ratings.rate, name="rate")]
