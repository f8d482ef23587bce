"""`econfacts studio ...`: install, config, serve, push, pull, screenshot."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path


def register(sub) -> None:
    studio = sub.add_parser("studio", help="Label Studio: labeling config, local server, push and pull")
    cmds = studio.add_subparsers(dest="studio_command", metavar="STUDIO_COMMAND", required=True)

    p = cmds.add_parser("install", help="create the server's own venv with label-studio (quick when present)")
    p.add_argument("--venv", type=Path, default=None, help="venv folder (default: .venv-ls in the repository)")
    p.set_defaults(func=run_install)

    p = cmds.add_parser("config", help="write the labeling config generated from schema/labels.json")
    p.add_argument("--out", type=Path, default=None, help="XML file to write (default: standard output)")
    p.set_defaults(func=run_config)

    p = cmds.add_parser("serve", help="start a local Label Studio on 127.0.0.1 until Ctrl-C")
    p.add_argument("--port", type=int, default=None, help="port on 127.0.0.1 (default 8080)")
    p.add_argument("--host", default="127.0.0.1", help="only 127.0.0.1 is accepted")
    p.add_argument(
        "--data-dir", type=Path, default=None, help="server data folder (default: .studio/ in the repository)"
    )
    p.add_argument("--venv", type=Path, default=None, help="the server's venv (default: .venv-ls)")
    p.set_defaults(func=run_serve)

    url_help = "server address (default: $ECONFACTS_STUDIO_URL or http://127.0.0.1:8080)"
    p = cmds.add_parser("push", help="import documents (and a baseline's predictions) into a project")
    p.add_argument("--project", required=True, help="project name, e.g. pass-a, pass-b, gold")
    p.add_argument("--documents", type=Path, required=True, help="documents file (JSON Lines)")
    p.add_argument("--ground-truth", action="store_true", help="mark the annotations ground truth (adjudicated gold)")
    p.add_argument(
        "--predictions", type=Path, default=None, help="a baseline's submission file, imported as predictions"
    )
    p.add_argument("--model-version", default=None, help="the name of the predictions' model (required with them)")
    p.add_argument("--url", default=None, help=url_help)
    p.set_defaults(func=run_push)

    p = cmds.add_parser("pull", help="export a project: raw JSON under dataset/labelstudio, documents to --out")
    p.add_argument("--project", required=True, help="project name")
    p.add_argument("--out", type=Path, default=None, help="folder for <project>.jsonl (default: dataset/passes)")
    p.add_argument(
        "--raw-dir", type=Path, default=None, help="folder for the raw export (default: dataset/labelstudio)"
    )
    p.add_argument("--url", default=None, help=url_help)
    p.set_defaults(func=run_pull)

    p = cmds.add_parser("convert", help="convert a raw full JSON export to documents (no server needed)")
    p.add_argument("export", type=Path, help="raw export, e.g. dataset/labelstudio/gold.json")
    p.add_argument("--out", type=Path, default=None, help="documents file to write (default: standard output)")
    p.add_argument("--predictions", metavar="MODEL_VERSION", default=None, help="read this model's predictions instead")
    p.set_defaults(func=run_convert)

    p = cmds.add_parser("screenshot", help="regenerate the README screenshot of the task page (starts its own server)")
    p.add_argument("--out", type=Path, default=None, help="PNG to write (default: studio/screenshots/task.png)")
    p.set_defaults(func=run_screenshot)


def run_install(args) -> int:
    from econfacts.studio.install import install
    from econfacts.studio.paths import default_venv

    install(args.venv or default_venv())
    return 0


def run_config(args) -> int:
    from econfacts.jsonl import atomic_write_text
    from econfacts.studio.config import build_config

    xml = build_config()
    if args.out is None:
        sys.stdout.write(xml)
    else:
        atomic_write_text(args.out, xml)
        print(args.out)
    return 0


def credentials() -> tuple[str, str, str]:
    """(user, password, token) from the environment; never echoed."""
    from econfacts.errors import InputError
    from econfacts.studio.paths import DEFAULT_USER, PASSWORD_ENV, TOKEN_ENVS, USER_ENV, token_from_env

    token = token_from_env()
    if not token:
        raise InputError(
            f"set {TOKEN_ENVS[0]} to the API token the server should accept (16+ characters)", field="token"
        )
    password = os.environ.get(PASSWORD_ENV)
    if not password:
        raise InputError(f"set {PASSWORD_ENV} to the password for logging in to the web page", field="password")
    return os.environ.get(USER_ENV) or DEFAULT_USER, password, token


def run_serve(args) -> int:
    from econfacts.studio.paths import DEFAULT_PORT, default_data_dir
    from econfacts.studio.server import LocalServer

    user, password, token = credentials()
    server = LocalServer(
        port=args.port or DEFAULT_PORT, data_dir=args.data_dir or default_data_dir(), host=args.host,
        venv=args.venv, username=user, password=password, token=token,
    )  # fmt: skip
    print(f"starting Label Studio (log: {server.log_path}) ...", flush=True)
    server.start()
    print(f"Label Studio is up at {server.url}  (log in as {user}; Ctrl-C stops it)", flush=True)
    # A terminated serve must not leave the server running; SIGINT may arrive ignored (a shell's `&`).
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, _interrupt)
    try:
        server.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _client(args):
    from econfacts.studio.paths import default_url, token_from_env
    from econfacts.studio.projects import connect

    return connect((args.url or default_url()).rstrip("/"), token_from_env())


def _talking_to_server(call, args):
    """Run `call(client)`; an unreachable server or a refused token is one line, not a traceback."""
    import httpx
    from label_studio_sdk.core.api_error import ApiError

    from econfacts.errors import InputError
    from econfacts.studio.paths import default_url

    url = (args.url or default_url()).rstrip("/")
    try:
        return call(_client(args))
    except httpx.TransportError as exc:
        raise InputError(f"cannot reach Label Studio at {url} ({exc}); is `econfacts studio serve` running?") from None
    except ApiError as exc:
        if exc.status_code == 401:
            raise InputError(f"{url} refused the API token in ECONFACTS_STUDIO_TOKEN", field="token") from None
        raise InputError(f"Label Studio at {url} answered {exc.status_code}: {str(exc.body)[:300]}") from None


def run_push(args) -> int:
    from econfacts.errors import InputError
    from econfacts.schema.validate import validate_file
    from econfacts.studio.projects import project_name, push

    name = project_name(args.project)
    if (args.predictions is None) != (args.model_version is None):
        raise InputError("--predictions and --model-version go together", field="model_version")
    docs, problems = validate_file(args.documents)
    predictions = None
    if args.predictions is not None and not problems:
        texts = {d["id"]: d["text"] for d in docs}
        predictions, problems = validate_file(args.predictions, submission=True, texts=texts)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 2
    report = _talking_to_server(
        lambda client: push(
            client,
            name,
            docs,
            ground_truth=args.ground_truth,
            predictions=predictions,
            model_version=args.model_version,
        ),
        args,
    )
    verb = "created" if report.created else "updated"
    print(
        f"project {name} (id {report.project_id}) {verb}: {report.tasks} new tasks, {report.annotations} annotations, "
        f"{report.predictions} predictions; {len(report.skipped)} documents were already there"
    )
    return 0


def run_pull(args) -> int:
    from econfacts.dataset.splits import DATASET_DIR
    from econfacts.studio.paths import raw_export_dir
    from econfacts.studio.projects import project_name, pull

    name = project_name(args.project)
    out_dir, raw_dir = args.out or DATASET_DIR / "passes", args.raw_dir or raw_export_dir()
    report = _talking_to_server(lambda client: pull(client, name, out_dir=out_dir, raw_dir=raw_dir), args)
    print(f"raw export: {report.raw_path}")
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if report.problems:
        print(f"{len(report.problems)} problems: the documents were not written", file=sys.stderr)
        return 2
    print(f"{len(report.documents)} documents: {report.docs_path}")
    return 0


def read_export(path: Path) -> list:
    import json

    from econfacts.errors import InputError

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=str(path)) from None
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise InputError(f"invalid JSON: {str(exc).splitlines()[0]}", file=str(path)) from None


def run_convert(args) -> int:
    from econfacts.jsonl import dumps, write_jsonl
    from econfacts.schema.validate import check_record
    from econfacts.studio.convert import export_to_documents

    docs = export_to_documents(read_export(args.export), source=str(args.export), predictions=args.predictions)
    problems = [
        f"{args.export}:document {doc['id']}: {field}: {reason}"
        for doc in docs
        for field, reason in check_record(doc, submission=args.predictions is not None)
    ]
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 2
    if args.out is None:
        sys.stdout.write("".join(dumps(doc) + "\n" for doc in docs))
    else:
        write_jsonl(args.out, docs)
        print(f"{len(docs)} documents: {args.out}")
    return 0


def run_screenshot(args) -> int:
    from econfacts.studio.demo import SCREENSHOT, make_screenshot

    print(make_screenshot(args.out or SCREENSHOT))
    return 0
