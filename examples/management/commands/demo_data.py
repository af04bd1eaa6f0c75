"""``manage.py demo_data``: create the example site's users, so every example has something to show."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

# username, password, is_staff, groups
DEMO_USERS = [
    ("admin", "admin", True, []),
    ("analyst", "analyst", False, ["analysts"]),
    ("member", "member", False, []),
]


class Command(BaseCommand):
    help = "Create the demo users (each password is the user's name) and each example app's data."

    def handle(self, *args, **options) -> None:
        user_model = get_user_model()
        for username, password, is_staff, groups in DEMO_USERS:
            user, _ = user_model.objects.update_or_create(
                username=username, defaults={"is_staff": is_staff, "is_superuser": is_staff}
            )
            user.set_password(password)
            user.save()
            user.groups.set(Group.objects.get_or_create(name=name)[0] for name in groups)
            self.stdout.write(f"User {username!r} (password {password!r})")
        # Each example app with a ``demo`` module loads its own data.
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if app_config.name.startswith("examples.") and find_spec(module_name):
                counts = import_module(module_name).load()
                self.stdout.write(f"{app_config.label}: {counts}")
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
