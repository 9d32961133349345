"""Whether a page's latest version could be published from the page editor, for the ways in that skip its checks."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField


def why_not_publishable(page):
    """What stops the latest version of ``page`` from being published, as the page editor checks it; "" if nothing.

    Drafts are saved without their required fields, so that no work is lost (Wagtail defers them); the
    editor's Publish and Submit then check everything. Bulk publishing from a listing publishes the latest
    version without that check: pictures without alternative text or figures without a source would go live.
    """
    version = page.get_latest_revision_as_object()
    errors = []
    try:
        version.full_clean()
    except ValidationError as error:
        errors.extend(error.messages)
    # Model validation leaves StreamField blocks (alt text, sources) to the form: check them the same way.
    for field in version._meta.get_fields():
        if isinstance(field, StreamField):
            try:
                field.stream_block.clean(getattr(version, field.name))
            except ValidationError:
                message = _("“%(field)s” has blocks with missing or invalid values")
                errors.append(message % {"field": field.verbose_name})
    return "; ".join(str(error) for error in errors)
