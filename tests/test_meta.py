"""Tests of dashboards.meta: Meta resolution and its hooks."""

from dashboards.meta import ClassWithMeta


class Base(ClassWithMeta):
    class Meta:
        colour = "red"
        name = "Base name"


class Child(Base):
    class Meta:
        size = 2


def test_meta_options_are_inherited_except_name_verbose_name_and_abstract():
    assert Child._meta.colour == "red"
    assert Child._meta.size == 2
    assert Child._meta.name == "Child"
    assert Child._meta.verbose_name == "Child"
    assert Child._meta.abstract is False


def test_meta_is_a_concrete_meta_class_per_class():
    assert Child._meta.__name__ == "ChildConcreteMeta"
    assert Child.get_meta() is Child._meta


def test_str_is_the_verbose_name():
    assert str(Base()) == "Base name"


def test_hooks_can_change_the_resolved_options():
    class Hooked(ClassWithMeta):
        @classmethod
        def preprocess_meta(cls, current_meta):
            return type("Meta", (), {"added": True})

        @classmethod
        def postprocess_meta(cls, current_meta, resolved):
            return {**resolved, "post": current_meta["added"]}

    assert Hooked._meta.added is True
    assert Hooked._meta.post is True
