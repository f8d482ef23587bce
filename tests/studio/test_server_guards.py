"""The server refuses other hosts and taken ports before starting anything."""

from __future__ import annotations

import socket

import pytest

from econfacts.cli import main
from econfacts.errors import InputError
from econfacts.studio.server import LocalServer

TOKEN = "t" * 20


@pytest.mark.parametrize("host", ["0.0.0.0", "localhost", "192.168.1.2", "::"])
def test_any_host_but_loopback_is_refused(host, tmp_path):
    with pytest.raises(InputError, match=r"127\.0\.0\.1 only"):
        LocalServer(host=host, data_dir=tmp_path, password="pw", token=TOKEN)


def test_a_taken_port_fails_clearly(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        server = LocalServer(port=port, data_dir=tmp_path, password="pw", token=TOKEN)
        with pytest.raises(InputError, match=f"port {port} on 127.0.0.1 is taken"):
            server.start()
        assert server.process is None


def test_short_token_is_refused(tmp_path):
    with pytest.raises(InputError, match="at least 16"):
        LocalServer(data_dir=tmp_path, password="pw", token="short")


def test_serve_command_needs_the_token_in_the_environment(monkeypatch, capsys):
    for name in ("ECONFACTS_STUDIO_TOKEN", "LABEL_STUDIO_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    assert main(["studio", "serve"]) == 2
    assert "ECONFACTS_STUDIO_TOKEN" in capsys.readouterr().err


def test_serve_command_refuses_another_host(monkeypatch, capsys):
    monkeypatch.setenv("ECONFACTS_STUDIO_TOKEN", TOKEN)
    monkeypatch.setenv("ECONFACTS_STUDIO_PASSWORD", "pw-pw-pw")
    assert main(["studio", "serve", "--host", "0.0.0.0"]) == 2
    err = capsys.readouterr().err
    assert "127.0.0.1 only" in err and TOKEN not in err


def test_pull_from_a_server_that_is_not_running_is_one_line(monkeypatch, capsys, tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again below: nothing listens there
    monkeypatch.setenv("ECONFACTS_STUDIO_TOKEN", TOKEN)
    url = f"http://127.0.0.1:{port}"
    assert (
        main(["studio", "pull", "--project", "p", "--url", url, "--out", str(tmp_path), "--raw-dir", str(tmp_path)])
        == 2
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"cannot reach Label Studio at {url}" in err and TOKEN not in err
