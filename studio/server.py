"""A local Label Studio server on 127.0.0.1: started, checked and stopped from Python.

    with LocalServer(data_dir=tmp, password=..., token=...) as server:
        server.url   # http://127.0.0.1:<free port>

The server is run from its own venv (`econfacts studio install`). Its user and API token are created
with the data folder (a legacy token, switched on for the new organisation); the token is handed over
through the environment, never on the command line, in a file or in the log.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from econfacts.errors import InputError
from econfacts.studio.paths import DEFAULT_USER, default_venv

HOST = "127.0.0.1"
MIN_TOKEN_LENGTH = 16
# Label Studio reads LABEL_STUDIO_X, HEARTEX_X and plain X; a CI runner's PORT or USERNAME must not leak in.
_SCRUBBED = ("PORT", "HOST", "USERNAME", "PASSWORD", "USER_TOKEN", "DATA_DIR", "DATABASE_NAME")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def port_is_free(port: int) -> bool:
    for family, address in ((socket.AF_INET, HOST), (socket.AF_INET, "0.0.0.0")):
        with socket.socket(family) as sock:
            try:
                sock.bind((address, port))
            except OSError:
                return False
    return True


def health(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=timeout) as response:
            return json.loads(response.read()).get("status") == "UP"
    except (OSError, ValueError):
        return False


def token_works(url: str, token: str) -> bool:
    request = urllib.request.Request(f"{url}/api/current-user/whoami", headers={"Authorization": f"Token {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status == 200
    except urllib.error.HTTPError:
        return False


def server_env(data_dir: Path, username: str, password: str, token: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LABEL_STUDIO_", "HEARTEX_")) and key not in _SCRUBBED
    }
    env.update(
        LABEL_STUDIO_BASE_DATA_DIR=str(data_dir),
        LABEL_STUDIO_USERNAME=username,
        LABEL_STUDIO_PASSWORD=password,
        LABEL_STUDIO_USER_TOKEN=token,
        LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN="true",
        LABEL_STUDIO_LATEST_VERSION_CHECK="false",
        LABEL_STUDIO_COLLECT_ANALYTICS="false",
        LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK="true",
    )
    return env


class LocalServer:
    """One Label Studio process bound to 127.0.0.1:`port` (a free port when None)."""

    def __init__(
        self,
        *,
        password: str,
        token: str,
        port: int | None = None,
        data_dir: str | os.PathLike | None = None,
        username: str = DEFAULT_USER,
        host: str = HOST,
        venv: str | os.PathLike | None = None,
        startup_timeout: float = 300.0,
    ):
        if host != HOST:
            raise InputError(f"the studio server binds to {HOST} only, not {host!r}", field="host")
        if not token or len(token) < MIN_TOKEN_LENGTH:
            raise InputError(f"the API token must have at least {MIN_TOKEN_LENGTH} characters", field="token")
        if not password:
            raise InputError("a password for the annotator's login is required", field="password")
        self.port = port
        self.data_dir = Path(data_dir) if data_dir is not None else None
        self.username, self.password, self.token = username, password, token
        self.venv = Path(venv) if venv is not None else default_venv()
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.data_dir / "server.log"

    def log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def start(self) -> LocalServer:
        executable = self.venv / "bin" / "label-studio"
        if not executable.exists():
            raise InputError(f"no Label Studio server in {self.venv}: run `econfacts studio install`", field="venv")
        if self.data_dir is None:
            raise InputError("a data folder is required", field="data_dir")
        if self.port is None:
            self.port = free_port()
        if not port_is_free(self.port):
            raise InputError(f"port {self.port} on {HOST} is taken; choose another with --port", field="port")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        command = [
            str(executable), "start", "--no-browser", "--internal-host", HOST, "--port", str(self.port),
            "--data-dir", str(self.data_dir), "--log-level", "WARNING",
        ]  # fmt: skip
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                command,
                env=server_env(self.data_dir, self.username, self.password, self.token),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            self._wait_until_up()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while not health(self.url):
            if self.process.poll() is not None:
                raise InputError(
                    f"the server exited with code {self.process.returncode}; see {self.log_path}", field="server"
                )
            if f"Port {self.port} is in use" in self.log_tail(200):
                raise InputError(f"port {self.port} on {HOST} is taken; choose another with --port", field="port")
            if time.monotonic() > deadline:
                raise InputError(f"no health check answer from {self.url}; see {self.log_path}", field="server")
            time.sleep(0.5)
        # Label Studio silently moves to the next port when its own is taken: make sure it is ours.
        log = self.log_tail(400)
        if f"Port {self.port} is in use" in log or f"server at {self.url}/" not in log:
            raise InputError(f"port {self.port} on {HOST} is taken; choose another with --port", field="port")
        if not token_works(self.url, self.token):
            raise InputError(
                f"the API token is not accepted by the server of {self.data_dir}: its user and token were "
                "fixed when that folder was created (use the same token, or a new --data-dir)",
                field="token",
            )

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class ServeCommand:
    """`econfacts studio serve` run as a child process, exactly as an annotator runs it; for the tests,
    the browser test and the screenshot command. Stopped with Ctrl-C (SIGINT), as a person would."""

    def __init__(
        self, *, data_dir: str | os.PathLike, password: str, token: str, username: str = DEFAULT_USER,
        port: int | None = None, startup_timeout: float = 300.0,
    ):  # fmt: skip
        self.data_dir = Path(data_dir)
        self.username, self.password, self.token = username, password, token
        self.port = port
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def output_path(self) -> Path:
        return self.data_dir.with_name(self.data_dir.name + ".serve.out")

    def output(self) -> str:
        try:
            return self.output_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def start(self) -> ServeCommand:
        import sys

        from econfacts.studio.paths import PASSWORD_ENV, TOKEN_ENVS, USER_ENV

        self.port = self.port or free_port()
        env = {k: v for k, v in os.environ.items() if k not in TOKEN_ENVS}
        env.update({TOKEN_ENVS[0]: self.token, PASSWORD_ENV: self.password, USER_ENV: self.username})
        command = [sys.executable, "-m", "econfacts", "studio", "serve", "--port", str(self.port),
                   "--data-dir", str(self.data_dir)]  # fmt: skip
        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        with open(self.output_path, "wb") as out:
            self.process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=out)
        deadline = time.monotonic() + self.startup_timeout
        while f"is up at {self.url}" not in self.output():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"`econfacts studio serve` did not come up:\n{self.output()[-3000:]}")
            time.sleep(0.5)
        return self

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> ServeCommand:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
