"""URLs of the benchmark site: the dashboards app, mounted as the docs of both libraries show."""

from django.urls import include, path

urlpatterns = [path("dashboards/", include("dashboards.urls"))]
