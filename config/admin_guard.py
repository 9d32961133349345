"""What the admin is sent is read before Wagtail uses it: a NUL character, an id that is not one, a ``next`` that is
no address answer 400, never 500.

PostgreSQL refuses a NUL character in any text it is sent (DataError: "A string literal cannot contain NUL"), and
the admin hands query parameters to the database as they come: ``?locale=%00`` on every snippet listing and add
form, ``/admin/choose-page/?q=%00``, ``/admin/images/chooser/?tag=%00``, ``/admin/tag-autocomplete/?term=%00`` were
500s. The public views refuse or drop NUL each where it reads its parameters (opendata/api.py, opendata/views.py,
search/views.py, news/models.py); the admin's views are Wagtail's, so config/urls.py wraps every view under
/admin/ with ``refuse_unreadable_query`` instead: one check, whatever view a hook adds. No admin view needs a NUL.
The same check refuses a ``parent_page_id`` that is not a number: the link choosers (external, e-mail, phone,
anchor link) keep it to link back to the page browser, and reversing that address with ``?parent_page_id=abc`` was
a 500 (NoReverseMatch).

It also refuses a whole number its column cannot hold, in the query string (400) or the address (404: no such
object). SQLite stores 64-bit integers and its driver raises OverflowError on a larger one instead of finding
nothing: ``?site=99999999999999999999`` on the page listing and the page type usage, ``?owner=``,
``?content_type=``, ``/admin/users/?group=``, the ``?id=`` of a bulk action or a chooser's "chosen-multiple" and
``/admin/2fa/devices/<user id>`` were 500s under ``make run``. Django checks an integer column's range itself in
a ``pk=`` lookup (IntegerFieldExact: nothing found), so ``/admin/pages/99999999999999999999/edit/`` was a 404
already, but not in a foreign key's or an ``in`` lookup, which is what those views make. PostgreSQL raised no
error (Django writes the number into the SQL, and PostgreSQL compares it as it is); the same rule, with its own
ranges (base/columns.py: 32 bits for Django's and Wagtail's own keys), makes both answer alike.

``checked_bulk_action`` reads the ids a bulk action is given before Wagtail looks them up, ``checked_page_copy``
the new parent of the page copy form. The query check also refuses a ``next`` that is no address (``?next=x``:
NoReverseMatch).

``checked_image_preview`` answers Wagtail's image preview with a 400 when the preview it asks for would have a side of 0
or a huge one.

The same wrapper also refuses what Wagtail's own pages never send and some of its views read unchecked (each a
500 in a reviewer's fuzzing): a chosen ``id`` that is no number (a chooser's ``chosen-multiple/?id=abc``; 400); an
object's key in the address that its model's key cannot read (``/admin/images/chooser/chosen/abc/``, the document
and snippet choosers' alike, ``<str:pk>`` routes; 404, no such object); the image chooser asked to filter by tag and
search at once (``?tag=…&q=…``: Wagtail filters on the tag first, which no search backend can, and its modal empties
the search when a tag is clicked; 400); a form posted without a field its view reads as if always there (the
external link chooser without its URL, wagtail-localize's PO upload without its file; 400).

``superusers_only_error_test``: Wagtail's deliberate server error (/admin/failwhale/), there to check that error reports
arrive, is for administrators only; any editor could set it off, and its report, at will.
"""

import functools
import re

from django.apps import apps
from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail import hooks
from wagtail.admin.forms.pages import CopyForm
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.bulk_action import index as wagtail_bulk_action
from wagtail.admin.views.home import error_test as wagtail_error_test
from wagtail.admin.views.pages.copy import copy as wagtail_page_copy
from wagtail.images import get_image_model
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import Filter
from wagtail.images.views.images import preview as wagtail_image_preview
from wagtail.models import Page

from base.columns import fits_column, past_its_column


def has_nul(query):
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in query.lists())


# Query parameters the admin reads as a page's id and puts into an address unchecked; empty means none.
PAGE_ID_PARAMETERS = ("parent_page_id",)
_PAGE_ID = re.compile(r"[0-9]*")


def unreadable_page_id(query):
    """The first of PAGE_ID_PARAMETERS in ``query`` that does not hold an id, or None."""
    for name in PAGE_ID_PARAMETERS:
        if any(not _PAGE_ID.fullmatch(value) for value in query.getlist(name)):
            return name
    return None


# Query parameters Wagtail's views and listing filters (pages, usage, reports, users, images, documents, bulk
# actions, choosers) look up in an integer column, by name, with the model whose key that column holds. ``id``
# is any model's key (the bulk actions' ids): it is read against the widest key column. ``locale`` is a code,
# ``p`` a page of results (Django's paginator answers a page past the last itself): neither is here.
INTEGER_PARAMETERS = {
    "id": None,
    "childOf": "wagtailcore.Page",
    "parent_page_id": "wagtailcore.Page",
    "site": "wagtailcore.Site",
    "content_type": "contenttypes.ContentType",
    "object_type": "contenttypes.ContentType",
    "collection_id": "wagtailcore.Collection",
    "workflow": "wagtailcore.Workflow",
    "task": "wagtailcore.Task",
    "group": "auth.Group",
    **dict.fromkeys(("owner", "user", "edited_by", "locked_by", "requested_by"), settings.AUTH_USER_MODEL),
}
# Any model's key, whatever its model: a number past the widest one names no object anywhere.
WIDEST_KEY = models.BigAutoField()


def integer_column(name):
    model = INTEGER_PARAMETERS[name]
    return WIDEST_KEY if model is None else apps.get_model(model)._meta.pk


def out_of_range_parameter(query):
    """The first of INTEGER_PARAMETERS in ``query`` holding a number past its column, or None."""
    for name in INTEGER_PARAMETERS:
        values = query.getlist(name)
        if values and any(past_its_column(integer_column(name), value) for value in values):
            return name
    return None


def out_of_range_path_id(route, kwargs):
    """Whether a number in the address (an ``<int:…>`` converter's, or a regular expression's ``\\d+`` group, as
    wagtail-2fa's ``(?P<user_id>\\d+)``) is past the widest key column: it names no object."""
    for name, value in kwargs.items():
        is_number = isinstance(value, int) or (
            isinstance(value, str) and value.isascii() and value.isdigit() and f"(?P<{name}>\\d+)" in route
        )
        if is_number and not fits_column(WIDEST_KEY, int(value)):
            return True
    return False


def unreadable_ids(request):
    """Whether an ``id`` a chooser's "chosen-multiple" view is given (the objects chosen, looked up as they come) is not
    a number: every model this admin chooses has an integer key. Not every view's ``id`` is an object's (the block
    previews' is a block definition's); the bulk actions read theirs in ``checked_bulk_action``."""
    if not request.resolver_match.view_name.endswith("chosen_multiple"):
        return False
    for value in request.GET.getlist("id"):
        try:
            int(value)
        except ValueError:
            return True
    return False


def view_model(match):
    """The model a class-based view was made for (``as_view(model=…)``, as Wagtail's viewsets make their views), or
    None. The decorators wrapping a view copy its attributes (functools.wraps)."""
    model = getattr(match.func, "view_initkwargs", {}).get("model")
    if isinstance(model, str):
        model = apps.get_model(model)
    return model


def unreadable_path_key(match, kwargs):
    """Whether the object key in the address (a ``<str:pk>`` route's ``pk``, as Wagtail quotes it) is one the view's
    model's key cannot read: it names no object."""
    value = kwargs.get("pk")
    model = view_model(match) if isinstance(value, str) else None
    if model is None:
        return False
    try:
        model._meta.pk.to_python(unquote(value))
    except ValidationError:
        return True
    return False


# Query parameters a view cannot take together (by the view's name), with why.
EXCLUSIVE_PARAMETERS = {
    # The image chooser filters on the tag before searching, which the search backends refuse (FilterFieldError).
    "wagtailimages_chooser:choose": ("tag", "q"),
    "wagtailimages_chooser:choose_results": ("tag", "q"),
}
# What a view reads of a POST as if always there (by the view's name): (form fields, files). Wagtail's and
# wagtail-localize's own forms always send them; without, URLOrAbsolutePathField.to_python(None) and
# request.FILES["file"] raised.
REQUIRED_POST_FIELDS = {
    "wagtailadmin_choose_page_external_link": (("external-link-chooser-url",), ()),
    "wagtail_localize:upload_pofile": ((), ("file",)),
}


def conflicting_parameters(request):
    """The parameters of EXCLUSIVE_PARAMETERS ``request`` gives its view together, or None."""
    names = EXCLUSIVE_PARAMETERS.get(request.resolver_match.view_name, ())
    if names and all(request.GET.get(name) for name in names):
        return names
    return None


def missing_post_field(request):
    """The first field or file of REQUIRED_POST_FIELDS a POST to its view lacks, or None."""
    if request.method != "POST":
        return None
    fields, files = REQUIRED_POST_FIELDS.get(request.resolver_match.view_name, ((), ()))
    return next(
        (name for name in fields if name not in request.POST),
        next((name for name in files if name not in request.FILES), None),
    )


def names_no_address(next_url):
    """Whether ``next_url`` (the admin's ``next``, where a view sends the user afterwards) is no address: Django's
    redirect() takes a value without "/" or "." for the name of a URL pattern, and ``?next=x`` (the lock, unlock
    and other views that return to ``next``) raised NoReverseMatch. The admin's own links always send a path."""
    return bool(next_url) and "/" not in next_url and "." not in next_url


def refuse_unreadable_query(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        # handler400: the site's 400 page, in the request's language (config/error_pages.py).
        if has_nul(request.GET):
            raise BadRequest("NUL character in the query string")
        if name := unreadable_page_id(request.GET):
            raise BadRequest(f"{name} in the query string is not a page id")
        if name := out_of_range_parameter(request.GET):
            raise BadRequest(f"{name} in the query string is past its column's range")
        if unreadable_ids(request):
            raise BadRequest("id in the query string is not a number")
        if names := conflicting_parameters(request):
            raise BadRequest(f"{' and '.join(names)} cannot be given together here")
        if name := missing_post_field(request):
            raise BadRequest(f"the form sent has no {name}")
        if out_of_range_path_id(request.resolver_match.route, kwargs) or unreadable_path_key(
            request.resolver_match, kwargs
        ):
            raise Http404
        # Wagtail reads ``next`` from the form first, then from the query string (get_valid_next_url_from_request).
        if any(names_no_address(data.get("next", "")) for data in (request.POST, request.GET)):
            raise BadRequest("next is not an address")
        return view(request, *args, **kwargs)

    return wrapper


# The largest side, in pixels, the admin's image preview (Choose a format, the URL generator) renders: past any
# rendition the site uses (the widest is 1600 px), far below what fills a worker's memory.
MAX_PREVIEW_SIDE = 4000


def preview_size_problem(image, filter_spec):
    """Why Wagtail must not render ``filter_spec``'s preview of ``image``: a side of 0 (ZeroDivisionError, a 500)
    or past MAX_PREVIEW_SIDE (``fill-1x99999999`` or ``scale-100000`` allocate gigabytes: MemoryError, and a way
    for anyone with access to the images to take a worker down). Judged on the size the filter gives this image
    (Wagtail's own transform, computed without its pixels), whatever operation asks for it. None when Wagtail may
    run it; a spec it cannot parse is its own 400."""
    try:
        width, height = Filter(spec=filter_spec).get_transform(image).size
    except InvalidFilterSpecError:
        return None
    except (ZeroDivisionError, ValueError, OverflowError):
        return "its size cannot be computed"
    if not (1 <= width <= MAX_PREVIEW_SIDE and 1 <= height <= MAX_PREVIEW_SIDE):
        return f"{width}×{height} is outside 1 to {MAX_PREVIEW_SIDE} pixels a side"
    return None


def checked_image_preview(request, image_id, filter_spec):
    """Wagtail's image preview (/admin/images/<id>/preview/<spec>/), with the spec's sizes checked first."""
    image = get_image_model().objects.filter(pk=image_id).first()
    # A missing image is Wagtail's 404, below.
    if image is not None and (problem := preview_size_problem(image, filter_spec)):
        raise BadRequest(f"image preview refused: {problem}")
    return wagtail_image_preview(request, image_id, filter_spec)


def checked_bulk_action(request, app_label, model_name, action):
    """Wagtail's bulk actions (/admin/bulk/<app>/<model>/<action>/?id=…), with the ids in the query read first.

    Wagtail looks up the ``id`` values as they come: ``?id=abc`` (ValueError) and, with ``id=all`` on the page
    listing, a ``childOf`` that is not a page's id or names none (ValueError, DoesNotExist) were 500s. An id its
    model's key cannot hold is a 400, a parent page that does not exist the 404 of a missing page; "all" and ids
    naming nothing are Wagtail's, as before.
    """
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    try:
        for value in request.GET.getlist("id"):
            if value != "all":
                model._meta.pk.to_python(value)
        parent_id = request.GET.get("childOf")
        if parent_id is not None and issubclass(model, Page):
            parent_id = Page._meta.pk.to_python(parent_id)
    except ValidationError as error:
        raise BadRequest("bulk action: an id in the query string is not one") from error
    if parent_id is not None and issubclass(model, Page) and not Page.objects.filter(pk=parent_id).exists():
        raise Http404
    return wagtail_bulk_action(request, app_label, model_name, action)


def checked_page_copy(request, page_id):
    """Wagtail's "Copy page" form (/admin/pages/<id>/copy/), shown again with its errors when the new parent it is
    sent is no page.

    Before validating the form, Wagtail's view looks the new parent up from the raw POST: an editor who cleared
    the chooser (an empty value), a form without the field (KeyError) or an id naming no page (DoesNotExist) was a
    500. Wagtail's own form says what is wrong ("This field is required", "Select a valid choice", in the editor's
    language), so it is asked first, and its page shown with its errors as Wagtail's view would show them,
    everything typed kept. An id that is not one (``abc``) is the 400 of every admin chooser (base/admin_input.py).
    Any other submission is Wagtail's view's, unchanged.
    """
    if request.method != "POST":
        return wagtail_page_copy(request, page_id)
    # As Wagtail's view starts: the page, then the permission (a form shown again is for who may copy only).
    page = get_object_or_404(Page, id=page_id)
    if not page.permissions_for_user(request.user).can_copy():
        raise PermissionDenied
    form = getattr(page.specific_class, "copy_form_class", CopyForm)(request.POST, user=request.user, page=page)
    # The parent field alone (required, then looked up), not the whole form: that is validated once, by whichever
    # view shows it. Reading it is where ``abc`` is refused.
    try:
        form.fields["new_parent_page"].clean(form["new_parent_page"].data)
    except ValidationError:
        pass
    else:
        return wagtail_page_copy(request, page_id)
    # What Wagtail's view does for an invalid form, past the parent it cannot look up: the hooks first (one may
    # answer instead), then its page with the form's errors, every field's at once.
    for fn in hooks.get_hooks("before_copy_page"):
        result = fn(request, page)
        if hasattr(result, "status_code"):
            return result
    form.is_valid()
    return TemplateResponse(
        request,
        "wagtailadmin/pages/copy.html",
        {"page": page, "form": form, "next": get_valid_next_url_from_request(request)},
    )


def superusers_only_error_test(request):
    """Wagtail's deliberate server error (/admin/failwhale/), for checking that error reports arrive: administrators
    only. To anyone else it is an address that does not exist."""
    if not request.user.is_superuser:
        raise Http404
    return wagtail_error_test(request)
