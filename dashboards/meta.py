"""The ``class Meta`` machinery: each subclass gets a resolved ``_meta`` built from its own Meta and its bases'."""

from __future__ import annotations

from typing import Any, ClassVar

from django.apps import apps
from django.core.exceptions import AppRegistryNotReady, ImproperlyConfigured

#: Meta options every class resolves for itself instead of inheriting.
NOT_INHERITED = ("name", "verbose_name", "abstract")


def _public_attrs(klass: type | None) -> dict[str, Any]:
    """The non-dunder attributes defined directly on ``klass``."""
    if klass is None:
        return {}
    return {key: value for key, value in vars(klass).items() if not key.startswith("__")}


class ClassWithMeta:
    """Base for classes configured by an inner ``class Meta``; the resolved options live on ``cls._meta``."""

    _meta: ClassVar[type]

    class Meta:
        abstract = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = _public_attrs(cls.preprocess_meta(cls.__dict__.get("Meta")))
        resolved: dict[str, Any] = {}
        for base in reversed(cls.__bases__):
            base_meta = getattr(base, "_meta", None)
            if base_meta is not None:
                resolved.update(_public_attrs(base_meta))
        for key in NOT_INHERITED:
            resolved.pop(key, None)
        resolved.update(own)
        resolved.setdefault("abstract", False)
        resolved.setdefault("name", cls.__name__)
        resolved.setdefault("verbose_name", resolved["name"])
        resolved = cls.postprocess_meta(own, resolved)
        cls._meta = type(f"{cls.__name__}ConcreteMeta", (), resolved)

    @classmethod
    def preprocess_meta(cls, current_meta: type | None) -> type | None:
        """Hook: adjust the class's own ``Meta`` before it is resolved."""
        return current_meta

    @classmethod
    def postprocess_meta(cls, current_meta: dict[str, Any], resolved: dict[str, Any]) -> dict:
        """Hook: adjust the resolved options (``current_meta`` holds the class's own options)."""
        return resolved

    @classmethod
    def get_meta(cls) -> type:
        """Return the resolved options (templates use ``dashboard.get_meta.name``)."""
        return cls._meta

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


ClassWithMeta._meta = type(
    "ClassWithMetaConcreteMeta", (), {"abstract": True, "name": "", "verbose_name": ""}
)


class ClassWithAppConfigMeta(ClassWithMeta):
    """A ``ClassWithMeta`` whose ``_meta.app_label`` comes from its Meta or from the app that defines it."""

    class Meta:
        abstract = True

    @classmethod
    def postprocess_meta(cls, current_meta: dict[str, Any], resolved: dict[str, Any]) -> dict:
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
