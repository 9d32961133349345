from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "torino-dev"  # noqa: S105 - documented development credential, refused outside DEBUG


class Command(BaseCommand):
    help = "Create the development superuser admin / torino-dev (development settings only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("create_dev_admin only runs with DEBUG on: use createsuperuser in production.")
        user_model = get_user_model()
        if user_model.objects.filter(username=USERNAME).exists():
            self.stdout.write(f"Development user '{USERNAME}' already exists.")
            return
        user_model.objects.create_superuser(USERNAME, "admin@example.org", PASSWORD)
        self.stdout.write(self.style.SUCCESS(f"Created development user '{USERNAME}' with password '{PASSWORD}'."))
