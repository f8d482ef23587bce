"""A built wheel installed outside the repository works: the command runs and validates documents."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "valid_document.jsonl"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """Build the wheel from the source tree and install it, without dependencies, into a fresh folder."""
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    # Build from a copy so that build artefacts never land in the checkout.
    shutil.copytree(
        ROOT, src, ignore=shutil.ignore_patterns(".venv*", ".git", ".studio", "*.egg-info", "build", "dist")
    )
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(src)],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("econfacts-*.whl"))
    site = work / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    return wheel, site, work


def run_installed(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_wheel_carries_data_files(installed):
    wheel, _, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "econfacts/schema/labels.json",
        "econfacts/schema/document.schema.json",
        "econfacts/schema/submission.schema.json",
        "econfacts/seeds/manifest.json",
        "econfacts/seeds/004_8137d2f7bf9e3325.txt",
        "econfacts/dataset/splits/splits.json",
    ):
        assert needed in names, needed


def test_installed_command_runs_from_elsewhere(installed):
    _, site, work = installed
    where = run_installed(site, work, "-c", "import econfacts; print(econfacts.__file__)")
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(site)
    helped = run_installed(site, work, str(site / "bin" / "econfacts"), "--help")
    assert helped.returncode == 0, helped.stderr
    assert "validate" in helped.stdout


def test_installed_command_validates(installed, tmp_path):
    _, site, work = installed
    good = tmp_path / "good.jsonl"
    shutil.copy(FIXTURE, good)
    ok = run_installed(site, work, "-m", "econfacts", "validate", str(good))
    assert ok.returncode == 0, ok.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text(FIXTURE.read_text(encoding="utf-8").replace('"PERCENT"', '"PERCENTAGE"'), encoding="utf-8")
    rejected = run_installed(site, work, "-m", "econfacts", "validate", str(bad))
    assert rejected.returncode == 2
    assert "spans[3].label" in rejected.stderr and "Traceback" not in rejected.stderr
