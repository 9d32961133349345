"""Install package.json's runtime dependencies (the maps' clustering plugin) into node_modules/ without Node.js.

    python deploy/npm_runtime.py

The site serves Leaflet.markercluster as it is from ``node_modules/`` (config/settings/base.py,
STATICFILES_DIRS). ``npm ci`` installs it together with the linters and Lighthouse, but a reader's site needs
none of those, so ``make run``, ``make test`` and a deploy use this script instead: for each of package.json's
``dependencies`` it takes the exact version and sha512 digest that package-lock.json records, downloads that
tarball from the npm registry, refuses it unless the digest matches, and unpacks it where npm would. A package
already there at the locked version is left alone (npm ci installs the same files). Standard library only, so
it runs before anything else is installed.
"""

import base64
import hashlib
import io
import json
import os
import shutil
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = os.environ.get("NPM_CONFIG_REGISTRY", "https://registry.npmjs.org/").rstrip("/")


class LockError(Exception):
    pass


def locked_runtime_packages(root=ROOT):
    """[(name, version, integrity)] of package.json's dependencies, as package-lock.json pins them."""
    wanted = json.loads((root / "package.json").read_text()).get("dependencies", {})
    locked = json.loads((root / "package-lock.json").read_text())["packages"]
    packages = []
    for name in sorted(wanted):
        entry = locked.get(f"node_modules/{name}")
        if not entry or not entry.get("integrity", "").startswith("sha512-"):
            raise LockError(f"package-lock.json has no sha512 digest for {name}: run `npm install --package-lock-only`")
        packages.append((name, entry["version"], entry["integrity"]))
    return packages


def tarball_url(name, version):
    # The registry's own address scheme; a scoped name (@scope/name) keeps its scope in the path only.
    return f"{REGISTRY}/{name}/-/{name.rsplit('/', 1)[-1]}-{version}.tgz"


def verify(data, integrity):
    expected = base64.b64decode(integrity.removeprefix("sha512-"))
    if hashlib.sha512(data).digest() != expected:
        raise LockError(f"digest mismatch: got sha512-{base64.b64encode(hashlib.sha512(data).digest()).decode()}")


def unpack(data, target):
    """The tarball's ``package/`` folder becomes ``target``; members that would land outside it are refused."""
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp, tarfile.open(fileobj=io.BytesIO(data)) as tar:
        # Regular files and folders only (no links, devices or other special files), all under package/ and
        # none climbing out of it.
        members = [m for m in tar.getmembers() if m.isfile() or m.isdir()]
        for member in members:
            parts = Path(member.name).parts
            if not member.name.startswith("package/") or ".." in parts or Path(member.name).is_absolute():
                raise LockError(f"unexpected path in the tarball: {member.name}")
            member.mode = 0o755 if member.isdir() else 0o644  # no set-uid or executable bits from the tarball
        # Python 3.11.4 and newer also apply their own "data" filter; Debian bookworm's 3.11.2 has none, so the
        # checks above are the ones that hold there.
        options = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        try:
            tar.extractall(tmp, members=members, **options)  # noqa: S202 (members checked above)
        except tarfile.TarError as error:
            raise LockError(f"refused to unpack: {error}") from None
        if target.exists():
            shutil.rmtree(target)
        os.replace(Path(tmp) / "package", target)


def installed_version(target):
    try:
        return json.loads((target / "package.json").read_text()).get("version")
    except (OSError, ValueError):
        return None


def install(root=ROOT, fetch=None):
    fetch = fetch or (lambda url: urllib.request.urlopen(url, timeout=60).read())  # noqa: S310 (https registry)
    for name, version, integrity in locked_runtime_packages(root):
        target = root / "node_modules" / name
        if installed_version(target) == version:
            continue
        url = tarball_url(name, version)
        data = fetch(url)
        try:
            verify(data, integrity)
        except LockError as error:
            raise LockError(f"{name} {version} from {url}: {error}") from None
        target.parent.mkdir(parents=True, exist_ok=True)
        unpack(data, target)
        print(f"installed {name} {version} (sha512 checked) into {target.relative_to(root)}")


if __name__ == "__main__":
    try:
        install()
    except (LockError, OSError, tarfile.TarError) as error:
        sys.exit(f"npm_runtime: {error}")
