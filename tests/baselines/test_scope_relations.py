"""The heuristic relations' reach (GUIDELINES.md 3.1-3.8) on hand-made snippets with hand-placed spans."""

import re

from econfacts.baselines.relations import NearestRelations, PairClassifierRelations, candidate_pairs
from econfacts.baselines.scope import structure


def _doc(text, marks):
    """marks: (surface, label, occurrence) -> spans at the n-th occurrence of the surface."""
    spans = []
    for surface, label, nth in marks:
        m = [x for x in re.finditer(re.escape(surface), text)][nth]
        spans.append({"start": m.start(), "end": m.end(), "label": label})
    spans.sort(key=lambda s: s["start"])
    for i, s in enumerate(spans, start=1):
        s["id"] = f"T{i}"
    return {"id": "x", "text": text, "spans": spans, "relations": []}


def _links(doc):
    spans = {s["id"]: doc["text"][s["start"] : s["end"]] for s in doc["spans"]}
    rels = NearestRelations().fit([]).predict_relations(doc, doc["spans"])
    return {(spans[r["head"]], r["label"], spans[r["tail"]]) for r in rels}


TITLE = "Hebei industry grows in 2021\n\n"
LEAD = "In the first half of 2021, Hebei's industrial output rose by 6.2% year-on-year.\n\n"
BODY = "Exports increased by 12%. In March, sales reached 40 billion yuan.\n\n"


def test_structure_finds_title_lead_and_paragraphs():
    st = structure(TITLE + LEAD + BODY)
    assert st.title == 0 and st.lead == 1 and len(st.paragraphs) == 3 and st.headings == ()


def test_own_sentence_before_then_paragraph_then_lead():
    doc = _doc(
        TITLE + LEAD + BODY,
        [
            ("2021", "TIME", 0),
            ("Hebei", "LOCATION", 0),
            ("first half of 2021", "TIME", 0),
            ("Hebei", "LOCATION", 1),
            ("industrial output", "INDICATOR", 0),
            ("6.2%", "PERCENT", 0),
            ("Exports", "INDICATOR", 0),
            ("12%", "PERCENT", 0),
            ("March", "TIME", 0),
            ("sales", "INDICATOR", 0),
            ("40 billion yuan", "MONEY", 0),
        ],
    )
    links = _links(doc)
    # zone 1: nearest before the value in its own sentence
    assert ("6.2%", "period", "first half of 2021") in links and ("6.2%", "location", "Hebei") in links
    assert ("6.2%", "value_of", "industrial output") in links
    # zone 4: nothing in the sentence or paragraph before it, so the last candidate of the lead
    assert ("12%", "period", "first half of 2021") in links and ("12%", "location", "Hebei") in links
    # zone 1 wins over the lead; location falls back to the lead
    assert ("40 billion yuan", "period", "March") in links
    assert ("40 billion yuan", "location", "Hebei") in links


def test_earlier_sentence_of_the_paragraph_before_the_lead():
    text = TITLE + LEAD + "In May, exports rose by 3%. Imports fell by 1.5%.\n"
    doc = _doc(
        text, [("first half of 2021", "TIME", 0), ("May", "TIME", 0), ("3%", "PERCENT", 0), ("1.5%", "PERCENT", 0)]
    )
    links = _links(doc)
    assert ("1.5%", "period", "May") in links and ("3%", "period", "May") in links


def test_never_reaches_a_later_paragraph_or_another_section():
    text = (
        "Title line about Anhui\n\nIn 2020, Anhui output rose 5%.\n\n\u00a0 Heading without a stop\n\n"
        "Opener says output grew 4% in 2019.\n\nLater profits rose 7%.\n\n"
        "\u00a0 Second heading here\n\nCosts fell 2%.\n\n"
        "In 2018 something else happened.\n"
    )
    doc = _doc(
        text,
        [
            ("2020", "TIME", 0),
            ("5%", "PERCENT", 0),
            ("4%", "PERCENT", 0),
            ("2019", "TIME", 0),
            ("7%", "PERCENT", 0),
            ("2%", "PERCENT", 0),
            ("2018", "TIME", 0),
        ],
    )
    st = structure(text)
    assert len(st.headings) == 2
    links = _links(doc)
    assert ("4%", "period", "2019") in links  # own sentence, after the value
    assert ("7%", "period", "2019") in links  # section opener (zone 3) before the lead
    assert ("2%", "period", "2018") not in links  # a later paragraph is never reached
    assert ("2%", "period", "2020") in links  # the second section has no opener candidate: the lead


def test_firm_values_get_no_location_and_no_far_period():
    text = TITLE + LEAD + "Weiqiao Group in Binzhou achieved revenue of 30 billion yuan.\n"
    doc = _doc(
        text,
        [
            ("first half of 2021", "TIME", 0),
            ("Hebei", "LOCATION", 1),
            ("Weiqiao Group", "ORGANIZATION", 0),
            ("Binzhou", "LOCATION", 0),
            ("revenue", "INDICATOR", 0),
            ("30 billion yuan", "MONEY", 0),
        ],
    )
    links = _links(doc)
    assert ("30 billion yuan", "subject", "Weiqiao Group") in links
    assert not any(h == "30 billion yuan" and r in ("location", "period") for h, r, _ in links)
    assert ("Weiqiao Group", "location", "Binzhou") in links


def test_anaphor_subject_points_to_the_preceding_named_organization():
    text = "Tianma Co. opened a plant. The company sold 50 tons of glass last year.\n"
    doc = _doc(text, [("Tianma Co.", "ORGANIZATION", 0), ("50 tons", "QUANTITY", 0), ("glass", "PRODUCT", 0)])
    links = _links(doc)
    assert ("50 tons", "subject", "glass") in links  # "50 tons of glass": the adjacent product wins
    doc = _doc(
        "Tianma Co. opened a plant. The company cut costs by 5%.\n",
        [("Tianma Co.", "ORGANIZATION", 0), ("5%", "PERCENT", 0)],
    )
    assert ("5%", "subject", "Tianma Co.") in _links(doc)


def test_destination_and_other_frames_are_not_candidates():
    doc = _doc(
        "The plant shipped 128 engines to be sent to Turkey.\n", [("128", "QUANTITY", 0), ("Turkey", "LOCATION", 0)]
    )
    assert not any(r == "location" for _, r, _ in _links(doc))
    doc = _doc(
        "Among them, 214 continued the policies implemented in 2022.\n", [("214", "QUANTITY", 0), ("2022", "TIME", 0)]
    )
    assert not any(r == "period" for _, r, _ in _links(doc))


def test_share_links_to_numerator_not_denominator():
    doc = _doc(
        "Investment increased by 16.8%, accounting for 52.8% of the total investment.\n",
        [
            ("Investment", "INDICATOR", 0),
            ("16.8%", "PERCENT", 0),
            ("52.8%", "PERCENT", 0),
            ("total investment", "INDICATOR", 0),
        ],
    )
    assert ("52.8%", "value_of", "Investment") in _links(doc)


def test_learned_candidates_reach_the_lead_and_fit():
    doc = _doc(
        TITLE + LEAD + BODY, [("first half of 2021", "TIME", 0), ("Hebei", "LOCATION", 1), ("12%", "PERCENT", 0)]
    )
    pairs = {
        (doc["text"][h["start"] : h["end"]], doc["text"][t["start"] : t["end"]]): f
        for h, t, f in candidate_pairs(doc, doc["spans"], window=0)
    }
    feats = pairs[("12%", "first half of 2021")]
    assert feats["same_sentence"] == 0.0 and "zone=4|PERCENT>TIME" in feats and "heuristic=period" in feats
    gold = dict(
        doc,
        relations=[{"head": "T3", "tail": "T1", "label": "period"}, {"head": "T3", "tail": "T2", "label": "location"}],
    )
    model = PairClassifierRelations().fit([gold])
    assert model.model_ is not None
