"""URLs of the live example: the button's endpoint."""

from django.urls import path

from examples.live.views import new_order

urlpatterns = [
    path("orders/new/", new_order, name="live-new-order"),
]
