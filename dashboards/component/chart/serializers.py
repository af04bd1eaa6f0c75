"""Chart serializers: a figure built from a queryset (via a pandas DataFrame) by ``to_fig``.

pandas and plotly are imported when a serializer is used, not when this module is imported.
"""

from __future__ import annotations

import copy
import inspect
import json
import sys
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet
from django.forms.widgets import MediaDefiningClass
from django.template.loader import render_to_string

from dashboards.component.chart.chart import (
    CHART_SCRIPTS,
    chart_context,
    figure_title,
    is_dark,
    no_data_figure,
    plotly_config,
)
from dashboards.extras import import_extra
from dashboards.meta import ClassWithTitledMeta, Options, meta_options

__all__ = [
    "BaseChartSerializer",
    "ChartSerializer",
    "ChartSerializerOptions",
    "ModelDataMixin",
    "PlotlyChartSerializer",
    "PlotlyChartSerializerMixin",
]

#: The plotly.js config options a serializer's Meta may set, with their defaults.
CONFIG_OPTIONS = {"displayModeBar": True, "staticPlot": False, "responsive": True}
#: The colours of the dark appearance, over the ``plotly_dark`` template (as in django-dashboards).
DARK_BACKGROUND = "rgba(0,0,0,0.05)"


def _pandas() -> Any:
    return import_extra("pandas", feature="ChartSerializer")


def _graph_objects() -> Any:
    return import_extra("plotly.graph_objects", feature="ChartSerializer")


class ChartSerializerOptions(Options):
    """The Meta options of a chart serializer."""

    #: The figure's title (in its layout); also the serializer's ``name`` and ``verbose_name``
    #: unless its Meta sets them.
    title: str | None = None
    #: The figure's width in pixels (in its layout).
    width: int | None = None
    #: The figure's height in pixels (in its layout).
    height: int | None = None
    #: The fields of ``model`` the DataFrame holds (``queryset.values(*fields)``); None: all.
    fields: list[str] | None = None
    #: The model whose rows are drawn (unless ``get_queryset`` or ``get_data`` is overridden).
    model: type[Model] | None = None
    #: plotly.js config: show the mode bar (``True`` means on hover).
    displayModeBar: bool | str = True  # noqa: N815
    #: plotly.js config: a static figure, without interaction.
    staticPlot: bool = False  # noqa: N815
    #: plotly.js config: resize the figure with its container.
    responsive: bool = True


class BaseChartSerializer(ClassWithTitledMeta, metaclass=MediaDefiningClass):
    """Base of chart serializers: the ``Meta`` options (:class:`ChartSerializerOptions`) and the
    media."""

    #: The options a chart serializer's Meta may set.
    options_class = ChartSerializerOptions
    _meta: ClassVar[ChartSerializerOptions]

    class Media:
        js = CHART_SCRIPTS

    if TYPE_CHECKING:
        # Set on the class by MediaDefiningClass from the inner ``Media`` (and the bases').
        @property
        def media(self) -> forms.Media: ...

    @classmethod
    def declared_plotly_config(cls) -> dict[str, Any]:
        """The config options this serializer's ``Meta`` (or a parent's) sets explicitly.

        A ``Chart`` uses them over its own fields; it keeps its own for the options left unset.
        """
        declared: dict[str, Any] = {}
        for klass in reversed(cls.__mro__):
            options = meta_options(vars(klass).get("Meta"))
            declared.update({k: v for k, v in options.items() if k in CONFIG_OPTIONS})
        return declared

    @classmethod
    def get_plotly_config(cls) -> dict[str, Any]:
        """The plotly.js config from the Meta options (``"hover"`` for ``displayModeBar=True``)."""
        return plotly_config({option: getattr(cls._meta, option) for option in CONFIG_OPTIONS})

    def get_media(self) -> forms.Media:
        """The serializer's media (what a component adds to its own)."""
        return self.media


class ModelDataMixin:
    """The data: ``Meta.model``'s queryset, reduced to ``Meta.fields``, as a pandas DataFrame."""

    _meta: ClassVar[ChartSerializerOptions]

    def get_fields(self) -> list[str] | None:
        """The columns of the DataFrame (``Meta.fields``); ``None`` takes every field."""
        return self._meta.fields

    def get_queryset(self, *args: Any, **kwargs: Any) -> QuerySet[Any]:
        """The rows: ``Meta.model``'s objects. Override to filter by ``filters``, ``object``…"""
        model = self._meta.model
        if model is None:
            raise ImproperlyConfigured(
                f"{type(self).__name__} needs Meta.model, or a get_queryset() method."
            )
        return model._default_manager.all()

    def convert_to_df(self, data: Any, columns: list[str] | None = None) -> Any:
        """A pandas DataFrame of ``data`` (rows as dicts)."""
        return _pandas().DataFrame(data, columns=columns)

    def get_data(self, *args: Any, **kwargs: Any) -> Any:
        """The pandas DataFrame of ``get_queryset(**kwargs).values(*fields)``; ``to_fig`` receives it."""
        queryset = self.get_queryset(*args, **kwargs)
        fields = self.get_fields()
        rows = queryset.values(*(fields or ()))
        try:
            return self.convert_to_df(rows.iterator(), columns=fields)
        except KeyError:
            return self.convert_to_df([], columns=fields)


class PlotlyChartSerializerMixin:
    """``get_data`` → ``to_fig`` → ``apply_layout`` → JSON text; an empty DataFrame gives "No data"."""

    _meta: ClassVar[ChartSerializerOptions]
    template_name: ClassVar[str] = "dashboards/components/chart/plotly.html"
    #: The Meta options applied to the layout (unless ``layout`` sets them).
    meta_layout_attrs: ClassVar[list[str]] = ["title", "width", "height"]
    #: A plotly layout applied to every figure; it is copied, never changed.
    layout: ClassVar[dict[str, Any] | None] = None

    def get_data(self, *args: Any, **kwargs: Any) -> Any:
        """The data ``to_fig`` draws; receives ``request``, ``object`` and ``filters``."""
        raise NotImplementedError(f"{type(self).__name__} must define get_data().")

    def to_fig(self, data: Any) -> Any:
        """Draw ``data`` (by default a DataFrame): return a plotly ``Figure``."""
        raise NotImplementedError(f"{type(self).__name__} must define to_fig(data).")

    def get_layout(self, dark: bool = False) -> dict[str, Any]:
        """A new layout dict: ``layout``, the Meta's title/width/height, and the dark template."""
        layout = copy.deepcopy(self.layout) if self.layout else {}
        for attr in self.meta_layout_attrs:
            value = getattr(self._meta, attr, None)
            if value is not None:
                layout.setdefault(attr, value)
        if dark:
            layout.update(
                template="plotly_dark", plot_bgcolor=DARK_BACKGROUND, paper_bgcolor=DARK_BACKGROUND
            )
        return layout

    def apply_layout(self, fig: Any, dark: bool = False) -> Any:
        """Apply ``get_layout(dark)`` to the figure; return the plotly ``Figure``.

        A figure dict is made a ``Figure`` first.
        """
        if not hasattr(fig, "update_layout"):
            fig = _graph_objects().Figure(fig)
        return fig.update_layout(**self.get_layout(dark=dark))

    def empty_chart(self) -> str:
        """The JSON of a figure saying ``"{name} - No data"``."""
        return json.dumps(no_data_figure(f"{self._meta.verbose_name} - No data"))

    @staticmethod
    def is_empty(data: Any) -> bool:
        """Whether ``data`` is an empty DataFrame (pandas is not imported to tell)."""
        pandas = sys.modules.get("pandas")
        return pandas is not None and isinstance(data, pandas.DataFrame) and data.empty

    @classmethod
    def serialize(cls, **kwargs: Any) -> str:
        """The figure's JSON text for this request (``request``, ``object``, ``filters``)."""
        serializer = cls()
        data = serializer.get_data(**kwargs)
        if serializer.is_empty(data):
            return serializer.empty_chart()
        fig = serializer.to_fig(data)
        if "dark" in inspect.signature(serializer.apply_layout).parameters:
            fig = serializer.apply_layout(fig, dark=is_dark(kwargs.get("request")))
        else:  # an override written as ``apply_layout(self, fig)``
            fig = serializer.apply_layout(fig)
        text: str = fig.to_json()
        return text

    @classmethod
    def render(cls, template_id: str, **kwargs: Any) -> str:
        """Render the chart without a component (as django-dashboards' serializers could)."""
        text = cls.serialize(**kwargs)
        context = chart_context(
            template_id=template_id,
            text=text,
            label=figure_title(json.loads(text)) or str(cls._meta.verbose_name),
            config=cls.get_plotly_config(),  # type: ignore[attr-defined]
            theme="dark" if is_dark(kwargs.get("request")) else "light",
            css_classes=kwargs.get("css_classes"),
        )
        return render_to_string(
            cls.template_name,
            {"template_id": template_id, "value": text, "chart": context},
            request=kwargs.get("request"),
        )


class PlotlyChartSerializer(PlotlyChartSerializerMixin, BaseChartSerializer):
    """A serializer whose ``get_data`` you write (any data your ``to_fig`` accepts)."""

    _meta: ClassVar[ChartSerializerOptions]


class ChartSerializer(ModelDataMixin, PlotlyChartSerializer):
    """A serializer of a model's rows: set ``Meta.model`` (and ``fields``), write ``to_fig(df)``."""

    _meta: ClassVar[ChartSerializerOptions]
