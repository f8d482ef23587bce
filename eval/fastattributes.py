"""`attributes.attribute_tallies` over a whole corpus of strict pairs, on coded columns (attrcolumns.py).

Same rule as the reference path: text and choice values agree when their codes agree (free text through
its normalised form), floats by math.isclose's rule with numpy; the pairs that codes and floats cannot
decide (ints, odd ranges, unusual types) go through `attributes.agree` one by one.
"""

from __future__ import annotations

from itertools import repeat

import numpy as np

from econfacts.eval.attrcolumns import FLOAT, OTHER, AttributeColumns
from econfacts.eval.attributes import REL_TOL, agree
from econfacts.eval.documents import normalise_text


def attribute_tallies(columns: AttributeColumns, strict, label, names: list[str],
                      rows: dict[str, list[int]]) -> None:
    """Add each attribute's (agreements, pairs) over the strict pairs to `rows`. `strict`: (gold, predicted)
    sorted positions of the strict pairs; `label`: the gold label code of each sorted gold position."""
    gi, pi = strict
    pair_label = label[gi]
    for k, attrs in columns.attributes.items():
        sel = pair_label == k
        n = int(sel.sum())
        if not n:
            continue
        gold, pred = columns.gold[k], columns.pred[k]
        lg = np.searchsorted(gold.positions, gi[sel])  # each pair's index in the label's columns
        lp = np.searchsorted(pred.positions, pi[sel])
        for attr in attrs:
            row = rows[attr.name]
            row[1] += n
            a_col, b_col = gold.columns[attr.name], pred.columns[attr.name]
            if attr.type == "number":
                row[0] += _numbers_agree(columns, k, attr, lg, lp, names[k])
                continue
            codes = columns.codes[(k, attr.name)]
            b_codes = columns.pred_codes(k, attr.name)
            if codes.gold is None or b_codes is None:
                row[0] += _one_by_one(a_col, b_col, lg, lp, attr, names[k])
                continue
            a_codes, b_codes = codes.gold[lg], b_codes[lp]
            if attr.type == "text" and not attr.constraint_for(names[k]):  # free text: normalised forms
                normal = _normal_codes(codes.keys(), len(a_col) + len(b_col))
                a_codes, b_codes = normal[a_codes], normal[b_codes]
            row[0] += int((a_codes == b_codes).sum())


def _normal_codes(table: dict, size: int) -> np.ndarray:
    """code -> the code of its value's normalised form; null and missing values keep codes of their own."""
    out = np.empty(size, dtype=np.int64)
    normal: dict[str, int] = {}
    for value, code in table.items():
        out[code] = normal.setdefault(normalise_text(value), len(normal)) if isinstance(value, str) else -1 - code
    return out


def _pick(col: tuple, index: np.ndarray) -> list:
    return list(map(col.__getitem__, index.tolist()))


def _one_by_one(a_col, b_col, lg, lp, attr, label: str) -> int:
    return sum(map(agree, repeat(attr), repeat(label), _pick(a_col, lg), _pick(b_col, lp)))


def _numbers_agree(columns: AttributeColumns, k: int, attr, lg, lp, label: str) -> int:
    """Floats and ranges of floats by math.isclose's rule, with numpy; pairs with anything else one by one."""
    a, b = columns.numbers("gold", k, attr.name), columns.numbers("pred", k, attr.name)
    ka, kb = a.kind[lg], b.kind[lp]
    plain = (ka != OTHER) & (kb != OTHER)
    same = plain & (ka == kb)  # a float and a range never agree
    close = _close(a.low[lg], b.low[lp]) & ((ka == FLOAT) | _close(a.high[lg], b.high[lp]))
    rest = ~plain
    a_col, b_col = columns.gold[k].columns[attr.name], columns.pred[k].columns[attr.name]
    return int((same & close).sum()) + _one_by_one(a_col, b_col, lg[rest], lp[rest], attr, label)


def _close(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", over="ignore"):
        diff = np.abs(y - x)
        return (x == y) | (np.isfinite(x) & np.isfinite(y) & ((diff <= np.abs(REL_TOL * y)) |
                                                              (diff <= np.abs(REL_TOL * x))))
