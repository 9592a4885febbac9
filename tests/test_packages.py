"""``make chromium`` installs only what is missing, finding programs by path.

``tools/missing-packages`` names the Debian packages make still has to install. On a CI
runner that brings its own Chromium (at the path given by CHROMIUM), apt must not be asked
for Debian's, and nothing at all when everything is there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT

SCRIPT = ROOT / "tools" / "missing-packages"


def missing(*groups: str, **env: str) -> str:
    done = subprocess.run(
        [str(SCRIPT), *groups],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_nothing_is_installed_when_everything_is_there() -> None:
    # make test runs make chromium first: on this machine everything is installed.
    assert missing() == ""


def test_chromium_is_found_by_the_path_given_and_installed_only_when_absent(
    tmp_path: Path,
) -> None:
    own = tmp_path / "runner" / "chromium"  # a runner's own browser, not Debian's
    own.parent.mkdir()
    own.write_text("#!/bin/sh\n")
    own.chmod(0o755)
    assert missing("browser", CHROMIUM=str(own)) == ""
    assert missing("browser", CHROMIUM=str(tmp_path / "none")) == "chromium"


def test_tools_missing_from_path_are_named_with_their_packages(tmp_path: Path) -> None:
    # A PATH with what the script itself uses, but neither zbarimg, faketime nor java.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("fc-list", "grep"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    assert missing("browser", PATH=str(bin_dir)) == "zbar-tools faketime default-jre-headless"


def test_a_chinese_font_is_asked_for_only_when_fontconfig_has_none(tmp_path: Path) -> None:
    assert missing("fonts") == ""
    bin_dir = tmp_path / "bin"  # fontconfig absent: no Chinese font can be found
    bin_dir.mkdir()
    (bin_dir / "grep").symlink_to(shutil.which("grep"))
    assert missing("fonts", PATH=str(bin_dir)) == "fonts-noto-cjk"


def test_nginx_and_its_brotli_module_are_found_by_path(tmp_path: Path) -> None:
    assert missing("nginx") == ""
    assert missing("nginx", NGINX=str(tmp_path / "none")) == "nginx"
    assert missing("nginx", NGINX_MODULES=str(tmp_path)) == "libnginx-mod-http-brotli-filter"


def test_an_unknown_group_is_refused_in_chinese() -> None:
    done = subprocess.run([str(SCRIPT), "browsers"], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr == "未知的分组：browsers（应为 browser、fonts 或 nginx）\n"
