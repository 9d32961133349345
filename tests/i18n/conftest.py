"""Fixtures shared by the language tests.

- the editorial roles (Editors, Moderators, Translators and a signed-in client for each).
"""

from tests.editorial.conftest import (  # noqa: F401
    editor,
    editor_client,
    editorial_groups,
    moderator,
    moderator_client,
    translator,
    translator_client,
)
