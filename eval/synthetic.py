"""Random valid gold documents and noisy predictions of them, for the speed benchmark and the tests.

Text is single-space separated tokens and every span covers whole tokens, so the same documents can be
turned into IOB2 tag sequences (the seqeval cross-check). Labels, relations and attributes come from the
inventory; predictions keep gold span ids, so their relations stay meaningful.
"""

from __future__ import annotations

import random

from econfacts.schema.inventory import Attribute, Inventory, load_inventory

WORDS = ("growth", "output", "rose", "province", "yuan", "percent", "plant", "export", "steel", "the", "of", "in")


def _attribute_value(attr: Attribute, label: str, rng: random.Random) -> object:
    if attr.type == "choice":
        return rng.choice(attr.values)
    if attr.type == "number":
        x = round(rng.uniform(1, 1000), 2)
        return [x, x * 2] if rng.random() < 0.1 else x
    rule = attr.constraint_for(label)
    if "enum" in rule:
        return rng.choice(rule["enum"])
    if attr.name == "unit":
        return "CNY" if label == "MONEY" else "t"
    if attr.name == "value":
        return rng.choice(("2022", "2023", "2024-Q1", "2023-01/2023-05", None))
    return rng.choice(("Shandong", "Liaoning", "Qingdao", None))


def _attributes(label: str, inv: Inventory, rng: random.Random) -> dict:
    return {a.name: _attribute_value(a, label, rng) for a in inv.attributes_for(label)}


def _relations(spans: list[dict], inv: Inventory, rng: random.Random, per_span: float) -> list[dict]:
    out, seen = [], set()
    n = len(spans)
    for i, head in enumerate(spans):
        for _ in range(int(per_span) + (rng.random() < per_span % 1)):
            j = min(n - 1, max(0, i + rng.randint(-4, 4)))
            tail = spans[j]
            options = [r.name for r in inv.relations if r.allows(head["label"], tail["label"])]
            if i == j or not options:
                continue
            key = (head["id"], tail["id"], rng.choice(options))
            if key not in seen:
                seen.add(key)
                out.append({"head": key[0], "tail": key[1], "label": key[2]})
    return out


def gold_document(doc_id: str, n_spans: int, rng: random.Random, inv: Inventory | None = None,
                  relations_per_span: float = 0.8) -> dict:
    """`relations_per_span`: relation attempts per span (about a fifth succeed: most label pairs allow none)."""
    inv = inv or load_inventory()
    labels = inv.label_names
    tokens: list[str] = []
    spans = []
    while len(spans) < n_spans:
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            tokens.append(rng.choice(WORDS))
        length = rng.choice((1, 1, 2, 3))
        label = rng.choice(labels)
        spans.append((len(tokens), len(tokens) + length, label))
        tokens.extend(rng.choice(WORDS) for _ in range(length))
    tokens.append(rng.choice(WORDS))
    return _document(doc_id, tokens, spans, inv, rng, relations_per_span)


def _document(doc_id, tokens, token_spans, inv, rng, relations_per_span: float = 0.8) -> dict:
    offsets, pos = [], 0
    for t in tokens:
        offsets.append((pos, pos + len(t)))
        pos += len(t) + 1
    text = " ".join(tokens)
    spans = []
    for k, (a, b, label) in enumerate(token_spans):
        start, end = offsets[a][0], offsets[b - 1][1]
        spans.append(
            {"id": f"T{k}", "start": start, "end": end, "label": label, "text": text[start:end],
             "attributes": _attributes(label, inv, rng)}
        )
    return {"id": doc_id, "text": text, "spans": spans, "relations": _relations(spans, inv, rng, relations_per_span)}


def token_spans(doc: dict) -> tuple[list[str], list[tuple[int, int, str]]]:
    """The tokens of a synthetic document and its spans as (first token, last token + 1, label)."""
    tokens = doc["text"].split(" ")
    starts, pos = {}, 0
    for i, t in enumerate(tokens):
        starts[pos] = i
        pos += len(t) + 1
    ends = {s + len(tokens[i]): i + 1 for s, i in starts.items()}
    return tokens, [(starts[s["start"]], ends[s["end"]], s["label"]) for s in doc["spans"]]


def noisy_prediction(gold: dict, rng: random.Random, inv: Inventory | None = None, noise: float = 0.3) -> dict:
    """A valid prediction: spans dropped, relabelled, shrunk, grown into free tokens, added; relations
    dropped and added; some attributes changed."""
    inv = inv or load_inventory()
    tokens, spans = token_spans(gold)
    taken = [False] * len(tokens)
    for a, b, _ in spans:
        taken[a:b] = [True] * (b - a)
    kept = []
    for k, (a, b, label) in enumerate(spans):
        r = rng.random()
        if r < noise * 0.3:
            taken[a:b] = [False] * (b - a)
            continue
        if r < noise * 0.55:
            label = rng.choice(inv.label_names)
        elif r < noise * 0.75 and b - a > 1:
            taken[b - 1] = False
            b -= 1
        elif r < noise and b < len(tokens) and not taken[b]:
            taken[b] = True
            b += 1
        kept.append((k, a, b, label))
    for i in range(len(tokens)):
        if not taken[i] and rng.random() < noise * 0.1:
            taken[i] = True
            kept.append((len(spans) + i, i, i + 1, rng.choice(inv.label_names)))
    kept.sort(key=lambda x: x[1])
    doc = _document(gold["id"], tokens, [(a, b, label) for _, a, b, label in kept], inv, rng, 0.0)
    gold_attrs = {s["id"]: s["attributes"] for s in gold["spans"]}
    for span, (k, *_rest) in zip(doc["spans"], kept, strict=True):
        span["id"] = f"T{k}"
        if f"T{k}" in gold_attrs and span["label"] == gold["spans"][k]["label"] and rng.random() > noise / 2:
            span["attributes"] = gold_attrs[f"T{k}"]
    by_id = {s["id"]: s for s in doc["spans"]}
    rels = [
        r for r in gold["relations"]
        if r["head"] in by_id and r["tail"] in by_id and rng.random() > noise / 2
        and inv.relation(r["label"]).allows(by_id[r["head"]]["label"], by_id[r["tail"]]["label"])
    ]
    seen = {(r["head"], r["tail"], r["label"]) for r in rels}
    for r in _relations(doc["spans"], inv, rng, noise / 3):
        if (r["head"], r["tail"], r["label"]) not in seen:
            rels.append(r)
    doc["relations"] = rels
    return doc


def corpus(n_docs: int, spans_per_doc: int, seed: int, noise: float = 0.3,
           relations_per_span: float = 0.8) -> tuple[list[dict], list[dict]]:
    """(gold documents, predictions) drawn from one seeded generator."""
    rng = random.Random(seed)
    inv = load_inventory()
    gold = [gold_document(f"d{i:06d}", spans_per_doc, rng, inv, relations_per_span) for i in range(n_docs)]
    return gold, [noisy_prediction(g, rng, inv, noise) for g in gold]
