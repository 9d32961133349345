"""Many pages at once, for tests and benchmarks that measure how the site scales (not a test module).

``add_children(parent, model, count, fields)`` inserts ``count`` live children of one page type in a handful of
queries: the ``wagtailcore_page`` rows with ``bulk_create``, then the page type's own rows, with paths and URL
paths computed here as treebeard and Wagtail would. Factories (which save, revise and index each page) take a
second or more per hundred pages; this takes a fraction of a second per thousand. Search indexing is left to
the caller (``index_pages``).
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

BATCH = 100


def add_children(parent, model, count, fields):
    """``count`` live children of ``parent`` of ``model``; ``fields(n)`` gives the n-th one's own fields,
    ``title`` and ``slug`` included. Returns them, saved."""
    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    page_fields = {f.attname for f in Page._meta.concrete_fields}
    pages, children = [], []
    for n in range(count):
        values = fields(n)
        path = Page._get_path(parent.path, parent.depth + 1, first_step + n)
        common = {
            "path": path,
            "depth": parent.depth + 1,
            "numchild": 0,
            "url_path": f"{parent.url_path}{values['slug']}/",
            "content_type": content_type,
            "locale_id": parent.locale_id,
            "live": True,
            "draft_title": values["title"],
            "translation_key": uuid.uuid4(),
            "first_published_at": now,
            "last_published_at": now,
        }
        own = {key: value for key, value in values.items() if key not in page_fields or key in ("title", "slug")}
        pages.append(Page(**common, **{k: v for k, v in values.items() if k in page_fields}))
        children.append((common, own))
    Page.objects.bulk_create(pages, batch_size=BATCH)
    objects = []
    m2m = {}
    for page, (common, own) in zip(pages, children, strict=True):
        relations = {k: own.pop(k) for k in list(own) if model._meta.get_field(k).many_to_many}
        child = model(page_ptr_id=page.pk, **common, **own)
        child.pk = page.pk
        objects.append(child)
        m2m[page.pk] = relations
    local_fields = model._meta.local_concrete_fields
    for start in range(0, len(objects), BATCH):
        model._base_manager._insert(objects[start : start + BATCH], fields=local_fields, raw=True)
    for name in {name for relations in m2m.values() for name in relations}:
        through = model._meta.get_field(name).remote_field.through
        source, target = _through_columns(through, model)
        rows = [
            through(**{source: pk, target: related.pk}) for pk, relations in m2m.items() for related in relations[name]
        ]
        through.objects.bulk_create(rows, batch_size=BATCH * 5)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + count)
    _analyze()
    return objects


def _analyze():
    """Statistics for PostgreSQL's planner, as autovacuum gathers them within a minute of a bulk insert in
    production. A test database has none: the planner then takes a thousand rows for one and nests the private-section
    subqueries of a listing inside a scan of every page (a programme page's query took 70 s instead of milliseconds;
    the query budgets' set-up 276 s instead of 17). ANALYZE counts the rows this (test's) transaction inserted."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _through_columns(through, model):
    """The attnames of the two foreign keys of an m2m's through table: (to ``model``, to the other model)."""
    source = target = None
    for field in through._meta.concrete_fields:
        if not field.is_relation:
            continue
        if issubclass(model, field.related_model) and source is None:
            source = field.attname
        else:
            target = field.attname
    return source, target


def index_pages(model, pages):
    """Put ``pages`` in the search index in bulk (the database backend's ``add_bulk``)."""
    get_search_backend().add_bulk(model, pages)


def add_evidence(pages, criteria, figure):
    """A piece of evidence for each of ``criteria`` on each of ``pages`` (programme or project pages), each with
    one key figure (``figure``: a KeyFigureBlock's raw value), in a few queries. Returns how many were added."""
    rows = [
        page.evidence.model(
            page_id=page.pk,
            criterion=criterion,
            locale_id=page.locale_id,
            justification="Una prova generata, con un dato e la sua fonte.",
            key_figures=[{"type": "figure", "value": figure}],
            sort_order=order,
        )
        for page in pages
        for order, criterion in enumerate(criteria)
    ]
    rows[0].__class__.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
