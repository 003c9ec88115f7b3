"""Settings from a TOML file and the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasad.api.config import ConfigError, Settings, load_settings


def test_defaults_have_no_key() -> None:
    assert load_settings(env={}) == Settings()


def test_file_then_environment(tmp_path: Path) -> None:
    config = tmp_path / "rasad.toml"
    config.write_text('[api]\nkey = "from-file"\nopen_reads = true\nmax_page = 50\n')
    assert load_settings(config, env={}).api_key == "from-file"
    settings = load_settings(env={"RASAD_CONFIG": str(config), "RASAD_API_KEY": "from-env"})
    assert settings.api_key == "from-env" and settings.open_reads and settings.max_page == 50


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("[api\n", "[E070]"),
        ("[api]\nkey = 5\n", "[E071]"),
        ("[api]\nmax_body_bytes = -1\n", "[E071]"),
        ("[api]\nmax_page = true\n", "[E071]"),
        ('[api]\nopen_reads = "yes"\n', "[E071]"),
    ],
)
def test_bad_config_is_a_coded_error(tmp_path: Path, text: str, code: str) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(text)
    with pytest.raises(ConfigError, match=r"^\[E07[01]\]") as caught:
        load_settings(config, env={})
    assert str(caught.value).startswith(code)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^\[E070\]"):
        load_settings(tmp_path / "absent.toml", env={})
