"""Orders like the example shop's, flattened into one table (no joins in the measured queries)."""

from django.db import models


class OrderBase(models.Model):
    customer = models.CharField(max_length=100)
    country = models.CharField(max_length=2)
    product = models.CharField(max_length=100)
    status = models.CharField(max_length=10)
    quantity = models.PositiveIntegerField()
    total = models.DecimalField(max_digits=10, decimal_places=2)
    created = models.DateTimeField(db_index=True)

    class Meta:
        abstract = True
        # Newest first by primary key: the page of 25 needs no sort of the whole table.
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"Order {self.pk}"


class Order(OrderBase):
    """10,000 rows."""


class SmallOrder(OrderBase):
    """1,000 rows: the same table, ten times smaller."""
