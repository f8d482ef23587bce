"""The YAML front matter of the dataset card: metadata, `configs` with their data files, and features.

Everything below the front matter is prose kept in dataset/README.md; only the stats block in it is
generated. The front matter is generated in full so that configs and features never drift from the data.
"""

from __future__ import annotations

import yaml

from econfacts.dataset.splits import split_table
from econfacts.errors import InputError

METADATA = {
    "pretty_name": "EconFacts",
    "language": ["en"],
    "license": "other",
    "license_name": "econfacts-mixed",
    "license_link": "LICENSE.md",
    "annotations_creators": ["machine-generated"],  # LLM annotator agents; see DATASHEET.md
    "language_creators": ["found"],
    "multilinguality": ["monolingual"],
    "size_categories": ["n<1K"],
    "source_datasets": ["original"],
    "task_categories": ["token-classification"],
    "task_ids": ["named-entity-recognition"],
    "tags": ["relation-extraction", "information-extraction", "economics", "china", "news"],
}

DEFAULT_CONFIG = "documents"


def fold_names() -> list[str]:
    return list(split_table()["folds"])


def config_splits() -> dict[str, dict[str, list[str]]]:
    """config name -> split name -> document ids, for the base configs and every fold."""
    from econfacts.dataset.features import BASE_CONFIGS

    table = split_table()
    out = {}
    for base in BASE_CONFIGS:
        out[base] = {name: list(ids) for name, ids in table["splits"].items()}
    for base in BASE_CONFIGS:
        for fold, parts in table["folds"].items():
            out[f"{base}_{fold}"] = {name: list(ids) for name, ids in parts.items()}
    return out


def base_of(config: str) -> str:
    return config.split("_fold")[0]


def data_path(base: str, doc_id: str) -> str:
    """One Parquet file per document and base config; splits and folds are lists of these files."""
    return f"data/{base}/{doc_id}.parquet"


def front_matter(empty: frozenset[tuple[str, str]] = frozenset()) -> str:
    """The card's YAML. `empty` holds (base config, doc id) pairs without rows: their files are left
    out of `data_files`, because `datasets` cannot read a Parquet file of zero rows."""
    from datasets import DatasetInfo
    from datasets.info import DatasetInfosDict

    from econfacts.dataset.features import BASE_CONFIGS

    configs = []
    infos = DatasetInfosDict()
    for name, splits in config_splits().items():
        base = base_of(name)
        entry = {"config_name": name}
        if name == DEFAULT_CONFIG:
            entry["default"] = True
        entry["data_files"] = []
        for split, ids in splits.items():
            paths = [data_path(base, doc_id) for doc_id in ids if (base, doc_id) not in empty]
            if not paths:
                raise InputError(f"split {split} of config {name} would have no rows", field="splits")
            entry["data_files"].append({"split": split, "path": paths})
        configs.append(entry)
        infos[name] = DatasetInfo(features=BASE_CONFIGS[base]())
    card: dict = dict(METADATA)
    card["configs"] = configs
    infos.to_dataset_card_data(card)
    # Keep dataset_info in the order of `configs` (datasets sorts it by name).
    order = {c["config_name"]: i for i, c in enumerate(configs)}
    card["dataset_info"] = sorted(card["dataset_info"], key=lambda d: order[d["config_name"]])
    return "---\n" + yaml.safe_dump(card, sort_keys=False, allow_unicode=True, width=1000) + "---\n"


def split_front_matter(card: str) -> tuple[str, str]:
    """(front matter, body) of a card; the front matter is empty when there is none."""
    if card.startswith("---\n"):
        end = card.find("\n---\n", 4)
        if end != -1:
            return card[: end + 5], card[end + 5 :]
    return "", card


def loading_example(card: str) -> str:
    """The first ```python block of the card body, which a test runs."""
    _, body = split_front_matter(card)
    start = body.index("```python\n") + len("```python\n")
    return body[start : body.index("```", start)]
