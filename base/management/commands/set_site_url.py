"""Give the default Wagtail Site the public address in the SITE_URL setting. Idempotent.

Every absolute URL the site writes (canonical, hreflang, Open Graph, JSON-LD, sitemap, feeds, open data,
API, the dossier's PDF) is built from the default Site's hostname and port (base/site_url.py). Run on every
deploy and by `make setup`, so that the Site follows the environment: a Site edited by hand in the admin
(Settings › Sites) is set back to SITE_URL.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Site

from base.site_url import parse_site_url


class Command(BaseCommand):
    help = (
        "Set the hostname and port of the default Wagtail Site from the SITE_URL setting (environment variable "
        "SITE_URL), so that every absolute URL of the site starts with it. Changes nothing when they already agree."
    )

    def handle(self, *args, **options):
        try:
            hostname, port = parse_site_url(settings.SITE_URL)
        except ValueError as error:
            raise CommandError(f"SITE_URL: {error}") from error

        with transaction.atomic():
            site = Site.objects.select_for_update().filter(is_default_site=True).first()
            if site is None:
                raise CommandError(
                    "There is no default Site. Create one in the admin (Settings › Sites, root page: the home page, "
                    "'Is default site' ticked), or run `manage.py load_demo_content`, then run this command again."
                )
            if (site.hostname, site.port) == (hostname, port):
                self.stdout.write(f"The default Site already has the address {site.root_url}: nothing changed.")
                return
            clash = Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).first()
            if clash is not None:
                raise CommandError(
                    f"Another Site ({clash}) already has {hostname}:{port}. Delete it or change its address in the "
                    "admin (Settings › Sites), then run this command again."
                )
            previous = site.root_url
            site.hostname, site.port = hostname, port
            site.save()
        self.stdout.write(self.style.SUCCESS(f"The default Site's address is now {site.root_url} (was {previous})."))
