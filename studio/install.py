"""The Label Studio server in its own virtual environment: it pins its own SDK, Django and pandas."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from econfacts.studio.paths import LS_VERSION


def installed_version(venv: Path) -> str | None:
    python = venv / "bin" / "python"
    if not (venv / "bin" / "label-studio").exists() or not python.exists():
        return None
    probe = "import importlib.metadata as m; print(m.version('label-studio'))"
    done = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else None


def install(venv: Path, *, log=print) -> bool:
    """Create `venv` with label-studio pinned; returns False when it was already there."""
    if installed_version(venv) == LS_VERSION:
        log(f"label-studio {LS_VERSION} already installed in {venv}")
        return False
    if not (venv / "bin" / "python").exists():
        log(f"creating {venv}")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    log(f"installing label-studio=={LS_VERSION} into {venv} (about 1 GB)")
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, f"label-studio=={LS_VERSION}"], check=True)
    return True
