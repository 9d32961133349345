"""Signal handlers that keep the Italian and English trees whole and consistent with each other.

Connected in ``HomeConfig.ready()`` (``home/apps.py``).

Child counts (``repair_child_count``)
    wagtail-localize bug #773: translating a page "including subtree" publishes the translated parent
    from a revision object made before its children existed, so the save writes back ``numchild = 0``.
    Treebeard then treats the parent as a leaf, and its children disappear from menus and the admin
    and answer 404. After any page is saved we compare ``numchild`` with the children really in the
    tree and write the true count if they differ: one COUNT query per page save, whoever saved it.

Relations in the page's own language (``localise_relations``, ``adopt_new_translation``)
    A project's programme, district and themes, and a news item's related programmes and projects,
    are synchronised between languages (wagtail-localize copies them from the Italian page), and so
    is the award criterion each piece of evidence on a programme or project page points at. Copied
    as they are, the English page would point at Italian objects: English programme pages would list
    no projects and the English filters would match nothing. So before a page is saved, each of these
    relations is moved to the translation of the related object in the page's language, when one
    exists; and when a translation is created later, the pages in its language that still point at
    the original are moved to it.
"""

from django.apps import apps
from django.db.models import ForeignKey
from django.db.models.signals import post_save, pre_save
from wagtail.models import Page, TranslatableMixin

# model label → relations that must point at objects in the same language as the model.
LOCALISED_RELATIONS = {
    "projects.ProjectPage": ["programme", "district", "themes"],
    "news.NewsPage": ["related_programmes", "related_projects"],
    "home.HomePageFeaturedProgramme": ["programme"],
    "candidacy.ProgrammeEvidence": ["criterion"],
    "candidacy.ProjectEvidence": ["criterion"],
}


def _locale_id(instance):
    """The language of a page or snippet, or of the page an inline item belongs to."""
    if hasattr(instance, "locale_id"):
        return instance.locale_id
    page = getattr(instance, "page", None)
    return page.locale_id if page is not None else None


def repair_child_count(sender, instance, raw=False, **kwargs):
    """Write the page's true number of children if the save left a stale ``numchild`` behind."""
    if raw or not isinstance(instance, Page) or instance.pk is None:
        return
    # Not get_children(): treebeard answers "no children" without asking when numchild is 0.
    actual = Page.objects.filter(path__startswith=instance.path, depth=instance.depth + 1).count()
    if actual != instance.numchild:
        Page.objects.filter(pk=instance.pk).update(numchild=actual)
        instance.numchild = actual


def localise_relations(sender, instance, raw=False, **kwargs):
    """Point the synchronised relations of ``instance`` at objects in its own language."""
    if raw:
        return
    locale_id = _locale_id(instance)
    if locale_id is None:
        return
    for name in LOCALISED_RELATIONS[sender._meta.label]:
        field = sender._meta.get_field(name)
        related_model = field.related_model
        if isinstance(field, ForeignKey):
            current_id = getattr(instance, field.attname)
            if current_id is None:
                continue
            same_object = related_model.objects.filter(pk=current_id).values("translation_key")
            localised_id = (
                related_model.objects.filter(translation_key__in=same_object, locale_id=locale_id)
                .values_list("pk", flat=True)
                .first()
            )
            if localised_id is not None and localised_id != current_id:
                setattr(instance, field.attname, localised_id)
        else:  # ParentalManyToManyField: the values are held on the instance until it is saved
            current = list(getattr(instance, name).all())
            if all(obj.locale_id == locale_id for obj in current):
                continue
            localised = {
                obj.translation_key: obj
                for obj in related_model.objects.filter(
                    translation_key__in=[obj.translation_key for obj in current], locale_id=locale_id
                )
            }
            setattr(instance, name, [localised.get(obj.translation_key, obj) for obj in current])


def adopt_new_translation(sender, instance, created=False, raw=False, **kwargs):
    """When ``instance`` is a new translation, move same-language links to its original over to it."""
    if raw or not created or getattr(instance, "translation_key", None) is None:
        return
    for label, names in LOCALISED_RELATIONS.items():
        model = apps.get_model(label)
        for name in names:
            field = model._meta.get_field(name)
            if not isinstance(instance, field.related_model):
                continue
            in_language = "locale_id" if issubclass(model, TranslatableMixin) else "page__locale_id"
            if isinstance(field, ForeignKey):
                model.objects.filter(
                    **{in_language: instance.locale_id, f"{name}__translation_key": instance.translation_key}
                ).exclude(**{f"{name}__locale_id": instance.locale_id}).update(**{field.attname: instance.pk})
                continue
            # Many-to-many: rewrite the rows of the relation table, dropping any that would duplicate.
            through = field.remote_field.through
            source_fk = field.m2m_field_name()
            target_fk = field.m2m_reverse_field_name()
            stale = through.objects.filter(
                **{
                    f"{source_fk}__locale_id": instance.locale_id,
                    f"{target_fk}__translation_key": instance.translation_key,
                }
            ).exclude(**{f"{target_fk}__locale_id": instance.locale_id})
            for row in stale:
                owner_id = getattr(row, f"{source_fk}_id")
                if through.objects.filter(**{f"{source_fk}_id": owner_id, f"{target_fk}_id": instance.pk}).exists():
                    row.delete()
                else:
                    setattr(row, f"{target_fk}_id", instance.pk)
                    row.save(update_fields=[f"{target_fk}"])


def connect():
    """Connect the handlers; called once the app registry is ready."""
    # Every page model, including ones added later.
    post_save.connect(repair_child_count, dispatch_uid="home.repair_child_count")
    related_models = set()
    for label, names in LOCALISED_RELATIONS.items():
        model = apps.get_model(label)
        pre_save.connect(localise_relations, sender=model, dispatch_uid=f"home.localise_relations.{label}")
        related_models.update(model._meta.get_field(name).related_model for name in names)
    for related_model in related_models:
        post_save.connect(
            adopt_new_translation,
            sender=related_model,
            dispatch_uid=f"home.adopt_new_translation.{related_model._meta.label}",
        )
