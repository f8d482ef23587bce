"""The annotator demo: one document pushed with a baseline's predictions, the steps a person takes on it
(demo.json), and the README screenshot. The browser test and `econfacts studio screenshot` share it."""

from __future__ import annotations

import json
import secrets
import tempfile
from functools import cache
from pathlib import Path

DEMO_FILE = Path(__file__).with_name("demo.json")
SCREENSHOT = Path(__file__).with_name("screenshots") / "task.png"
PROJECT = "demo"


@cache
def demo() -> dict:
    return json.loads(DEMO_FILE.read_text(encoding="utf-8"))


def task_id_of(client, project_id: int, doc_id: str) -> int:
    return next(t.id for t in client.tasks.list(project=project_id) if (t.data or {}).get("doc_id") == doc_id)


def push_demo(client, project: str = PROJECT) -> tuple[int, int]:
    """(project id, task id) of the demo document pushed with its predictions."""
    from econfacts.studio.projects import push

    d = demo()
    report = push(client, project, [d["document"]], predictions=[d["prediction"]], model_version=d["model_version"])
    return report.project_id, task_id_of(client, report.project_id, d["document"]["id"])


def show_value_region(task_page) -> None:
    """Select the demo's value span so that its attribute controls are on the page."""
    task_page.select_region(demo()["annotator"]["show"]["value_span"])
    task_page.page.wait_for_timeout(300)  # let the panel finish its layout before a screenshot


def make_screenshot(out: Path = SCREENSHOT) -> Path:
    """A fresh server (temporary data folder, free port), the demo pushed, the task page screenshotted."""
    from econfacts.studio.browser import TaskPage, chromium_page
    from econfacts.studio.projects import connect
    from econfacts.studio.server import ServeCommand

    password, token = secrets.token_urlsafe(16), secrets.token_hex(20)
    with (
        tempfile.TemporaryDirectory(prefix="econfacts-studio-") as tmp,
        ServeCommand(data_dir=Path(tmp) / "data", password=password, token=token) as server,
    ):
        project_id, task_id = push_demo(connect(server.url, token))
        with chromium_page() as page:
            task_page = TaskPage(page, server.url)
            task_page.log_in(server.username, password)
            task_page.open(project_id, task_id)
            show_value_region(task_page)
            return task_page.screenshot(out)
