"""What readers may see of a set of pages of any type: each feature hides its own.

A feature registers a ``hide_from_public`` Wagtail hook that takes a page queryset and returns it without
the pages it keeps from readers (the news hides releases under embargo, news/wagtail_hooks.py). The site
chrome (menus, breadcrumbs, language links, footer links) asks ``visible_pages()``, so the base names no
feature.
"""

from wagtail import hooks


def visible_pages(pages):
    """``pages`` (a queryset of any page type) without what any feature hides from the public."""
    for hide in hooks.get_hooks("hide_from_public"):
        pages = hide(pages)
    return pages
