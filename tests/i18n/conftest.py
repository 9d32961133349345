"""Fixtures shared by the language tests.

- ``demo``: the demo content in both languages, loaded once per test module (the fixture of
  tests/home/test_demo_content.py: inside a transaction rolled back after the module);
- the editorial roles (Editors, Moderators, Translators and a signed-in client for each).
"""

from tests.home.test_demo_content import demo, demo_content  # noqa: F401
from tests.workflow.conftest import (  # noqa: F401
    editor,
    editor_client,
    editorial_groups,
    moderator,
    moderator_client,
    translator,
    translator_client,
)
