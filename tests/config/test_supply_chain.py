"""CI's audit of the pinned requirements (.ci/audit.py): fails on a known vulnerability unless it is listed with a
reason in .ci/audit-exceptions.txt, and never passes when packages could not be audited. pip-audit itself is
replaced by the report it would write, so these tests need no network."""

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def audit(monkeypatch, tmp_path):
    spec = importlib.util.spec_from_file_location("ci_audit", ROOT / ".ci" / "audit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    exceptions = tmp_path / "audit-exceptions.txt"
    exceptions.write_text("# ID  reason\n", encoding="utf-8")
    monkeypatch.setattr(module, "EXCEPTIONS", exceptions)
    module.calls = []

    def fake_pip_audit(dependencies):
        def run(command, **kwargs):
            module.calls.append(command)
            ignored = {command[i + 1] for i, arg in enumerate(command) if arg == "--ignore-vuln"}
            report = [{**d, "vulns": [v for v in d.get("vulns", []) if v["id"] not in ignored]} for d in dependencies]
            Path(command[command.index("-o") + 1]).write_text(json.dumps({"dependencies": report}), encoding="utf-8")

        monkeypatch.setattr(module.subprocess, "run", run)

    module.fake_pip_audit = fake_pip_audit
    return module


DJANGO = {"name": "django", "version": "5.2.19"}
VULNERABLE_DJANGO = {**DJANGO, "vulns": [{"id": "PYSEC-2099-1", "fix_versions": ["5.2.20"]}]}


def test_every_pinned_requirements_file_is_audited(audit):
    audit.fake_pip_audit([{**DJANGO, "vulns": []}])

    assert audit.main() == 0
    [command] = audit.calls
    assert [command[i + 1] for i, arg in enumerate(command) if arg == "-r"] == [
        str(ROOT / name) for name in ("requirements.txt", "requirements-dev.txt", "requirements-browser.txt")
    ]


def test_a_known_vulnerability_fails_the_audit(audit, capsys):
    audit.fake_pip_audit([VULNERABLE_DJANGO, {"name": "wagtail", "version": "7.4.4", "vulns": []}])

    assert audit.main() == 1
    assert "VULNERABLE: django 5.2.19: PYSEC-2099-1 (fixed in: 5.2.20)" in capsys.readouterr().out


def test_a_vulnerability_listed_with_a_reason_is_accepted(audit, capsys):
    audit.EXCEPTIONS.write_text("PYSEC-2099-1   only affects the MySQL backend, unused here\n", encoding="utf-8")
    audit.fake_pip_audit([VULNERABLE_DJANGO])

    assert audit.main() == 0
    expected = "accepted (.ci/audit-exceptions.txt): PYSEC-2099-1: only affects the MySQL backend"
    assert expected in capsys.readouterr().out


@pytest.mark.parametrize("line", ["PYSEC-2099-1", "PYSEC-2099-1   ", "not-an-id   some reason"])
def test_an_exception_without_a_reason_or_id_is_refused(audit, line):
    audit.EXCEPTIONS.write_text(line + "\n", encoding="utf-8")
    audit.fake_pip_audit([VULNERABLE_DJANGO])

    assert audit.main() == 2
    assert audit.calls == []


def test_packages_that_could_not_be_audited_never_pass(audit, capsys):
    audit.fake_pip_audit([{**DJANGO, "skip_reason": "Dependency not found on PyPI and could not be audited"}])

    assert audit.main() == 3
    assert "NOT AUDITED: django" in capsys.readouterr().out


def test_the_real_exceptions_file_is_well_formed(audit):
    audit.EXCEPTIONS = ROOT / ".ci" / "audit-exceptions.txt"

    _accepted, problems = audit.exceptions()

    assert problems == []
