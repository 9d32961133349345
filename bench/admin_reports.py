"""The editors' admin pages that read every page: the evidence health report, its exports, the dashboard, the guide.

    .venv/bin/python bench/admin_reports.py [--sizes 0 1200] [--repeat 10]

Starts from the demo content (its pieces of award evidence: size 0), then adds generated projects, each with a
piece of evidence for every criterion of the demo's edition, a key figure and a gallery picture (as the demo's
projects have: a block that chooses an image, which reading the page's StreamFields could fetch), inserted in bulk
(tests/perf/bulk.py), until there are at least SIZE pieces of evidence, and measures again, signed in as a
superuser (who sees every language's work). The report and the dashboard read every page's StreamFields: their
query count must not change with the pages (tests/editorial/test_admin_report_queries.py asserts it); their
time grows with the figures they list, by design.
"""

from _common import bench_database, growth_arguments, measure_growth, signed_in_environ

URLS = [
    ("evidence report", "/admin/reports/evidence-health/"),
    ("evidence report, flagged, English", "/admin/reports/evidence-health/?flag=any&language=en"),
    ("evidence report, CSV", "/admin/reports/evidence-health/?export=csv"),
    ("evidence report, XLSX", "/admin/reports/evidence-health/?export=xlsx"),
    ("dashboard (admin home)", "/admin/"),
    ("editors' guide", "/admin/guide/"),
]


def grow_to(size, state):
    """Generated projects with evidence until there are at least ``size`` pieces of evidence."""
    from candidacy.models import ProgrammeEvidence, ProjectEvidence
    from projects.models import ProjectPage
    from tests.perf.bulk import add_children, add_evidence

    def evidence_count():
        return sum(model.objects.count() for model in (ProgrammeEvidence, ProjectEvidence))

    missing = size - evidence_count()
    if missing > 0:
        projects = add_children(
            state["index"],
            ProjectPage,
            -(-missing // len(state["criteria"])),
            lambda n: {
                "title": f"Progetto di prova {state['added'] + n + 1:04d}",
                "slug": f"progetto-di-prova-{state['added'] + n + 1:04d}",
                "summary": "Un progetto generato per misurare i resoconti della redazione.",
                "programme_id": state["programmes"][n % len(state["programmes"])].pk,
                "status": ProjectPage.STATUS_RUNNING,
                "key_figures": [{"type": "figure", "value": state["figure"]}],
                "gallery": [{"type": "image", "value": state["picture"]}],
            },
        )
        add_evidence(projects, state["criteria"], state["figure"])
        state["added"] += len(projects)
    print(f"pieces of evidence: {evidence_count()}", flush=True)


def main():
    args = growth_arguments(__doc__, sizes=(0, 1200))

    with bench_database(demo=True):
        from django.contrib.auth import get_user_model
        from wagtail.images import get_image_model
        from wagtail.models import Locale

        from base.blocks import KeyFigureBlock
        from candidacy.models import AwardCriterion, DossierPage
        from projects.models import ProgrammePage, ProjectIndexPage

        locale = Locale.get_default()
        dossier = DossierPage.objects.live().filter(locale=locale).first()
        state = {
            "added": 0,
            "index": ProjectIndexPage.objects.filter(locale=locale).first(),
            "programmes": list(ProgrammePage.objects.live().filter(locale=locale)),
            "criteria": list(AwardCriterion.objects.filter(edition=dossier.edition, locale=locale)),
            "figure": KeyFigureBlock.example(),
            "picture": {"image": get_image_model().objects.first().pk, "alt_text": "", "decorative": True},
        }
        user = get_user_model().objects.create_superuser("bench", "bench@example.org", "bench")
        measure_growth(
            args.sizes,
            lambda size: grow_to(size, state),
            URLS,
            args.repeat,
            "evidence",
            environ=signed_in_environ(user),
        )


if __name__ == "__main__":
    main()
