"""axe-core finds no serious or critical accessibility violation on the main page types."""

import pytest

from tests.browser.conftest import DESKTOP, PAGES

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
# A journalist on a phone gets the same check: narrow screens bring their own failures (regions that
# scroll sideways without being reachable by keyboard, a header that covers the content).
PHONE = {"width": 390, "height": 844}


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}  {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violations(visit, name, viewport):
    from axe_playwright_python.sync_playwright import Axe

    result = visit(name, viewport=viewport)
    assert result.status == 200
    violations = Axe().run(result.page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"axe found on {result.page.url}:\n{describe(blocking)}"


def test_404_page_has_no_serious_accessibility_violations(visit):
    from axe_playwright_python.sync_playwright import Axe

    result = visit("not_found")
    assert result.status == 404
    violations = Axe().run(result.page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"axe found on {result.page.url}:\n{describe(blocking)}"
