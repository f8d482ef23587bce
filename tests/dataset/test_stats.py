"""Counts per split and the generated Markdown blocks."""

from __future__ import annotations

import pytest

from econfacts.dataset import stats
from econfacts.dataset.splits import split_table
from econfacts.errors import InputError


def test_counts_per_split_add_up_to_all(fixture_docs):
    counts = stats.by_split(fixture_docs)
    assert list(counts) == [*split_table()["splits"], "all"]
    parts = [c for name, c in counts.items() if name != "all"]
    assert sum(c.documents for c in parts) == counts["all"].documents == len(fixture_docs)
    assert sum((c.spans for c in parts), stats.Counter()) == counts["all"].spans
    assert counts["all"].spans["PERCENT"] == sum(s["label"] == "PERCENT" for d in fixture_docs for s in d["spans"])
    test = counts["test"]
    assert test.relations["value_of"] == 3 and test.attributes[("bound", "approximate")] == 1


def test_markdown_lists_every_label_and_relation(fixture_docs):
    from econfacts.schema.inventory import load_inventory

    text = stats.markdown(stats.by_split(fixture_docs))
    inv = load_inventory()
    for name in (*inv.label_names, *inv.relation_names):
        assert f"| `{name}` |" in text
    assert "| `direction=increase` |" in text


def test_replace_block_rewrites_only_between_markers():
    doc = f"head\n{stats.START}\nold\n{stats.END}\ntail\n"
    assert stats.replace_block(doc, stats.START, stats.END, "new", where="x") == \
        f"head\n{stats.START}\nnew\n{stats.END}\ntail\n"
    with pytest.raises(InputError, match="x: needs exactly one"):
        stats.replace_block("no markers", stats.START, stats.END, "new", where="x")
