"""Dependencies run one way: features build on ``base``, and ``base`` imports no feature.

Read from the source (every ``import`` statement, those inside functions included), not from what happens
to be imported at run time:

- ``base`` imports no feature app, nor ``config`` (Django's wiring: settings, URLs, middleware), which builds on
  base and the features;
- a feature imports another feature's ``models`` module at most, never its views, forms, blocks or
  helpers (what one feature offers another goes through base: a hook, a registry, a model);
- no two features depend on each other, directly or through others (no cycle).

The features are found, not listed: every top-level package with an ``apps.py`` other than ``base``, so a new app
is checked from its first commit. Migrations are left out: they are generated, and name whatever the models named
when they were made.
"""

import ast
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
BASE = "base"
CONFIG = "config"  # not an app: the settings, URLs and middleware, which may import anything of ours


def features(root):
    """The feature apps under ``root``: each top-level package with an ``apps.py``, ``base`` excepted."""
    return tuple(sorted(path.parent.name for path in root.glob("*/apps.py") if path.parent.name != BASE))


def _imports(path, package, packages):
    """The modules ``path`` imports, as absolute dotted names, with their line numbers."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            if module in packages:  # "from projects import models" imports the module projects.models
                for alias in node.names:
                    yield f"{module}.{alias.name}", node.lineno
            else:
                yield module, node.lineno


def _python_files(app_dir):
    for path in sorted(app_dir.rglob("*.py")):
        if "migrations" not in path.relative_to(app_dir).parts:
            yield path


def violations(root):
    """Every breach of the rules in the apps under ``root``, as readable lines."""
    found, edges = [], {}
    feature_apps = features(root)
    packages = (BASE, CONFIG, *feature_apps)
    for app in (BASE, *feature_apps):
        app_dir = root / app
        if not app_dir.is_dir():
            continue
        for path in _python_files(app_dir):
            relative = path.relative_to(root)
            package = ".".join(relative.with_suffix("").parts)
            if path.name != "__init__.py":
                package = package.rsplit(".", 1)[0]
            for module, line in _imports(path, package, packages):
                target = module.split(".")[0]
                where = f"{relative}:{line}"
                if app == BASE and target == CONFIG:
                    found.append(f"{where}: base imports {module} (config builds on base, not the other way)")
                    continue
                if target == app or target not in feature_apps:
                    continue
                if app == BASE:
                    found.append(f"{where}: base imports the feature module {module}")
                    continue
                edges.setdefault(app, set()).add(target)
                if module != f"{target}.models":
                    found.append(f"{where}: {app} reaches into {module} (only {target}.models may be imported)")
    found.extend(f"features depend on each other in a circle: {' → '.join(cycle)}" for cycle in _cycles(edges))
    return found


def _cycles(edges):
    """Each cycle of the app graph once, starting from its alphabetically first app."""
    cycles = set()

    def walk(start, app, path):
        for target in sorted(edges.get(app, ())):
            if target == start:
                cycles.add((*path, start))
            elif target not in path and target > start:
                walk(start, target, (*path, target))

    for start in sorted(edges):
        walk(start, start, (start,))
    return sorted(cycles)


def test_the_code_keeps_the_direction():
    assert violations(ROOT) == []


def test_every_app_of_ours_is_checked():
    """The features found are the apps we know of, and every installed app that lives here is base or one of them."""
    found = features(ROOT)
    known = {
        "accounts",
        "candidacy",
        "demo",
        "earlyaccess",
        "editorial",
        "home",
        "news",
        "opendata",
        "projects",
        "search",
    }
    assert known <= set(found)
    assert BASE not in found and CONFIG not in found
    ours = {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(ROOT) and "site-packages" not in Path(config.path).parts
    }
    assert ours == {BASE, *found}


def _write(root, files):
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")


def _apps(*names):
    """The ``apps.py`` that makes each of ``names`` an app of the synthetic tree."""
    return {f"{name}/apps.py": "from django.apps import AppConfig\n" for name in names}


def test_the_checker_catches_each_kind_of_breach(tmp_path):
    _write(
        tmp_path,
        {
            **_apps("base", "news", "home", "projects", "opendata", "candidacy", "earlyaccess"),
            "base/__init__.py": "",
            "base/models.py": "from wagtail.models import Page\n",
            "base/templatetags/navigation_tags.py": "def menu():\n    from news.models import without_embargoed\n",
            "base/fragment_cache.py": "from config.page_cache import next_change\n",
            "base/management/commands/clean.py": "from config import uploads\n",
            "config/urls.py": "from base.views import page_not_found\nfrom news.feeds import NewsFeed\n",
            "news/__init__.py": "",
            "news/models.py": "from base.models import Page\nfrom projects import models\n",
            "news/feeds.py": "from home.models import HomePage\n",
            "home/__init__.py": "",
            "home/models.py": "from news.models import NewsPage\n",
            "projects/__init__.py": "",
            "projects/models.py": "from base.models import Page\n",
            "opendata/__init__.py": "",
            "opendata/models.py": "from projects.views import PROJECT_FIELDS\nfrom . import api\n",
            "opendata/migrations/0001_initial.py": "import search.views\n",
            "candidacy/models.py": "from base.models import Page\n",
            "candidacy/dossier_pdf.py": "from base.site_url import site_root_url\n",
            "earlyaccess/models.py": "from candidacy.models import StoredPdf\n",
            "earlyaccess/views.py": "from candidacy import dossier_pdf\n",
        },
    )

    assert violations(tmp_path) == [
        "base/fragment_cache.py:1: base imports config.page_cache (config builds on base, not the other way)",
        "base/management/commands/clean.py:1: base imports config.uploads (config builds on base, not the other way)",
        "base/templatetags/navigation_tags.py:2: base imports the feature module news.models",
        "earlyaccess/views.py:1: earlyaccess reaches into candidacy.dossier_pdf"
        " (only candidacy.models may be imported)",
        "opendata/models.py:1: opendata reaches into projects.views (only projects.models may be imported)",
        "features depend on each other in a circle: home → news → home",
    ]


def test_a_new_app_is_checked_without_being_listed(tmp_path):
    _write(
        tmp_path,
        {
            **_apps("base", "projects", "newsletter"),
            "projects/models.py": "from base.models import Page\n",
            "projects/views.py": "from base.models import Page\n",
            "newsletter/models.py": "from projects.views import project_list\n",
            "base/models.py": "from newsletter.models import Issue\n",
        },
    )

    assert features(tmp_path) == ("newsletter", "projects")
    assert violations(tmp_path) == [
        "base/models.py:1: base imports the feature module newsletter.models",
        "newsletter/models.py:1: newsletter reaches into projects.views (only projects.models may be imported)",
    ]


def test_the_checker_accepts_a_tree_that_keeps_the_direction(tmp_path):
    _write(
        tmp_path,
        {
            **_apps("base", "projects", "news", "home", "candidacy", "earlyaccess"),
            "base/models.py": "from wagtail.models import Page\nfrom .blocks import BaseStreamBlock\n",
            "base/stored_pdf.py": "from base.site_url import site_root_url\n",
            "projects/models.py": "from base.models import Page\n",
            "news/models.py": "import projects.models\nfrom base import languages\n",
            "home/models.py": "from news.models import NewsPage\nfrom projects.models import ProjectPage\n",
            "candidacy/dossier_pdf.py": "from base import stored_pdf\n",
            "earlyaccess/views.py": "from base import stored_pdf\nfrom candidacy.models import DossierPage\n",
            "config/page_cache.py": "from base.cache_invalidation import next_change\n",
            "config/urls.py": "from earlyaccess import views\nfrom search.views import search\n",
        },
    )

    assert violations(tmp_path) == []
