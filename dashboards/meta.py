"""The ``class Meta`` machinery: each class gets ``_meta``, an options object built from its own Meta
and its bases' options.

Each family of classes declares its options as a subclass of :class:`Options` (typed attributes with
defaults, as Django's model ``Options`` or django-filter's ``FilterSetOptions``) and names it in
``options_class``. A class's Meta may set only those options: anything else (a typo such as
``permision_classes``) raises ``ImproperlyConfigured`` when the class is created, instead of being
ignored.
"""

from __future__ import annotations

import difflib
import inspect
from typing import TYPE_CHECKING, Any, ClassVar

from django.apps import apps
from django.core.exceptions import AppRegistryNotReady, ImproperlyConfigured

if TYPE_CHECKING:
    import django.db.models

    from dashboards.permissions import BasePermission

__all__ = [
    "NOT_INHERITED",
    "AppConfigOptions",
    "ClassWithAppConfigMeta",
    "ClassWithMeta",
    "ClassWithTitledMeta",
    "DashboardOptions",
    "ModelDashboardOptions",
    "Options",
    "is_option_name",
    "meta_options",
    "name_after_title",
    "suggest_option",
]

#: Meta options every class resolves for itself instead of inheriting.
NOT_INHERITED = ("name", "verbose_name", "abstract")


class Options:
    """The resolved ``class Meta`` of a class: one instance per class, at ``cls._meta``.

    Each option is a class attribute with a type annotation and a default. Subclass it to declare
    the options of a family of classes, and name the subclass in that family's ``options_class``.
    """

    #: The option names, in declaration order (parents' first); set for each options class.
    _option_names: ClassVar[tuple[str, ...]] = ()

    #: Marks a base class meant to be subclassed. Not inherited: ``False`` unless the class's own
    #: Meta sets it.
    abstract: bool = False
    #: Short name. Not inherited: the class name unless the class's own Meta sets it.
    name: str = ""
    #: Long name. Not inherited: ``name`` unless the class's own Meta sets it.
    verbose_name: str = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._option_names = cls._collect_option_names()

    @classmethod
    def _collect_option_names(cls) -> tuple[str, ...]:
        names: dict[str, None] = {}
        for klass in reversed(cls.__mro__):
            for name, annotation in inspect.get_annotations(klass).items():
                if not name.startswith("_") and "ClassVar" not in str(annotation):
                    names[name] = None
        return tuple(names)

    def __init__(self, **options: Any) -> None:
        unknown = [key for key in options if key not in self._option_names]
        if unknown:
            raise TypeError(f"{type(self).__name__} has no option {unknown[0]!r}.")
        for name in self._option_names:
            setattr(self, name, options.get(name, getattr(type(self), name)))

    @classmethod
    def option_names(cls) -> tuple[str, ...]:
        """The names of the options, in declaration order (parents' first)."""
        return cls._option_names

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        """Each option's default."""
        return {name: getattr(cls, name) for name in cls._option_names}

    def as_dict(self) -> dict[str, Any]:
        """Each option's value."""
        return {name: getattr(self, name) for name in self._option_names}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.as_dict()!r}>"


Options._option_names = Options._collect_option_names()


class AppConfigOptions(Options):
    """The options of a :class:`ClassWithAppConfigMeta`: :class:`Options` and ``app_label``."""

    #: The label of the app the class belongs to: the one its own Meta sets, else that of the
    #: installed app that contains its module, else the inherited one.
    app_label: str = ""


class DashboardOptions(AppConfigOptions):
    """The Meta options of a :class:`~dashboards.dashboard.Dashboard` (see :doc:`/dashboards`)."""

    #: Whether menus and the ``dashboard_urls`` template tag list the dashboard. Defaults to
    #: ``not abstract`` unless the class's own Meta sets it.
    include_in_menu: bool = True
    #: The permission classes (classes, not instances) that decide who may see the dashboard;
    #: ``None`` (or empty) applies ``DASHBOARDS_DEFAULT_PERMISSION_CLASSES``.
    permission_classes: list[type[BasePermission]] | None = None
    #: A template rendered in place of the layout.
    template_name: str | None = None
    #: A django-filter ``FilterSet`` class: the page gets a filter bar.
    filterset_class: type[Any] | None = None
    #: Whether the page streams under ASGI: the page at once, each slow component's HTML into its
    #: slot as it resolves (see :doc:`/streaming`). ``None`` follows ``DASHBOARDS_STREAM``.
    stream: bool | None = None
    #: For a ModelDashboard: the name of the URL argument holding the object's lookup value.
    lookup_kwarg: str = "lookup"
    #: For a ModelDashboard: the model field the lookup value is matched against.
    lookup_field: str = "pk"


class ModelDashboardOptions(DashboardOptions):
    """The Meta options of a :class:`~dashboards.dashboard.ModelDashboard`: those of a dashboard,
    and ``model``."""

    #: The model whose objects the dashboard shows (unless ``get_queryset`` is overridden).
    model: type[django.db.models.Model] | None = None


def is_option_name(key: str, value: Any) -> bool:
    """Whether an attribute of a ``class Meta`` is meant as an option.

    Dunder names are not, nor is a name bound to an object of that name, which is what ``import``,
    ``def`` and ``class`` statements in a Meta bind (``from django.contrib.auth.models import
    User`` before ``model = User``).
    """
    if key.startswith("__") and key.endswith("__"):
        return False
    return getattr(value, "__name__", None) != key


def meta_options(meta: type | None) -> dict[str, Any]:
    """The options a ``class Meta`` sets: its attributes, except those :func:`is_option_name`
    rejects.

    A Meta may subclass another Meta (``class Meta(Parent.Meta)``) and take its options, except
    ``name``, ``verbose_name`` and ``abstract``, which count only when the Meta sets them itself.
    """
    if meta is None:
        return {}
    found: dict[str, Any] = {}
    for klass in reversed(meta.__mro__[:-1]):  # the Meta and its bases, without ``object``
        for key, value in vars(klass).items():
            if not is_option_name(key, value):
                continue
            if klass is not meta and key in NOT_INHERITED:
                continue
            found[key] = value
    return found


def name_after_title(
    title: Any, current_meta: dict[str, Any], resolved: dict[str, Any]
) -> dict[str, Any]:
    """Make ``title`` the ``name`` and ``verbose_name`` of the resolved options, unless the class's
    own Meta sets them (serializers are named after their title)."""
    if title:
        for key in ("name", "verbose_name"):
            if key not in current_meta:
                resolved[key] = title
    return resolved


def suggest_option(key: str, options_class: type[Options]) -> str:
    """The closest option to ``key`` as "Did you mean …?", else the list of the valid ones."""
    names = options_class.option_names()
    close = difflib.get_close_matches(key, names, n=1)
    if close:
        return f"Did you mean {close[0]!r}?"
    return f"Its options are: {', '.join(names)}."


class ClassWithMeta:
    """Base for classes configured by an inner ``class Meta``; the resolved options are ``cls._meta``.

    ``options_class`` declares the options a Meta may set; an unknown one raises
    ``ImproperlyConfigured`` when the class is created. Options are inherited from the bases'
    ``_meta``, except ``name``, ``verbose_name`` and ``abstract``.
    """

    #: The options a Meta of this family may set; ``_meta`` is an instance of it.
    options_class: ClassVar[type[Options]] = Options
    #: The resolved options of this class.
    _meta: ClassVar[Options]

    class Meta:
        abstract = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._meta = cls._resolve_meta()

    @classmethod
    def _resolve_meta(cls) -> Options:
        options_class = cls.options_class
        names = options_class.option_names()
        own = meta_options(cls.preprocess_meta(cls.__dict__.get("Meta")))
        unknown = [key for key in own if key not in names]
        if unknown:
            raise ImproperlyConfigured(
                " ".join(
                    f"{cls.__name__}.Meta has no option {key!r}. "
                    f"{suggest_option(key, options_class)}"
                    for key in unknown
                )
            )
        resolved = options_class.defaults()
        for base in reversed(cls.__bases__):
            base_meta = getattr(base, "_meta", None)
            if isinstance(base_meta, Options):
                if not issubclass(options_class, type(base_meta)):
                    raise ImproperlyConfigured(
                        f"{cls.__name__}.options_class ({options_class.__name__}) must subclass "
                        f"{type(base_meta).__name__}, the options class of its base "
                        f"{base.__name__}."
                    )
                resolved.update(base_meta.as_dict())
        for key in NOT_INHERITED:
            resolved.pop(key, None)
        resolved.update(own)
        resolved.setdefault("abstract", False)
        resolved.setdefault("name", cls.__name__)
        resolved.setdefault("verbose_name", resolved["name"])
        resolved = cls.postprocess_meta(own, resolved)
        extra = [key for key in resolved if key not in names]
        if extra:
            raise ImproperlyConfigured(
                f"{cls.__name__}.postprocess_meta() set {extra[0]!r}, which is not an option of "
                f"{options_class.__name__}. {suggest_option(extra[0], options_class)}"
            )
        return options_class(**resolved)

    @classmethod
    def preprocess_meta(cls, current_meta: type | None) -> type | None:
        """Hook: adjust the class's own ``Meta`` before it is resolved."""
        return current_meta

    @classmethod
    def postprocess_meta(
        cls, current_meta: dict[str, Any], resolved: dict[str, Any]
    ) -> dict[str, Any]:
        """Hook: adjust the resolved options (``current_meta`` holds the class's own options).

        ``resolved`` holds every option; the returned dict becomes ``cls._meta``.
        """
        return resolved

    @classmethod
    def get_meta(cls) -> Options:
        """Return the resolved options (templates use ``dashboard.get_meta.name``)."""
        return cls._meta

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


ClassWithMeta._meta = Options(abstract=True)


class ClassWithTitledMeta(ClassWithMeta):
    """A ``ClassWithMeta`` named after its ``Meta.title`` (inherited too), unless it sets a name."""

    @classmethod
    def postprocess_meta(
        cls, current_meta: dict[str, Any], resolved: dict[str, Any]
    ) -> dict[str, Any]:
        """A ``title`` is also the name, unless one is set."""
        resolved = super().postprocess_meta(current_meta, resolved)
        return name_after_title(resolved.get("title"), current_meta, resolved)


class ClassWithAppConfigMeta(ClassWithMeta):
    """A ``ClassWithMeta`` whose ``_meta.app_label`` comes from its Meta or from the app that defines it."""

    options_class = AppConfigOptions
    _meta: ClassVar[AppConfigOptions]

    class Meta:
        abstract = True

    @classmethod
    def postprocess_meta(
        cls, current_meta: dict[str, Any], resolved: dict[str, Any]
    ) -> dict[str, Any]:
        """Resolve ``app_label``: the class's own Meta, else its containing app, else the inherited one.

        Abstract classes take no label from their app, so subclasses elsewhere never inherit it.
        """
        resolved = super().postprocess_meta(current_meta, resolved)
        if "app_label" in current_meta or resolved["abstract"]:
            return resolved
        try:
            app_config = apps.get_containing_app_config(cls.__module__)
        except AppRegistryNotReady:
            app_config = None
        if app_config is not None:
            resolved["app_label"] = app_config.label
        elif not resolved.get("app_label"):
            raise ImproperlyConfigured(
                f"{cls.__module__}.{cls.__qualname__} is not in an installed app: set "
                "Meta.app_label, or define it in an installed app's dashboards.py."
            )
        return resolved
