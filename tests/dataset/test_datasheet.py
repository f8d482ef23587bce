"""DATASHEET.md follows the template section by section and keeps its generated blocks."""

from __future__ import annotations

import re

from econfacts.dataset import build, card
from econfacts.dataset.splits import DATASET_DIR

SECTIONS = ["Motivation", "Composition", "Collection Process", "Preprocessing / cleaning / labeling", "Uses",
            "Distribution", "Maintenance"]
# How many questions of the template each section answers (Gebru et al. 2021).
QUESTIONS = {"Motivation": 4, "Composition": 17, "Collection Process": 12, "Preprocessing / cleaning / labeling": 4,
             "Uses": 6, "Distribution": 7, "Maintenance": 8}


def _sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_datasheet_has_every_section_in_order_and_answers_each_question():
    sections = _sections(build.DATASHEET.read_text(encoding="utf-8"))
    assert list(sections) == SECTIONS
    for name, body in sections.items():
        questions = re.findall(r"^\*\*([^*]+?)\*\*\n(.+)", body, flags=re.M)
        assert len(questions) == QUESTIONS[name], name
        assert all(answer.strip() for _, answer in questions)


def test_datasheet_and_card_keep_their_generated_blocks():
    sheet = build.DATASHEET.read_text(encoding="utf-8")
    for marker in ("<!-- stats:start -->", "<!-- stats:end -->", "<!-- agreement:start -->", "<!-- agreement:end -->"):
        assert sheet.count(marker) == 1
    readme = (DATASET_DIR / "README.md").read_text(encoding="utf-8")
    assert readme.count("<!-- stats:start -->") == readme.count("<!-- stats:end -->") == 1
    front, _ = card.split_front_matter(readme)
    assert "\nconfigs:\n" in front and "\ndataset_info:\n" in front, "run `econfacts build` to write the card's YAML"
    assert not (DATASET_DIR / "dataset.py").exists()
