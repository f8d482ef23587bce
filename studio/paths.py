"""Where the studio keeps things: the server's venv, its data folder and the raw exports."""

from __future__ import annotations

import os
from pathlib import Path

import econfacts

LS_VERSION = "1.23.2"
DEFAULT_PORT = 8080
URL_ENV = "ECONFACTS_STUDIO_URL"
TOKEN_ENVS = ("ECONFACTS_STUDIO_TOKEN", "LABEL_STUDIO_API_KEY")
USER_ENV = "ECONFACTS_STUDIO_USER"
PASSWORD_ENV = "ECONFACTS_STUDIO_PASSWORD"
DEFAULT_USER = "annotator@example.com"


def repo_root() -> Path:
    """The checkout that holds the package; the working folder when installed from a wheel."""
    root = Path(econfacts.__file__).resolve().parent.parent
    return root if (root / "pyproject.toml").is_file() else Path.cwd()


def default_venv() -> Path:
    return repo_root() / ".venv-ls"


def default_data_dir() -> Path:
    return repo_root() / ".studio"


def raw_export_dir() -> Path:
    from econfacts.dataset import splits

    return splits.DATASET_DIR / "labelstudio"


def default_url() -> str:
    return os.environ.get(URL_ENV) or f"http://127.0.0.1:{DEFAULT_PORT}"


def token_from_env() -> str | None:
    return next((os.environ[name] for name in TOKEN_ENVS if os.environ.get(name)), None)
