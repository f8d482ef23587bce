"""Push documents to, and pull them from, a Label Studio project (SDK 2.x; imported by handlers only).

One project per annotation pass and one for the adjudicated gold. Label Studio accepts unknown labels
and dangling relations silently, so every result is checked against the labeling config here first.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from label_studio_sdk import LabelStudio
from label_studio_sdk.label_interface import LabelInterface

from econfacts.errors import InputError
from econfacts.jsonl import atomic_write_bytes, write_jsonl
from econfacts.schema.validate import Problem, check_record
from econfacts.studio.config import build_config
from econfacts.studio.convert import documents_to_tasks, export_to_documents

PROJECT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
# Full prediction objects: the quick export and a default snapshot give prediction ids only.
SERIALIZATION = {"predictions": {"only_id": False}}


def project_name(value: str) -> str:
    if not PROJECT_NAME.fullmatch(value):
        raise InputError(
            f"{value!r}: a project name is letters, digits, _ . - (it names the export file)", field="project"
        )
    return value


def connect(url: str, token: str | None) -> LabelStudio:
    if not token:
        raise InputError(
            "no API token: set ECONFACTS_STUDIO_TOKEN (the one the server was started with)", field="token"
        )
    return LabelStudio(base_url=url, api_key=token)


def find_project(client: LabelStudio, name: str):
    return next((p for p in client.projects.list() if p.title == name), None)


@dataclass
class PushReport:
    project_id: int
    created: bool
    tasks: int = 0
    annotations: int = 0
    predictions: int = 0
    skipped: list[str] = field(default_factory=list)


def check_against_config(tasks: list[dict], config: str) -> None:
    interface = LabelInterface(config)
    for task in tasks:
        for key in ("annotations", "predictions"):
            for entry in task.get(key, []):
                errors = interface.validate_prediction({"result": entry["result"]}, return_errors=True)
                if errors:
                    raise InputError(errors[0], record=f"document {task['data']['doc_id']}", field=key)


def existing_tasks(client: LabelStudio, project_id: int) -> dict[str, tuple[int, str]]:
    """doc_id -> (task id, text) of the tasks already in the project."""
    found = {}
    for task in client.tasks.list(project=project_id, fields="all"):
        data = task.data or {}
        if isinstance(data.get("doc_id"), str):
            found[data["doc_id"]] = (task.id, data.get("text"))
    return found


def push(
    client: LabelStudio,
    name: str,
    docs: list[dict],
    *,
    ground_truth: bool = False,
    predictions: list[dict] | None = None,
    model_version: str | None = None,
) -> PushReport:
    """Create or update project `name`: documents not yet in it become tasks (their spans an annotation,
    ground truth only when asked); predictions are added to new and existing tasks alike."""
    config = build_config()
    tasks = documents_to_tasks(docs, ground_truth=ground_truth, predictions=predictions, model_version=model_version)
    check_against_config(tasks, config)
    project = find_project(client, name)
    created = project is None
    if created:
        project = client.projects.create(title=name, label_config=config, show_collab_predictions=True)
    elif project.label_config != config:
        client.projects.update(project.id, label_config=config)
    report = PushReport(project.id, created)
    present = {} if created else existing_tasks(client, project.id)
    new, late_predictions = [], []
    for task in tasks:
        doc_id = task["data"]["doc_id"]
        if doc_id not in present:
            new.append(task)
            continue
        task_id, text = present[doc_id]
        if text != task["data"]["text"]:
            raise InputError(
                "text differs from the task already in the project", record=f"document {doc_id}", field="text"
            )
        report.skipped.append(doc_id)
        late_predictions += [{**p, "task": task_id} for p in task.get("predictions", [])]
    if new:
        client.projects.import_tasks(project.id, request=new)
        report.tasks = len(new)
    report.annotations = sum(len(t.get("annotations", [])) for t in new)
    report.predictions = sum(len(t.get("predictions", [])) for t in new)
    if late_predictions:
        client.projects.import_predictions(project.id, request=late_predictions)
        report.predictions += len(late_predictions)
    if model_version:
        # Label Studio shows annotators the predictions of the project's model version only.
        client.projects.update(project.id, model_version=model_version)
    return report


def full_export(client: LabelStudio, project_id: int, *, timeout: float = 600.0) -> bytes:
    """A full JSON snapshot with whole prediction objects (Community edition completes it at once)."""
    snapshot = client.projects.exports.create(project_id, title="econfacts pull", serialization_options=SERIALIZATION)
    deadline = time.monotonic() + timeout
    while (status := client.projects.exports.get(project_id, snapshot.id).status) != "completed":
        if status == "failed" or time.monotonic() > deadline:
            raise InputError(f"the export of project {project_id} {status or 'did not finish'}", field="export")
        time.sleep(0.5)
    return b"".join(client.projects.exports.download(project_id, snapshot.id, export_type="JSON"))


@dataclass
class PullReport:
    raw_path: Path
    docs_path: Path | None
    documents: list[dict]
    problems: list[Problem]


def pull(client: LabelStudio, name: str, *, out_dir: Path, raw_dir: Path) -> PullReport:
    """Write the raw export to raw_dir/<name>.json, then the converted documents to out_dir/<name>.jsonl
    when every document is valid (otherwise the problems are returned and nothing else is written)."""
    project = find_project(client, name)
    if project is None:
        raise InputError(f"no project named {name!r} on the server", field="project")
    raw = full_export(client, project.id)
    raw_path = raw_dir / f"{name}.json"
    atomic_write_bytes(raw_path, raw)
    try:
        tasks = json.loads(raw)
    except ValueError as exc:
        raise InputError(f"the server sent invalid JSON: {exc}", file=str(raw_path)) from None
    docs = export_to_documents(tasks, source=str(raw_path))
    problems = [
        Problem(str(raw_path), f"document {doc['id']}", field_, reason)
        for doc in docs
        for field_, reason in check_record(doc)
    ]
    docs_path = None
    if not problems:
        docs_path = out_dir / f"{name}.jsonl"
        write_jsonl(docs_path, docs)
    return PullReport(raw_path, docs_path, docs, problems)
