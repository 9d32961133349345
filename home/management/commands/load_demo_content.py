from django.core.management.base import BaseCommand

from home.demo.loader import DemoLoader


class Command(BaseCommand):
    help = (
        "Load the demo content: home page, programmes, project case studies, news, ranking narrative, "
        "standard pages, snippets, images and site settings. Idempotent: creates only what is missing "
        "and never changes what exists, so edits made in the admin survive a rerun."
    )

    def handle(self, *args, **options):
        loader = DemoLoader().run()
        for warning in loader.warnings:
            self.stderr.write(self.style.WARNING(warning))

        def describe(counts):
            return ", ".join(f"{kind} {number}" for kind, number in sorted(counts.items())) or "nothing"

        if loader.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo content loaded. Created: {describe(loader.created)}. "
                    f"Already there, left as they were: {describe(loader.found)}."
                )
            )
        else:
            self.stdout.write(f"Demo content already complete, nothing changed ({describe(loader.found)}).")
