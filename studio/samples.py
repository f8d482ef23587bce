"""Documents that use every label, relation, attribute and attribute value of the inventory.

Built from load_inventory(), so a label added to labels.json is covered by the round-trip tests at once.
The texts mix astral characters and CRLF line ends, which is where offsets go wrong.
"""

from __future__ import annotations

from econfacts.schema.inventory import Attribute, Inventory, load_inventory

# Candidate values for text attributes; the first one an attribute accepts on a label is used.
TEXT_SAMPLES = ("CNY", "%", "pp", "t", "count", "2024-Q1", "2023-01/2023-05", "Liaoning", "Shandong")
NUMBER_SAMPLES = (45000000000.0, 602, [1600000000.0, 1900000000.0], None, 5.3, -0.25)


def _text_sample(attr: Attribute, label: str) -> str:
    for value in TEXT_SAMPLES:
        if attr.check(label, value) is None:
            return value
    raise ValueError(f"no sample value fits attribute {attr.name} on {label}: add one to TEXT_SAMPLES")


def attribute_variant(attr: Attribute, label: str, i: int) -> object:
    """The i-th value of `attr` on a span of `label`; cycling i through variants_needed covers every value."""
    if attr.type == "choice":
        return attr.values[i % len(attr.values)]
    if attr.type == "number":
        options = [v for v in NUMBER_SAMPLES if attr.check(label, v) is None]
        return options[i % len(options)]
    options = [_text_sample(attr, label)] + ([None] if attr.nullable else [])
    return options[i % len(options)]


def variants_needed(inv: Inventory, label: str) -> int:
    counts = [1]
    for attr in inv.attributes_for(label):
        if attr.type == "choice":
            counts.append(len(attr.values))
        elif attr.type == "number":
            counts.append(len(NUMBER_SAMPLES))
        else:
            counts.append(2 if attr.nullable else 1)
    return max(counts)


class _Builder:
    def __init__(self, doc_id: str, inv: Inventory):
        self.inv = inv
        self.doc = {"id": doc_id, "text": "Report 📈 of the 𝔼con bureau:\r\n", "spans": [], "relations": []}
        self.used: dict[str, int] = {}

    def span(self, label: str) -> str:
        i = self.used.get(label, 0)
        self.used[label] = i + 1
        word = f"{label.lower()}-{i}"
        start = len(self.doc["text"])
        self.doc["text"] += word + (" é 😀 " if i % 2 else " and\r\n")
        attributes = {a.name: attribute_variant(a, label, i) for a in self.inv.attributes_for(label)}
        span_id = f"T{len(self.doc['spans']) + 1}"
        self.doc["spans"].append(
            {
                "id": span_id,
                "start": start,
                "end": start + len(word),
                "label": label,
                "text": word,
                "attributes": attributes,
            }
        )
        return span_id


def inventory_documents(inv: Inventory | None = None) -> list[dict]:
    """Three documents: one with every label (every attribute value) and relation, one without
    annotations but with metadata, and an empty text."""
    inv = inv or load_inventory()
    full = _Builder("inventory-all", inv)
    for label in inv.label_names:
        for _ in range(variants_needed(inv, label)):
            full.span(label)
    for relation in inv.relations:
        for heads, tails in relation.signatures:
            head, tail = full.span(sorted(heads)[0]), full.span(sorted(tails)[0])
            full.doc["relations"].append({"head": head, "tail": tail, "label": relation.name})
    bare = {"id": "inventory-bare", "text": "No facts here.\r\nOnly 𝔸 line.", "spans": [], "relations": []}
    bare["metadata"] = {"source": "generated", "note": "no annotations"}
    empty = {"id": "inventory-empty", "text": "", "spans": [], "relations": []}
    return [full.doc, bare, empty]
