"""URLs of the example site."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from examples import views

urlpatterns = [
    path("", views.index, name="index"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("async/", include("examples.async_components.urls")),
    path("custom/", include("examples.custom_views.urls")),
    path("live/", include("examples.live.urls")),
    # include-dashboards-start
    path("dashboards/", include("dashboards.urls")),
    # include-dashboards-end
]
