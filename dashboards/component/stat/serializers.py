"""Stat serializers: a headline figure aggregated from a queryset, and its change over a period."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from decimal import Context, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, ClassVar, cast

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Aggregate, Count, Model, QuerySet
from django.forms.widgets import MediaDefiningClass
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.timesince import timesince

from dashboards.component.base import value_render_encoder
from dashboards.component.values import call_kwargs
from dashboards.meta import ClassWithTitledMeta, Options

__all__ = [
    "BaseStatSerializer",
    "StatDateChangeSerializer",
    "StatDateChangeSerializerOptions",
    "StatSerializer",
    "StatSerializerData",
    "StatSerializerOptions",
    "database_neutral_decimal",
]

#: The arguments of a value callable, which ``render`` passes on to ``serialize``.
VALUE_KWARGS = ("request", "object", "filters")


@dataclass
class StatSerializerData:
    """The value of a stat serializer: a titled figure, and its change since ``previous``.

    ``change`` is the change in percent: ``0.0`` without a previous value, ``100.0`` from a previous
    value of 0 (``0.0`` when the value is 0 too), and ``None`` when it cannot be computed (e.g. a
    ``None`` value).
    """

    title: str
    value: Any
    previous: Any = None
    unit: str = ""
    change_period: str = ""
    change: float | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.change = self.compute_change()

    def compute_change(self) -> float | None:
        """The change from ``previous`` to ``value``, in percent."""
        if self.previous is None:
            return 0.0
        if self.previous == 0:
            return 0.0 if self.value == 0 else 100.0
        try:
            return float((self.value - self.previous) / self.previous * 100)
        except (TypeError, ZeroDivisionError, ArithmeticError):
            return None


def database_neutral_decimal(value: Decimal, decimal_places: int | None) -> Decimal:
    """A decimal aggregate as every database gives it: with the field's decimal places (``Sum``,
    ``Max``, ``Min``; SQLite drops trailing zeros), else (``Avg``, ``StdDev``) to the 15
    significant digits that SQLite computes with floats (PostgreSQL gives more)."""
    if decimal_places is None:
        return Context(prec=15).create_decimal_from_float(float(value))
    try:
        return value.quantize(Decimal(1).scaleb(-decimal_places))
    except InvalidOperation:  # more digits than the decimal context holds
        return value


class StatSerializerOptions(Options):
    """The Meta options of a :class:`StatSerializer`."""

    #: The model whose rows are aggregated (unless ``get_queryset`` is overridden).
    model: type[Model] | None = None
    #: The aggregate class, e.g. ``Count`` or ``Sum``.
    annotation: type[Aggregate] = Count
    #: The field aggregated.
    annotation_field: str = "pk"
    #: The title above the figure; also the serializer's ``name`` and ``verbose_name`` unless its
    #: Meta sets them. Empty: the class name.
    title: str = ""
    #: Shown after the value, e.g. ``"€"`` or ``"%"``.
    unit: str = ""


class StatDateChangeSerializerOptions(StatSerializerOptions):
    """The Meta options of a :class:`StatDateChangeSerializer`: a stat's, and the period."""

    #: The date (or datetime) field that places each row in time.
    date_field_name: str | None = None
    #: How far back the previous value is.
    previous_delta: timedelta | None = None


class BaseStatSerializer(ClassWithTitledMeta, metaclass=MediaDefiningClass):
    """Base of stat serializers: ``Meta`` options (:class:`StatSerializerOptions`), the template
    and the media."""

    template_name: ClassVar[str] = "dashboards/components/stat/stat.html"
    #: The options a stat serializer's Meta may set.
    options_class = StatSerializerOptions
    _meta: ClassVar[StatSerializerOptions]

    class Media:
        css = {"all": ("dashboards/css/stat.css",)}

    if TYPE_CHECKING:
        # Set on the class by MediaDefiningClass from the inner ``Media`` (and the bases').
        @property
        def media(self) -> forms.Media: ...

    def get_media(self) -> forms.Media:
        """The serializer's media (what a component adds to its own)."""
        return self.media

    def get_title(self) -> str:
        """The title shown above the figure: ``Meta.title``, else the class name."""
        return str(self._meta.verbose_name)

    def get_data(self, **kwargs: Any) -> StatSerializerData:
        """The value for this request; ``kwargs`` are ``request``, ``object`` and ``filters``."""
        raise NotImplementedError(f"{type(self).__name__} must define get_data().")

    @classmethod
    def serialize(cls, **kwargs: Any) -> StatSerializerData:
        """The stat for this request: ``request``, ``object`` and ``filters`` reach ``get_queryset``."""
        return cls().get_data(**kwargs)

    @classmethod
    def render(cls, **kwargs: Any) -> str:
        """Render the stat without a component (as django-dashboards' serializers could)."""
        data = cls.serialize(**{key: kwargs[key] for key in VALUE_KWARGS if key in kwargs})
        value = asdict(data, dict_factory=value_render_encoder)
        # The template reads the CSS classes and the icon from its component, as in a dashboard.
        component = {"css_classes": kwargs.get("css_classes"), "icon": kwargs.get("icon")}
        return render_to_string(
            cls.template_name,
            {**kwargs, "component": component, "rendered_value": value, "value": value},
            request=kwargs.get("request"),
        )


class StatSerializer(BaseStatSerializer):
    """A figure aggregated from a model's rows, e.g. ``Count("pk")`` or ``Sum("total")``."""

    @property
    def annotated_field_name(self) -> str:
        """The aggregate's name, e.g. ``count_pk`` or ``sum_total``."""
        # Every aggregate class (Count, Sum, ...) has a name; only the base Aggregate's is None.
        name = cast("str", self._meta.annotation.name)
        return f"{name.lower()}_{self._meta.annotation_field}"

    def get_queryset(self, **kwargs: Any) -> QuerySet[Any]:
        """The rows to aggregate: ``Meta.model``'s. Override to follow ``filters`` or ``object``."""
        model = self._meta.model
        if model is None:
            raise ImproperlyConfigured(
                f"{type(self).__name__} needs Meta.model, or a get_queryset() method."
            )
        return model._default_manager.all()

    def queryset_for(self, **kwargs: Any) -> QuerySet[Any]:
        """``get_queryset`` called with those of ``request``, ``object`` and ``filters`` it takes
        (a django-dashboards serializer's ``get_queryset(self)`` takes none)."""
        return self.get_queryset(**call_kwargs(self.get_queryset, kwargs))

    def aggregate_queryset(self, queryset: QuerySet[Any]) -> dict[str, Any]:
        """``queryset.aggregate(<annotated_field_name>=annotation(annotation_field))``, with a
        decimal figure the same on every database (:func:`database_neutral_decimal`)."""
        annotation = self._meta.annotation(self._meta.annotation_field)
        name = self.annotated_field_name
        result = queryset.aggregate(**{name: annotation})
        if isinstance(result[name], Decimal):
            resolved = annotation.resolve_expression(queryset.query.clone(), summarize=True)
            places = getattr(resolved.output_field, "decimal_places", None)
            result[name] = database_neutral_decimal(result[name], places)
        return result

    def get_value(self, **kwargs: Any) -> Any:
        """The aggregate of ``get_queryset(**kwargs)``."""
        return self.aggregate_queryset(self.queryset_for(**kwargs))[self.annotated_field_name]

    def get_data(self, **kwargs: Any) -> StatSerializerData:
        """The title, the value and the unit."""
        return StatSerializerData(
            title=self.get_title(), value=self.get_value(**kwargs), unit=self._meta.unit
        )


class StatDateChangeSerializer(StatSerializer):
    """A figure and its change over ``Meta.previous_delta``, along ``Meta.date_field_name``.

    By default the value aggregates the rows up to now, and the previous value the rows up to
    ``previous_delta`` ago (so a count shows its growth). Override ``filter_period`` to compare two
    periods instead, e.g. the last 30 days with the 30 days before.
    """

    #: The options a date-change serializer's Meta may set.
    options_class = StatDateChangeSerializerOptions
    _meta: ClassVar[StatDateChangeSerializerOptions]

    def __init__(self) -> None:
        #: The moment the value is computed for, the same for the value, previous value and period.
        self.now = timezone.now()

    def get_previous_delta(self) -> timedelta:
        """``Meta.previous_delta``: how far back the previous value is."""
        delta = self._meta.previous_delta
        if not isinstance(delta, timedelta) or not self._meta.date_field_name:
            raise ImproperlyConfigured(
                f"{type(self).__name__} needs Meta.date_field_name and a timedelta "
                "Meta.previous_delta."
            )
        return delta

    def filter_period(self, queryset: QuerySet[Any], end: datetime) -> QuerySet[Any]:
        """The rows counted for a value at ``end``: by default those dated up to ``end``."""
        return queryset.filter(**{f"{self._meta.date_field_name}__lte": end})

    def get_value(self, **kwargs: Any) -> Any:
        """The aggregate of the period ending now."""
        self.get_previous_delta()
        queryset = self.filter_period(self.queryset_for(**kwargs), self.now)
        return self.aggregate_queryset(queryset)[self.annotated_field_name]

    def get_previous(self, **kwargs: Any) -> Any:
        """The aggregate of the period ending ``previous_delta`` ago."""
        end = self.now - self.get_previous_delta()
        queryset = self.filter_period(self.queryset_for(**kwargs), end)
        return self.aggregate_queryset(queryset)[self.annotated_field_name]

    def get_change_period(self) -> str:
        """The period of the change in words, e.g. ``"1 week"``."""
        delta = self.get_previous_delta()
        return timesince(self.now - delta, self.now + timedelta(seconds=1))

    def get_data(self, **kwargs: Any) -> StatSerializerData:
        """The title, the value, the previous value, the unit and the period of the change."""
        return StatSerializerData(
            title=self.get_title(),
            value=self.get_value(**kwargs),
            previous=self.get_previous(**kwargs),
            unit=self._meta.unit,
            change_period=self.get_change_period(),
        )
