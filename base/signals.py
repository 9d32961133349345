"""Signal handlers that keep the Italian and English trees whole and consistent with each other.

Connected in ``BaseConfig.ready()`` (``base/apps.py``).

Child counts (``repair_child_count``)
    wagtail-localize bug #773: translating a page "including subtree" publishes the translated parent
    from a revision object made before its children existed, so the save writes back ``numchild = 0``.
    Treebeard then treats the parent as a leaf, and its children disappear from menus and the admin
    and answer 404. After any page is saved we compare ``numchild`` with the children really in the
    tree and write the true count if they differ: one COUNT query per page save, whoever saved it.

Relations in the page's own language (``base.languages.localise_relations``, ``adopt_new_translation``)
    Every model that names synchronised relations in ``localised_relations`` (a project's programme,
    district and themes, a news item's related pages, the criterion of a piece of evidence…) has them
    moved, before it is saved, to the translation of the related object in its language when one exists;
    and when a translation is created later, the objects in its language that still point at the
    original are moved to it.
"""

from django.db.models.signals import post_save, pre_save
from wagtail.models import Page

from .languages import adopt_new_translation, localise_relations, localised_relations


def repair_child_count(sender, instance, raw=False, **kwargs):
    """Write the page's true number of children if the save left a stale ``numchild`` behind."""
    if raw or not isinstance(instance, Page) or instance.pk is None:
        return
    # Not get_children(): treebeard answers "no children" without asking when numchild is 0.
    actual = Page.objects.filter(path__startswith=instance.path, depth=instance.depth + 1).count()
    if actual != instance.numchild:
        Page.objects.filter(pk=instance.pk).update(numchild=actual)
        instance.numchild = actual


def connect():
    """Connect the handlers; called once the app registry is ready."""
    # Every page model, including ones added later.
    post_save.connect(repair_child_count, dispatch_uid="base.repair_child_count")
    related_models = set()
    for model, names in localised_relations().items():
        label = model._meta.label
        pre_save.connect(localise_relations, sender=model, dispatch_uid=f"base.localise_relations.{label}")
        related_models.update(model._meta.get_field(name).related_model for name in names)
    for related_model in related_models:
        post_save.connect(
            adopt_new_translation,
            sender=related_model,
            dispatch_uid=f"base.adopt_new_translation.{related_model._meta.label}",
        )
