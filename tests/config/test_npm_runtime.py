"""deploy/npm_runtime.py: the maps' clustering plugin installed without Node.js, only at the locked digest."""

import base64
import hashlib
import importlib.util
import io
import json
import tarfile
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "npm_runtime.py"
spec = importlib.util.spec_from_file_location("npm_runtime", SCRIPT)
npm_runtime = importlib.util.module_from_spec(spec)
spec.loader.exec_module(npm_runtime)


def _tarball(files):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _project(tmp_path, tarball, *, integrity=None):
    digest = integrity or "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {"plugin": "1.2.3"}, "devDependencies": {}}))
    (tmp_path / "package-lock.json").write_text(
        json.dumps({"packages": {"": {}, "node_modules/plugin": {"version": "1.2.3", "integrity": digest}}})
    )
    return tmp_path


class Registry:
    def __init__(self, tarball):
        self.tarball, self.asked = tarball, []

    def __call__(self, url):
        self.asked.append(url)
        return self.tarball


GOOD = {"package/package.json": '{"version": "1.2.3"}', "package/dist/plugin.js": "var plugin;"}


def test_the_locked_package_is_installed_where_npm_puts_it_and_only_once(tmp_path):
    tarball = _tarball(GOOD)
    root, registry = _project(tmp_path, tarball), Registry(tarball)

    npm_runtime.install(root, fetch=registry)
    npm_runtime.install(root, fetch=registry)

    assert (root / "node_modules/plugin/dist/plugin.js").read_text() == "var plugin;"
    assert registry.asked == ["https://registry.npmjs.org/plugin/-/plugin-1.2.3.tgz"]


def test_a_tarball_that_does_not_match_the_lock_files_digest_is_refused(tmp_path):
    locked = _tarball(GOOD)
    tampered = _tarball({**GOOD, "package/dist/plugin.js": "steal(document.cookie);"})
    root = _project(tmp_path, locked)

    with pytest.raises(npm_runtime.LockError, match="digest mismatch"):
        npm_runtime.install(root, fetch=Registry(tampered))
    assert not (root / "node_modules" / "plugin").exists()


@pytest.mark.parametrize("name", ["package/../../escape.js", "/etc/escape.js", "elsewhere/file.js"])
def test_a_tarball_writing_outside_its_folder_is_refused(tmp_path, name):
    tarball = _tarball({**GOOD, name: "x"})
    root = _project(tmp_path, tarball)

    with pytest.raises(npm_runtime.LockError):
        npm_runtime.install(root, fetch=Registry(tarball))
    assert not (tmp_path / "escape.js").exists()
    assert not (root / "node_modules" / "plugin").exists()


def test_a_lock_file_without_a_digest_is_refused(tmp_path):
    root = _project(tmp_path, b"", integrity="sha1-abc")
    with pytest.raises(npm_runtime.LockError, match="no sha512 digest"):
        npm_runtime.install(root, fetch=Registry(b""))


def test_the_repositorys_lock_file_pins_the_plugin_the_settings_serve():
    packages = npm_runtime.locked_runtime_packages()
    assert [(name, version) for name, version, _ in packages] == [("leaflet.markercluster", "1.5.3")]
