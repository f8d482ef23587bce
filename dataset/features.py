"""The Hugging Face `datasets` features of each config, derived from the label inventory.

Closed sets (span labels, relation labels, BIO tags, choice attributes) are ClassLabel; a number
attribute is a list of floats ([x] for a value, [low, high] for a range, null when the text gives none).
"""

from __future__ import annotations

from datasets import ClassLabel, Features, List, Value

from econfacts.dataset import views
from econfacts.schema.inventory import Attribute, Inventory, load_inventory


def _attribute_feature(attr: Attribute):
    if attr.type == "choice":
        return ClassLabel(names=list(attr.values))
    if attr.type == "number":
        return List(Value("float64"))
    return Value("string")


def span_labels(inv: Inventory) -> ClassLabel:
    return ClassLabel(names=list(inv.label_names))


def documents_features(inv: Inventory | None = None) -> Features:
    inv = inv or load_inventory()
    return Features({
        "id": Value("string"),
        "text": Value("string"),
        "spans": List({
            "id": Value("string"),
            "start": Value("int32"),
            "end": Value("int32"),
            "label": span_labels(inv),
            "text": Value("string"),
            "attributes": {a.name: _attribute_feature(a) for a in inv.attributes},
        }),
        "relations": List({
            "head": Value("string"),
            "tail": Value("string"),
            "label": ClassLabel(names=list(inv.relation_names)),
        }),
        "metadata": {name: Value(dtype) for name, dtype in views.MANIFEST_FIELDS},
    })


def sentences_features(inv: Inventory | None = None) -> Features:
    inv = inv or load_inventory()
    return Features({
        "id": Value("string"),
        "doc_id": Value("string"),
        "sentence_index": Value("int32"),
        "start": Value("int32"),
        "end": Value("int32"),
        "text": Value("string"),
        "tokens": List(Value("string")),
        "token_starts": List(Value("int32")),
        "token_ends": List(Value("int32")),
        "ner_tags": List(ClassLabel(names=views.bio_names(inv))),
    })


def facts_features(inv: Inventory | None = None) -> Features:
    inv = inv or load_inventory()
    columns = {
        "id": Value("string"),
        "doc_id": Value("string"),
        "span_id": Value("string"),
        "label": ClassLabel(names=list(inv.value_labels)),
        "text": Value("string"),
        "start": Value("int32"),
        "end": Value("int32"),
        "sentence": Value("string"),
    }
    for attr in views.value_attributes(inv):
        if attr.type == "number":
            for suffix in ("", "_low", "_high"):
                columns[attr.name + suffix] = Value("float64")
        else:
            columns[attr.name] = _attribute_feature(attr)
    for name, kind, attr in views.fact_columns(inv):
        if kind == "text":
            columns[name] = List(Value("string"))
        elif kind == "label":
            columns[name] = List(span_labels(inv))
        else:
            columns[name] = List(_attribute_feature(attr))
    return Features(columns)


BASE_CONFIGS = {
    "documents": documents_features,
    "sentences": sentences_features,
    "facts": facts_features,
}
