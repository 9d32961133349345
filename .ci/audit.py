"""Audits the pinned requirements for known vulnerabilities (pip-audit, PyPI's vulnerability data).

Exit status: 0 when every package was audited and none has a known vulnerability (but those listed, with a reason,
in .ci/audit-exceptions.txt); 1 when one has; 2 when the exceptions file is malformed; 3 when some packages could
not be audited (PyPI's vulnerability data did not answer for them): .ci/run shows that as SKIPPED, not as passed,
or as a failure with REQUIRE_AUDIT=1.
"""

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ["requirements.txt", "requirements-dev.txt", "requirements-browser.txt"]
EXCEPTIONS = ROOT / ".ci" / "audit-exceptions.txt"
ID = re.compile(r"^(PYSEC|GHSA|CVE|OSV)-[\w-]+$", re.I)


def exceptions():
    accepted, problems = {}, []
    for number, line in enumerate(EXCEPTIONS.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        vuln_id, _, reason = line.partition(" ")
        if not ID.match(vuln_id) or not reason.strip():
            problems.append(f"{EXCEPTIONS.name}:{number}: expected 'ID  reason', got {line!r}")
        accepted[vuln_id] = reason.strip()
    return accepted, problems


def main():
    accepted, problems = exceptions()
    if problems:
        print("\n".join(problems))
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "audit.json"
        command = [sys.executable, "-m", "pip_audit", "--progress-spinner", "off", "-f", "json", "-o", str(report)]
        for name in REQUIREMENTS:
            command += ["-r", str(ROOT / name)]
        for vuln_id in accepted:
            command += ["--ignore-vuln", vuln_id]
        # Our own interpreter and fixed arguments; the IDs are checked against ID above.
        finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
        if not report.exists():
            print(finished.stdout, finished.stderr, sep="\n")
            print(f"FAIL: pip-audit did not produce a report (exit {finished.returncode})")
            return 1
        dependencies = json.loads(report.read_text(encoding="utf-8"))["dependencies"]

    vulnerable = [d for d in dependencies if d.get("vulns")]
    unaudited = [d for d in dependencies if "skip_reason" in d]
    audited = len(dependencies) - len(unaudited)
    print(f"{len(dependencies)} packages resolved from {', '.join(REQUIREMENTS)}; {audited} audited.")
    for vuln_id, reason in accepted.items():
        print(f"accepted (.ci/{EXCEPTIONS.name}): {vuln_id}: {reason}")
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            print(f"VULNERABLE: {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in: {fixed})")
    if vulnerable:
        print("Upgrade the package, or list the ID with a reason in .ci/audit-exceptions.txt.")
        return 1
    if unaudited:
        for dependency in unaudited:
            print(f"NOT AUDITED: {dependency['name']}: {dependency['skip_reason']}")
        return 3
    print("No known vulnerability.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
