"""What readers may see of a set of pages of any type: each feature hides its own.

A feature registers a ``hide_from_public`` Wagtail hook that takes a page queryset and returns it without
the pages it keeps from readers (the news hides releases under embargo, news/wagtail_hooks.py). The site
chrome (menus, breadcrumbs, language links, footer links) asks ``visible_pages()``, so the base names no
feature.

A page that names another (a project its programme, a news item its related pages, a map block its chosen
projects) names it to readers only where ``readable_pages()`` keeps it, in every channel: HTML, maps, open data,
API. The page shown is public; the page it names may still be a draft, unpublished or in a private section.
"""

from django.db.models import Exists, OuterRef, Prefetch
from wagtail import hooks
from wagtail.models import Page

from .models import public_pages


def hiding_hooks():
    """The ``hide_from_public`` hooks: what a query built once must be built again for when it changes
    (base/prepared_queries.py, ``vary_on``). A hook that compares with the current time asks
    ``base.prepared_queries.now()``, not the clock itself, so that a query built once compares with the time of each
    run."""
    return tuple(hooks.get_hooks("hide_from_public"))


def visible_pages(pages):
    """``pages`` (a queryset of any page type) without what any feature hides from the public."""
    for hide in hooks.get_hooks("hide_from_public"):
        pages = hide(pages)
    return pages


def readable_pages(pages):
    """``pages`` (a queryset of any page type) that readers may open: live, outside private sections (login,
    password, groups), hidden by no feature (a release under embargo). In the same query."""
    return visible_pages(public_pages(pages.live()))


def readable_page_exists(relation):
    """Whether the page the foreign key ``relation`` of the outer query's rows names is readable, as an ``Exists``
    for ``annotate``: a listing learns it for every row in its own query, where asking each row cost one each."""
    return Exists(readable_pages(Page.objects.all()).filter(pk=OuterRef(relation)))


def readable_related_pages(instance, name):
    """The pages the many-to-many ``name`` of ``instance`` relates that readers may open, as a queryset (one query).

    By id: in a preview the relation is held in memory, not in a queryset that can be filtered (values_list is then a
    list; otherwise a subquery, so still one query)."""
    model = instance._meta.get_field(name).related_model
    return readable_pages(model.objects.filter(pk__in=getattr(instance, name).values_list("id", flat=True)))


def readable_linked_page(instance, relation):
    """The page the foreign key ``relation`` of ``instance`` names if readers may open it, else None.

    Known without a query of its own when the instance's query annotated ``<relation>_readable`` with
    ``readable_page_exists(relation)`` (listings, a routed page's ``routed_linked_pages``); else asked in one query,
    which loads the page too, and remembered on the instance."""
    if getattr(instance, f"{relation}_id") is None:
        return None
    readable = getattr(instance, f"{relation}_readable", None)
    if readable is None:
        model = instance._meta.get_field(relation).related_model
        page = readable_pages(model.objects.filter(pk=getattr(instance, f"{relation}_id"))).first()
        setattr(instance, f"{relation}_readable", page is not None)
        if page is not None:
            setattr(instance, relation, page)
        return page
    return getattr(instance, relation) if readable else None


def readable_related_prefetch(model, name):
    """A ``Prefetch`` for a listing of ``model``: of the pages its many-to-many ``name`` relates, those readers may
    open, read back by ``readable_related``."""
    related = model._meta.get_field(name).related_model
    return Prefetch(name, queryset=readable_pages(related.objects.all()), to_attr=f"readable_{name}")


def readable_related(instance, name):
    """The pages the many-to-many ``name`` of ``instance`` relates that readers may open, as a list: those its
    listing prefetched (``readable_related_prefetch``), else one query (``readable_related_pages``)."""
    prefetched = getattr(instance, f"readable_{name}", None)
    if prefetched is not None:
        return prefetched
    return list(readable_related_pages(instance, name))
