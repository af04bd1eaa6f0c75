"""Tests of dashboards.meta: Meta options declared on options classes, resolved into ``_meta``."""

import importlib
import pkgutil
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Sum

import examples
from dashboards.component.chart.serializers import ChartSerializer, ChartSerializerOptions
from dashboards.component.stat.serializers import (
    StatDateChangeSerializer,
    StatDateChangeSerializerOptions,
    StatSerializer,
    StatSerializerOptions,
)
from dashboards.component.table.serializers import TableSerializer, TableSerializerOptions
from dashboards.dashboard import Dashboard, ModelDashboard
from dashboards.meta import (
    ClassWithMeta,
    DashboardOptions,
    ModelDashboardOptions,
    Options,
    meta_options,
)
from dashboards.permissions import IsAdminUser, IsAuthenticated


class ShapeOptions(Options):
    #: A colour.
    colour: str = "black"
    #: A size.
    size: int = 1


class Shape(ClassWithMeta):
    options_class = ShapeOptions

    class Meta:
        abstract = True
        colour = "red"
        name = "Shape name"
        verbose_name = "Shape verbose name"


class Square(Shape):
    class Meta:
        size = 2


# -- resolution -------------------------------------------------------------------------------


def test_meta_is_an_instance_of_the_options_class_per_class():
    assert type(Square._meta) is ShapeOptions
    assert Square._meta is not Shape._meta
    assert vars(Square)["_meta"] is Square._meta  # a plain class attribute


def test_get_meta_returns_the_options():
    assert Square.get_meta() is Square._meta


def test_options_are_inherited_from_the_bases():
    assert Square._meta.colour == "red"
    assert Square._meta.size == 2


def test_name_verbose_name_and_abstract_are_not_inherited():
    assert (Shape._meta.name, Shape._meta.verbose_name, Shape._meta.abstract) == (
        "Shape name",
        "Shape verbose name",
        True,
    )
    assert (Square._meta.name, Square._meta.verbose_name, Square._meta.abstract) == (
        "Square",
        "Square",
        False,
    )


def test_options_left_unset_take_the_options_class_defaults():
    class Plain(ClassWithMeta):
        options_class = ShapeOptions

    assert Plain._meta.as_dict() == {
        "abstract": False,
        "name": "Plain",
        "verbose_name": "Plain",
        "colour": "black",
        "size": 1,
    }


def test_a_meta_may_subclass_a_parent_meta_except_for_the_options_not_inherited():
    class Circle(Shape):
        class Meta(Shape.Meta):
            size = 3

    assert (Circle._meta.colour, Circle._meta.size) == ("red", 3)
    assert (Circle._meta.name, Circle._meta.abstract) == ("Circle", False)


def test_an_options_object_takes_its_options_as_keyword_arguments():
    options = ShapeOptions(colour="green")
    assert (options.colour, options.size) == ("green", 1)
    with pytest.raises(TypeError, match="ShapeOptions has no option 'color'"):
        ShapeOptions(color="green")


def test_an_options_object_shows_its_options_in_its_repr():
    assert repr(ShapeOptions(size=4)) == (
        "<ShapeOptions {'abstract': False, 'name': '', 'verbose_name': '', 'colour': 'black', "
        "'size': 4}>"
    )


def test_str_is_the_verbose_name():
    assert str(Shape()) == "Shape verbose name"


def test_hooks_can_change_the_resolved_options():
    class Hooked(ClassWithMeta):
        options_class = ShapeOptions

        @classmethod
        def preprocess_meta(cls, current_meta):
            return type("Meta", (), {"colour": "blue"})

        @classmethod
        def postprocess_meta(cls, current_meta, resolved):
            resolved = super().postprocess_meta(current_meta, resolved)
            return {**resolved, "size": len(current_meta["colour"])}

    assert (Hooked._meta.colour, Hooked._meta.size) == ("blue", 4)


# -- unknown options --------------------------------------------------------------------------


def test_a_typo_in_a_dashboard_meta_raises_and_suggests_the_option():
    with pytest.raises(ImproperlyConfigured) as error:

        class MyDashboard(Dashboard):
            class Meta:
                app_label = "testapp"
                permision_classes = [IsAdminUser]

    assert str(error.value) == (
        "MyDashboard.Meta has no option 'permision_classes'. Did you mean 'permission_classes'?"
    )


def test_an_unknown_option_without_a_close_match_lists_the_valid_ones():
    with pytest.raises(ImproperlyConfigured) as error:

        class Odd(Shape):
            class Meta:
                weight = 3

    assert str(error.value) == (
        "Odd.Meta has no option 'weight'. "
        "Its options are: abstract, name, verbose_name, colour, size."
    )


@pytest.mark.parametrize(
    ("base", "typo", "option"),
    [
        (TableSerializer, "colums", "columns"),
        (ChartSerializer, "feilds", "fields"),
        (StatSerializer, "annotation_feild", "annotation_field"),
        (StatDateChangeSerializer, "previous_detla", "previous_delta"),
    ],
)
def test_a_typo_in_a_serializer_meta_raises_and_suggests_the_option(base, typo, option):
    meta = type("Meta", (), {typo: "x"})
    with pytest.raises(ImproperlyConfigured) as error:
        type(base)("Misspelled", (base,), {"Meta": meta, "__module__": __name__})

    expected = f"Misspelled.Meta has no option {typo!r}. Did you mean {option!r}?"
    assert str(error.value) == expected


def test_model_is_an_option_of_model_dashboards_only():
    with pytest.raises(ImproperlyConfigured, match="has no option 'model'"):

        class NotAModelDashboard(Dashboard):
            class Meta:
                app_label = "testapp"
                model = User


def test_dunder_names_in_a_meta_are_ignored():
    meta = type("Meta", (), {"__doc__": "Docs.", "__custom__": 1, "size": 5})
    assert meta_options(meta) == {"size": 5}


def test_names_bound_by_an_import_in_a_meta_are_ignored():
    class Accounts(ModelDashboard):
        class Meta:
            from django.contrib.auth.models import User

            app_label = "testapp"
            model = User

    assert Accounts._meta.model is User
    assert not hasattr(Accounts._meta, "User")


def test_a_postprocess_hook_cannot_add_an_undeclared_option():
    with pytest.raises(ImproperlyConfigured) as error:

        class Sloppy(ClassWithMeta):
            options_class = ShapeOptions

            @classmethod
            def postprocess_meta(cls, current_meta, resolved):
                return {**resolved, "colur": "green"}

    assert str(error.value) == (
        "Sloppy.postprocess_meta() set 'colur', which is not an option of ShapeOptions. "
        "Did you mean 'colour'?"
    )


def test_an_options_class_must_extend_the_options_class_of_its_bases():
    with pytest.raises(ImproperlyConfigured, match="must subclass ShapeOptions"):

        class Unrelated(Shape):
            options_class = Options


# -- the options of each family ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("cls", "options_class"),
    [
        (Dashboard, DashboardOptions),
        (ModelDashboard, ModelDashboardOptions),
        (TableSerializer, TableSerializerOptions),
        (ChartSerializer, ChartSerializerOptions),
        (StatSerializer, StatSerializerOptions),
        (StatDateChangeSerializer, StatDateChangeSerializerOptions),
    ],
)
def test_each_family_resolves_its_meta_into_its_options_class(cls, options_class):
    assert type(cls._meta) is options_class
    assert cls.options_class is options_class


def test_dashboard_options_are_inherited_except_name():
    class Parent(Dashboard):
        class Meta:
            app_label = "testapp"
            name = "Parent"
            permission_classes = [IsAuthenticated]
            lookup_field = "slug"

    class Child(Parent):
        pass

    assert Child._meta.permission_classes == [IsAuthenticated]
    assert (Child._meta.lookup_field, Child._meta.lookup_kwarg) == ("slug", "lookup")
    assert (Child._meta.name, Child._meta.app_label) == ("Child", "testapp")


def test_serializer_options_are_inherited_except_the_title_derived_name():
    class Revenue(StatDateChangeSerializer):
        class Meta:
            title = "Revenue"
            annotation = Sum
            annotation_field = "total"
            previous_delta = timedelta(days=7)

    class WeeklyRevenue(Revenue):
        class Meta:
            date_field_name = "created"

    meta = WeeklyRevenue._meta
    assert (meta.annotation, meta.annotation_field) == (Sum, "total")
    assert (meta.previous_delta, meta.date_field_name) == (timedelta(days=7), "created")
    assert meta.title == "Revenue"


def test_every_meta_option_used_in_the_examples_is_declared():
    families = set()
    for module_info in pkgutil.walk_packages(examples.__path__, "examples."):
        name = module_info.name
        if name.rsplit(".", 1)[-1] in {"manage", "asgi", "wsgi"} or ".migrations" in name:
            continue
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, ClassWithMeta)
                and value.__module__ == name
            ):
                own = meta_options(vars(value).get("Meta"))
                assert set(own) <= set(value.options_class.option_names()), value
                families.add(value.options_class)
    assert families >= {
        DashboardOptions,
        ModelDashboardOptions,
        TableSerializerOptions,
        ChartSerializerOptions,
        StatSerializerOptions,
        StatDateChangeSerializerOptions,
    }
