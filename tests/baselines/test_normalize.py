"""The value and TIME normaliser on cases from the guidelines (sections 4.5-4.8) and training articles."""

import pytest

from econfacts.baselines.normalize import bound_of, normalize_time, normalize_value

VALUES = [
    # (span text, label, text before, text after, number, unit, bound)
    ("45 billion yuan", "MONEY", "an annual output value of ", " (RMB, the same below)", 45e9, "CNY", "exact"),
    ("RMB 290.7 billion", "MONEY", "a total revenue of ", ".", 290.7e9, "CNY", "exact"),
    ("1.6 billion to 1.9 billion yuan", "MONEY", "an annual tax payment of about ", "", [1.6e9, 1.9e9], "CNY",
     "approximate"),
    ("2.5 trillion yuan", "MONEY", "with a total investment of ", ".", 2.5e12, "CNY", "exact"),
    ("RMB 50 billion", "MONEY", "a transaction volume exceeding ", " in the first quarter", 50e9, "CNY", "at_least"),
    ("5.1%", "PERCENT", "of which May increased by ", ".", 5.1, "%", "exact"),
    ("0.3 percentage points", "PERCENT", "", " higher than the national level", 0.3, "pp", "exact"),
    ("5.5%", "PERCENT", "increase GDP by more than ", "", 5.5, "%", "at_least"),
    ("5%", "PERCENT", "increase general public budget revenue by around ", "", 5.0, "%", "approximate"),
    ("1/3", "QUANTITY", "Industry accounts for nearly ", " of the province", 1 / 3, "ratio", "at_most"),
    ("602", "QUANTITY", "This year, there are ", " major projects", 602.0, "count", "exact"),
    ("1.1 million", "QUANTITY", "create more than ", " urban jobs", 1.1e6, "count", "at_least"),
    ("3 to 4", "QUANTITY", "cultivate ", " national advanced manufacturing clusters", [3.0, 4.0], "count", "exact"),
    ("50 tons", "QUANTITY", "Currently, ", " of medicinal glass tubes", 50.0, "t", "exact"),
    ("320 cubic meters per ton", "QUANTITY", "reduced gas consumption by ", "", 320.0, "m3/t", "exact"),
    ("300,000-ton-a-year", "QUANTITY", "the ", " lithium-ion anode", 300000.0, "t/yr", "exact"),
    ("680 acres", "QUANTITY", "covering an area of ", ".", 680.0, "acre", "exact"),
    ("7.4 square kilometer", "QUANTITY", "a high-standard ", " marine", 7.4, "km2", "exact"),
    ("10,000", "QUANTITY", "from less than 8,000 tons to more than ", " tons", 10000.0, "count", "at_least"),
    ("8,207", "QUANTITY", "there were ", " industrial technological transformation", 8207.0, "count", "exact"),
    ("20", "QUANTITY", "more than ", " welding robots", 20.0, "count", "at_least"),
]


@pytest.mark.parametrize(("span", "label", "before", "after", "number", "unit", "bound"), VALUES)
def test_value(span, label, before, after, number, unit, bound):
    got = normalize_value(span, label, before, after)
    assert got == {"number": pytest.approx(number), "unit": unit, "bound": bound}


@pytest.mark.parametrize(
    ("before", "after", "bound"),
    [("nearly ", "", "at_most"), ("almost ", "", "at_most"), ("less than ", "", "at_most"), ("over ", "", "at_least"),
     ("the pass rate has exceeded ", "", "at_least"), ("about ", "", "approximate"), ("", " or more", "at_least"),
     ("increased by ", "", "exact")],
)  # fmt: skip
def test_bound_qualifiers(before, after, bound):
    assert bound_of("95%", before, after) == bound


def test_scale_is_exact_decimal_arithmetic_free_of_drift():
    assert normalize_value("RMB 290.7 billion", "MONEY")["number"] == 290.7e9


TIMES = [
    ("January 31 this year", 2023, "2023-01-31"),
    ("first five months of this year", 2024, "2024-01/2024-05"),
    ("first five months of this year", None, None),
    ("Two years ago", None, None),
    ("Two years ago", 2024, "2022"),
    ("2022", 2023, "2022"),
    ("2022-04-28", 2022, "2022-04-28"),
    ("first quarter", 2023, "2023-Q1"),
    ("the first quarter of 2024", 2023, "2024-Q1"),
    ("first half of the year", 2024, "2024-H1"),
    ("May 22 to 24", 2024, "2024-05-22/2024-05-24"),
    ("January to March", 2024, "2024-01/2024-03"),
    ("end of March", 2024, "2024-03-31"),
    ("end of February", 2024, "2024-02-29"),
    ("beginning of 2023", 2023, "2023-01"),
    ("this year", 2023, "2023"),
    ("last year", 2023, "2022"),
    ("the whole year", 2023, "2023"),
    ("May", 2022, "2022-05"),
    ("February 4th", 2023, "2023-02-04"),
    ("19:00 on the evening of May 24", 2024, "2024-05-24"),
    ("Spring Festival", 2023, "2023-01-22"),
    ("2035", 2024, "2035"),
]


@pytest.mark.parametrize(("text", "ref", "value"), TIMES)
def test_time(text, ref, value):
    assert normalize_time(text, ref) == value
