"""No NUL character reaches PostgreSQL from the admin's query strings: such a request answers 400.

PostgreSQL refuses a NUL character in any text it is sent (DataError: "A string literal cannot contain NUL"), and
the admin hands query parameters to the database as they come: ``?locale=%00`` on every snippet listing and add
form, ``/admin/choose-page/?q=%00``, ``/admin/images/chooser/?tag=%00``, ``/admin/tag-autocomplete/?term=%00`` were
500s. The public views refuse or drop NUL each where it reads its parameters (opendata/api.py, opendata/views.py,
search/views.py, news/models.py); the admin's views are Wagtail's, so config/urls.py wraps every view under
/admin/ with ``refuse_nul_in_query`` instead: one check, whatever view a hook adds. No admin view needs a NUL.

``checked_image_preview`` answers Wagtail's image preview with a 400 when a side it asks for is 0 or huge.
"""

import functools

from django.core.exceptions import BadRequest
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import Filter
from wagtail.images.views.images import preview as wagtail_image_preview


def has_nul(query):
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in query.lists())


def refuse_nul_in_query(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if has_nul(request.GET):
            # handler400: the site's 400 page, in the request's language (config/error_pages.py).
            raise BadRequest("NUL character in the query string")
        return view(request, *args, **kwargs)

    return wrapper


# The largest side, in pixels, the admin's image preview (Choose a format, the URL generator) renders: past any
# rendition the site uses (the widest is 1600 px), far below what fills a worker's memory.
MAX_PREVIEW_SIDE = 4000


def preview_size_problem(filter_spec):
    """Why Wagtail must not render ``filter_spec``'s preview: a side of 0 (ZeroDivisionError, a 500) or past
    MAX_PREVIEW_SIDE (``fill-1x99999999`` allocates gigabytes: MemoryError, and a way for anyone with access to
    the images to take a worker down). None when Wagtail may run it; a spec it cannot parse is its own 400."""
    try:
        operations = Filter(spec=filter_spec).operations
    except InvalidFilterSpecError:
        return None
    for operation in operations:
        for name in ("width", "height", "size"):
            value = getattr(operation, name, None)
            if isinstance(value, int) and not 1 <= value <= MAX_PREVIEW_SIDE:
                return f"{name} {value} is outside 1 to {MAX_PREVIEW_SIDE} pixels"
    return None


def checked_image_preview(request, image_id, filter_spec):
    """Wagtail's image preview (/admin/images/<id>/preview/<spec>/), with the spec's sizes checked first."""
    if problem := preview_size_problem(filter_spec):
        raise BadRequest(f"image preview refused: {problem}")
    return wagtail_image_preview(request, image_id, filter_spec)
