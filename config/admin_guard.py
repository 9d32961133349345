"""No NUL character reaches PostgreSQL from the admin's query strings: such a request answers 400.

PostgreSQL refuses a NUL character in any text it is sent (DataError: "A string literal cannot contain NUL"), and
the admin hands query parameters to the database as they come: ``?locale=%00`` on every snippet listing and add
form, ``/admin/choose-page/?q=%00``, ``/admin/images/chooser/?tag=%00``, ``/admin/tag-autocomplete/?term=%00`` were
500s. The public views refuse or drop NUL each where it reads its parameters (opendata/api.py, opendata/views.py,
search/views.py, news/models.py); the admin's views are Wagtail's, so config/urls.py wraps every view under
/admin/ with ``refuse_nul_in_query`` instead: one check, whatever view a hook adds. No admin view needs a NUL.
"""

import functools

from django.core.exceptions import BadRequest


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
