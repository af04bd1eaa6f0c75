"""``manage.py place_orders``: place orders one after another, as a shop's customers would."""

import time

from django.core.management.base import BaseCommand, CommandError

from examples.live.orders import place_order


# command-start
class Command(BaseCommand):
    help = "Place an order every --interval seconds, --count times; open pages show each one."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--count", type=int, default=10)
        parser.add_argument("--interval", type=float, default=1.0)

    def handle(self, *args, count: int, interval: float, **options) -> None:
        for number in range(count):
            if number:
                time.sleep(interval)
            try:
                order = place_order()  # saving it publishes "orders" (see signals.py)
            except LookupError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"{order}: {order.quantity} x {order.product}, {order.total} €")


# command-end
