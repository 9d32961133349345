"""Dependencies run one way: features build on ``base``, and ``base`` imports no feature.

Read from the source (every ``import`` statement, those inside functions included), not from what happens
to be imported at run time:

- ``base`` imports no feature app;
- a feature imports another feature's ``models`` module at most, never its views, forms, blocks or
  helpers (what one feature offers another goes through base: a hook, a registry, a model);
- no two features depend on each other, directly or through others (no cycle).

Migrations are left out: they are generated, and name whatever the models named when they were made.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = "base"
FEATURES = ("home", "projects", "news", "candidacy", "editorial", "opendata", "search", "accounts", "demo")


def _imports(path, package):
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
            if module in (*FEATURES, BASE):  # "from projects import models" imports the module projects.models
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
    for app in (BASE, *FEATURES):
        app_dir = root / app
        if not app_dir.is_dir():
            continue
        for path in _python_files(app_dir):
            relative = path.relative_to(root)
            package = ".".join(relative.with_suffix("").parts)
            if path.name != "__init__.py":
                package = package.rsplit(".", 1)[0]
            for module, line in _imports(path, package):
                target = module.split(".")[0]
                if target == app or target not in FEATURES:
                    continue
                where = f"{relative}:{line}"
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


def _write(root, files):
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")


def test_the_checker_catches_each_kind_of_breach(tmp_path):
    _write(
        tmp_path,
        {
            "base/__init__.py": "",
            "base/models.py": "from wagtail.models import Page\n",
            "base/templatetags/navigation_tags.py": "def menu():\n    from news.models import without_embargoed\n",
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
        },
    )

    assert violations(tmp_path) == [
        "base/templatetags/navigation_tags.py:2: base imports the feature module news.models",
        "opendata/models.py:1: opendata reaches into projects.views (only projects.models may be imported)",
        "features depend on each other in a circle: home → news → home",
    ]


def test_the_checker_accepts_a_tree_that_keeps_the_direction(tmp_path):
    _write(
        tmp_path,
        {
            "base/models.py": "from wagtail.models import Page\nfrom .blocks import BaseStreamBlock\n",
            "projects/models.py": "from base.models import Page\n",
            "news/models.py": "import projects.models\nfrom base import languages\n",
            "home/models.py": "from news.models import NewsPage\nfrom projects.models import ProjectPage\n",
        },
    )

    assert violations(tmp_path) == []
