"""A real Label Studio server for the whole test session, started with `econfacts studio serve` as an
annotator starts it: fresh data folder, free port, health check, stopped with Ctrl-C afterwards.

Starting one on a fresh folder takes tens of seconds (migrations), so every `server` test shares it.
"""

from __future__ import annotations

import secrets

import pytest

from econfacts.studio.paths import default_venv


@pytest.fixture(scope="session")
def studio_server(tmp_path_factory):
    from econfacts.studio.server import ServeCommand

    if not (default_venv() / "bin" / "label-studio").exists():
        pytest.skip("no Label Studio server in .venv-ls: run `econfacts studio install`")
    server = ServeCommand(
        data_dir=tmp_path_factory.mktemp("studio") / "data",
        username="tester@example.com",
        password=secrets.token_urlsafe(16),
        token=secrets.token_hex(20),
    )
    with server:
        yield server
    assert server.process.returncode == 0, server.output()


@pytest.fixture(scope="session")
def studio_client(studio_server):
    from econfacts.studio.projects import connect

    return connect(studio_server.url, studio_server.token)


@pytest.fixture
def studio_env(studio_server, monkeypatch):
    """The environment a user sets for `econfacts studio push/pull` against the session server."""
    monkeypatch.setenv("ECONFACTS_STUDIO_URL", studio_server.url)
    monkeypatch.setenv("ECONFACTS_STUDIO_TOKEN", studio_server.token)
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    return studio_server
