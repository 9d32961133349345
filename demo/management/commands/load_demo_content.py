from django.core.management.base import BaseCommand, CommandError

from demo.loader import DemoLoader
from demo.records import LanguageMismatch

LANGUAGES = [("it", "Italian"), ("en", "English"), (None, "shared")]


class Command(BaseCommand):
    help = (
        "Load the demo content in Italian and English: home page, programmes, project case studies, news, "
        "ranking narrative, standard pages, snippets, images and site settings; the English pages and snippets "
        "are translations of the Italian ones. Idempotent: creates only what is missing and never changes what "
        "exists, so edits made in the admin survive a rerun. The content is read from demo/content/, one record per "
        "page or snippet in both languages; a record whose languages do not match stops the command before it "
        "creates anything."
    )

    def handle(self, *args, **options):
        try:
            loader = DemoLoader().run()
        except LanguageMismatch as mismatch:
            raise CommandError(str(mismatch)) from mismatch
        for warning in loader.warnings:
            self.stderr.write(self.style.WARNING(warning))

        def describe(counts):
            """'Italian: pages 36, themes 10; English: …; shared: images 14' from {(language, kind): n}."""
            groups = []
            for language, name in LANGUAGES:
                kinds = sorted((kind, n) for (lang, kind), n in counts.items() if lang == language)
                if kinds:
                    groups.append(f"{name}: " + ", ".join(f"{kind} {n}" for kind, n in kinds))
            return "; ".join(groups) or "nothing"

        if loader.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo content loaded. Created — {describe(loader.created)}. "
                    f"Already there, left as they were — {describe(loader.found)}."
                )
            )
        else:
            self.stdout.write(f"Demo content already complete, nothing changed ({describe(loader.found)}).")
