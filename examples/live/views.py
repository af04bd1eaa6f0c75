"""The button's endpoint: place an order (the signal publishes it)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from examples.live.orders import place_order


# new-order-view-start
@require_POST
def new_order(request: HttpRequest) -> HttpResponse:
    """Place an order for a logged-in user; the page changes through its event stream."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    try:
        place_order()
    except LookupError as error:
        return HttpResponse(str(error), status=409)
    return HttpResponse(status=204)


# new-order-view-end
