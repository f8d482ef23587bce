"""The annotator's page in headless Chromium: what is offered and drawn, then annotating like a person,
and `econfacts studio pull` returning exactly what was done. Screenshots go to the folder below."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest

from econfacts.cli import main
from econfacts.jsonl import dumps, read_jsonl, write_jsonl
from econfacts.schema.inventory import load_inventory
from econfacts.studio.browser import CHROMIUM
from econfacts.studio.paths import repo_root

pytestmark = [
    pytest.mark.server,
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no chromium at {CHROMIUM} (apt-get install chromium)"),
]
# runs/ is ignored by git: the screenshots of the last run stay there for a person to look at.
SCREENSHOTS = repo_root() / "runs" / "studio-browser"


@pytest.fixture(scope="module")
def shots():
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


def test_annotator_sees_the_schema_and_pulls_exactly_what_was_done(studio_env, studio_client, tmp_path, shots):
    from econfacts.studio.browser import TaskPage, chromium_page
    from econfacts.studio.demo import demo, show_value_region, task_id_of

    inv, d = load_inventory(), demo()
    doc, prediction, steps = d["document"], d["prediction"], d["annotator"]
    write_jsonl(tmp_path / "docs.jsonl", [doc])
    write_jsonl(tmp_path / "predictions.jsonl", [prediction])
    push = ["studio", "push", "--project", "browser", "--documents", str(tmp_path / "docs.jsonl")]
    push += ["--predictions", str(tmp_path / "predictions.jsonl"), "--model-version", d["model_version"]]
    assert main(push) == 0
    project = next(p for p in studio_client.projects.list() if p.title == "browser")
    task_id = task_id_of(studio_client, project.id, doc["id"])

    with chromium_page() as page:
        task = TaskPage(page, studio_env.url)
        task.log_in(studio_env.username, studio_env.password)
        task.open(project.id, task_id)
        task.screenshot(shots / "01-opened.png")

        assert task.offered_labels() == list(inv.label_names)
        assert sorted(task.region_ids()) == sorted(s["id"] for s in prediction["spans"])
        for span in prediction["spans"]:
            assert task.drawn_text(span["id"]) == (span["start"], span["end"], doc["text"][span["start"] : span["end"]])

        value_span = next(s for s in prediction["spans"] if s["id"] == steps["show"]["value_span"])
        show_value_region(task)
        task.screenshot(shots / "02-value-selected.png")
        for attr in inv.attributes:
            assert task.control_visible(attr.name) == (value_span["label"] in attr.labels), attr.name
        place_span = next(s for s in prediction["spans"] if s["id"] == steps["show"]["place_span"])
        task.select_region(place_span["id"])
        task.screenshot(shots / "03-place-selected.png")
        for attr in inv.attributes:
            assert task.control_visible(attr.name) == (place_span["label"] in attr.labels), attr.name

        before = set(task.region_ids())
        task.label_words(steps["phrase"], steps["label"])
        [new_id] = set(task.region_ids()) - before
        task.fill_text_attribute(steps["attribute"]["span"], steps["attribute"]["name"], steps["attribute"]["value"])
        task.relate(steps["relation"]["head"], new_id, steps["relation"]["label"])
        task.screenshot(shots / "04-annotated.png")
        task.submit()
        task.screenshot(shots / "05-submitted.png")

    out = tmp_path / "pulled"
    assert main(["studio", "pull", "--project", "browser", "--out", str(out), "--raw-dir", str(tmp_path)]) == 0
    [(_, pulled)] = read_jsonl(out / "browser.jsonl")

    start = doc["text"].index(steps["phrase"])
    expected = copy.deepcopy({**doc, "spans": prediction["spans"], "relations": prediction["relations"]})
    expected["spans"].append({"id": new_id, "start": start, "end": start + len(steps["phrase"]),
                              "label": steps["label"], "text": steps["phrase"], "attributes": {}})  # fmt: skip
    expected["relations"].append(
        {"head": steps["relation"]["head"], "tail": new_id, "label": steps["relation"]["label"]}
    )
    attr_span = next(s for s in expected["spans"] if s["id"] == steps["attribute"]["span"])
    attr_span["attributes"][steps["attribute"]["name"]] = steps["attribute"]["value"]

    def by_id(document):
        return (
            sorted(dumps(s) for s in document["spans"]),
            sorted(dumps(r) for r in document["relations"]),
            {k: v for k, v in document.items() if k not in ("spans", "relations")},
        )

    assert by_id(pulled) == by_id(expected)
