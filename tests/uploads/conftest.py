"""Uploads are made by an Editor (not a superuser), as the communications team does."""

from tests.editorial.conftest import editor, editor_client, editorial_groups  # noqa: F401 (fixtures)
