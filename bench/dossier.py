"""The candidacy dossier: page, print view and PDF (what readers wait for it), and how they scale with evidence.

    .venv/bin/python bench/dossier.py [--repeat 10] [--pdf-builds 3] [--sizes 0 50 200]

Starts from the demo content (the Italian dossier of the 2024 edition), then adds generated projects,
each with evidence for every 2024 criterion and a key figure, and measures again: the number of queries
must not change with the amount of evidence. For the PDF, with every stored version deleted before each cold
build: the first reader's request (which claims the build, waits for it up to READER_WAIT_SECONDS, then gets the
"being prepared" page), a second reader's request during the build, the build itself (in its background thread),
and readers once it is ready. Requests go through the WSGI handler in this process, so a request's time is its
time to first byte. The build thread needs a database it can share: PostgreSQL with DATABASE_URL, else SQLite in
a temporary file (not in memory).
"""

import argparse
import os
import statistics
import tempfile
import threading
import time

if not os.environ.get("DATABASE_URL"):
    os.environ.setdefault(
        "SQLITE_TEST_DB_FILE", os.path.join(tempfile.gettempdir(), f"bench-dossier-{os.getpid()}.sqlite3")
    )

from _common import bench_database, get, measure, page_path, print_table  # noqa: E402


def wait_for_builds():
    for thread in threading.enumerate():
        if thread.name.startswith("dossier-pdf-"):
            thread.join()


def timed_get(path):
    started = time.perf_counter()
    status, body = get(path)
    return status, body, (time.perf_counter() - started) * 1000


def pdf_timings(path, builds, repeat):
    """[(what, statuses, median ms)] for the PDF at ``path``, and its size in bytes."""
    from candidacy.models import DossierPdf

    first, during, cold = [], [], []
    for _ in range(builds):
        DossierPdf.objects.all().delete()
        status, _body, ms = timed_get(path)
        first.append((status, ms))
        if status == 202:  # still building: what everyone else gets meanwhile
            status, _body, ms = timed_get(path)
            during.append((status, ms))
        wait_for_builds()
        stored = DossierPdf.objects.get()
        assert stored.state == DossierPdf.READY, stored.state
        cold.append(stored.build_seconds * 1000)
    ready = []
    for _ in range(repeat):
        status, body, ms = timed_get(path)
        assert status == 200 and body.startswith(b"%PDF-"), status
        ready.append(ms)

    def row(label, measured):
        statuses = "/".join(sorted({str(status) for status, _ms in measured}))
        return (label, statuses, statistics.median(ms for _status, ms in measured)) if measured else None

    rows = [
        row("PDF, first reader (starts the build)", first),
        row("PDF, a reader during the build", during),
        ("PDF, cold build (in the background)", "", statistics.median(cold)),
        ("PDF, ready", "200", statistics.median(ready)),
    ]
    return [r for r in rows if r is not None], len(body)


def grow(total, state):
    """Add generated projects with evidence until there are ``total`` of them."""
    from candidacy.models import ProjectEvidence
    from projects.models import ProjectPage

    for n in range(state["added"], total):
        project = ProjectPage(
            title=f"Progetto di prova {n + 1:03d}",
            slug=f"progetto-di-prova-{n + 1:03d}",
            summary="Un progetto generato per misurare il dossier quando le prove crescono.",
            programme=state["programmes"][n % len(state["programmes"])],
            status=ProjectPage.STATUS_RUNNING,
            address="Piazza Palazzo di Città 1, Torino",
            location=f"SRID=4326;POINT({7.60 + (n % 50) * 0.003:.4f} {45.02 + (n % 40) * 0.002:.4f})",
            live=True,
        )
        project.evidence = [
            ProjectEvidence(
                criterion=criterion,
                justification="Una prova generata, con un dato e la sua fonte.",
                key_figures=[
                    {
                        "type": "figure",
                        "value": {
                            "value": str(n),
                            "label": "prove generate",
                            "source_name": "Banco di prova",
                            "source_url": "https://example.org/bench",
                            "reference_date": "2024-01-01",
                        },
                    }
                ],
                sort_order=0,
            )
            for criterion in state["criteria"]
        ]
        state["index"].add_child(instance=project)
    state["added"] = max(state["added"], total)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="timed requests per URL (default 10)")
    parser.add_argument("--pdf-builds", type=int, default=3, help="cold PDF builds per size (default 3)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 50, 200], help="generated projects to add")
    args = parser.parse_args()

    from wagtail.models import Locale

    from candidacy.models import AwardCriterion, DossierPage, ProjectEvidence
    from projects.models import ProgrammePage, ProjectIndexPage

    with bench_database(demo=True):
        locale = Locale.get_default()
        page = DossierPage.objects.live().filter(locale=locale).first()
        path = page_path(page)
        state = {
            "added": 0,
            "index": ProjectIndexPage.objects.filter(locale=locale).first(),
            "programmes": list(ProgrammePage.objects.live().filter(locale=locale)),
            "criteria": list(AwardCriterion.objects.filter(edition=page.edition, locale=locale)),
        }
        rows = []
        for size in args.sizes:
            grow(size, state)
            evidence = ProjectEvidence.objects.filter(locale=locale).count()
            for label, url in (("page", path), ("print view", path + "print/")):
                status, queries, median, p90, kib = measure(url, repeat=args.repeat)
                rows.append((evidence, label, status, queries, f"{median:.1f}", f"{p90:.1f}", f"{kib / 1024:.0f}"))
            pdf_rows, size_bytes = pdf_timings(path + "pdf/", args.pdf_builds, args.repeat)
            _status, queries, _median, _p90, _size = measure(path + "pdf/", repeat=1, warmup=0)
            for label, statuses, ms in pdf_rows:
                shown_queries = queries if label == "PDF, ready" else ""
                rows.append((evidence, label, statuses, shown_queries, f"{ms:.0f}", "", f"{size_bytes / 1024:.0f}"))
        print(f"\n{path}: {len(state['criteria'])} criteria; medians of {args.repeat} requests\n")
        print_table(["project evidence", "what", "status", "queries", "median ms", "p90 ms", "KiB"], rows)


if __name__ == "__main__":
    main()
