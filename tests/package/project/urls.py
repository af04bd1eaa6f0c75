"""URLs of the smoke project: the dashboards under ``dashboards/``, as the installation page says."""

from django.urls import include, path

urlpatterns = [path("dashboards/", include("dashboards.urls"))]
