"""Every Python dependency is pinned with hashes, and this environment holds exactly the lock.

The lock files are written by ``make lock-deps`` (pip-compile --generate-hashes) from the
``requirements*.in`` inputs and installed by make with ``--require-hashes``. These checks
run offline: the locks are complete and portable (no machine's own index, wheels or
constraints), agree with their inputs, and match what is installed.
"""

from __future__ import annotations

import re
from importlib import metadata

import pytest
from conftest import ROOT
from packaging.utils import canonicalize_name

LOCKS = {
    "requirements-build.in": "requirements-build.txt",
    "requirements.in": "requirements.txt",
    "requirements-dev.in": "requirements-dev.txt",
}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.M)


def locked(name: str) -> dict[str, tuple[str, list[str]]]:
    """Each locked package: its version and its hashes."""
    text = (ROOT / name).read_text(encoding="utf-8")
    found = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        if pin := PIN.match(block):
            hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", block)
            found[canonicalize_name(pin.group(1))] = (pin.group(2), hashes)
    return found


def pinned(name: str) -> dict[str, str]:
    """The exact versions an input file asks for."""
    text = (ROOT / name).read_text(encoding="utf-8")
    return {canonicalize_name(n): v for n, v in PIN.findall(text)}


@pytest.mark.parametrize("lock", LOCKS.values())
def test_every_locked_package_has_a_version_and_hashes(lock: str) -> None:
    packages = locked(lock)
    assert len(packages) >= 2
    unhashed = [name for name, (_, hashes) in packages.items() if not hashes]
    assert not unhashed, f"{lock} 中这些包没有哈希：{unhashed}，请运行 make lock-deps"
    text = (ROOT / lock).read_text(encoding="utf-8")
    requirement_lines = [
        line for line in text.splitlines() if line and not line.startswith((" ", "#"))
    ]
    assert all(PIN.match(line) for line in requirement_lines), requirement_lines
    # Nothing of one machine: no index, local wheels, constraint files or paths.
    for word in ("--index-url", "--extra-index-url", "--find-links", "-c /", "file://", "/opt/"):
        assert word not in text, f"{lock} 含有本机设置 {word}"


@pytest.mark.parametrize(("source", "lock"), LOCKS.items())
def test_each_pin_of_the_inputs_is_the_version_locked(source: str, lock: str) -> None:
    wanted, got = pinned(source), locked(lock)
    assert wanted, source
    differ = {
        n: (v, got.get(n, ("缺少", []))[0]) for n, v in wanted.items() if got.get(n, ("",))[0] != v
    }
    assert not differ, f"{source} 与 {lock} 不一致（输入, 锁定）：{differ}；请运行 make lock-deps"


def test_the_site_and_build_locks_agree_with_the_development_lock() -> None:
    dev = locked("requirements-dev.txt")
    for lock in ("requirements.txt", "requirements-build.txt"):
        for name, (version, _) in locked(lock).items():
            assert dev[name][0] == version, f"{name}: {lock} {version}，开发锁 {dev[name][0]}"


def test_this_environment_holds_exactly_the_locked_versions() -> None:
    dev = {name: version for name, (version, _) in locked("requirements-dev.txt").items()}
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    installed.pop("minsheng-generator")  # the project itself, installed editable by make
    assert installed == dev
