"""``python -m generator render`` reads the data where the plugin does: a ``source`` given
as an absolute path (as the benchmark's configurations outside the checkout give it)."""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLE_CONFIG, SAMPLE_DIR

from generator.site import folder


def test_rendered_folder_of_a_config_whose_data_lies_elsewhere(tmp_path: Path) -> None:
    text = SAMPLE_CONFIG.read_text(encoding="utf-8")
    text = text.replace("source: projects.yaml", f"source: {SAMPLE_DIR / 'projects.yaml'}")
    text = text.replace("docs_dir: docs", f"docs_dir: {SAMPLE_DIR / 'docs'}")
    text = text.replace("custom_dir: ../../../overrides", f"custom_dir: {(SAMPLE_DIR / '../../../overrides').resolve()}")
    config = tmp_path / "elsewhere" / "mkdocs.yml"
    config.parent.mkdir()
    config.write_text(text, encoding="utf-8")
    written = folder.write(config, tmp_path / "out")
    assert written == tmp_path / "out" / "mkdocs.yml"
    assert (tmp_path / "out" / "docs" / "projects").is_dir()
    assert (tmp_path / "elsewhere" / ".cache" / "minsheng" / "qr").is_dir()  # its build cache
