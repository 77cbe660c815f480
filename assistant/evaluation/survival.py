"""Does a true relation still hold after one of its numbers is changed? Read from the key's own arithmetic.

A key writes some relations as inequalities ("101.84 ≤ 124", "(614.015) ≤ total 2000.59656") or says that no
number can contradict them ("must stay silent", "nothing to contradict"). Moving the larger side of an
inequality up keeps it true: such a changed text holds no contradiction, so the broken-relation bench must not
count it as a miss. A number is judged only when every place the relation's text names it is such an
inequality (a number that also stands in a sum or an equation is never called a survivor); an inequality the
change breaks outweighs a note that the rest of the relation must stay silent.
"""

from __future__ import annotations

import re
from decimal import Decimal

_NUM = r"(\d+(?:\.\d+)?)%?"
# "a ≤ b", "(a) ≤ total b", "adjusted budget a < initial b": at most a few latin words between sign and number
_INEQUALITY = re.compile(_NUM + r"\)?\s*(≤|<|≥|>)\s*(?:[a-z]+\s+){0,2}" + _NUM)
_CAP = re.compile(r"at most " + _NUM + r"[^.;]*;\s*" + _NUM + r" is within the cap")
_SILENT = re.compile(
    r"must stay silent|no number contradicts|nothing to contradict|no stated count to contradict"
)


def _holds(a: Decimal, sign: str, b: Decimal) -> bool:
    return {"≤": a <= b, "<": a < b, "≥": a >= b, ">": a > b}[sign]


def survives(relation: str, original: str, changed: str) -> bool:
    """True when the relation, written as the key writes it, still holds with ``original`` read as ``changed``."""
    new = Decimal(changed)
    judged: list[tuple[int, int]] = []
    verdicts: list[bool] = []
    for m in _INEQUALITY.finditer(relation):
        a, sign, b = m.group(1), m.group(2), m.group(3)
        if original not in (a, b):
            continue
        left = new if a == original else Decimal(a)
        right = new if b == original else Decimal(b)
        verdicts.append(_holds(left, sign, right))
        judged += [m.span(1) if a == original else m.span(3)]
    for m in _CAP.finditer(relation):
        if m.group(2) == original:
            verdicts.append(new <= Decimal(m.group(1)))
            judged.append(m.span(2))
    everywhere = [
        m.span(1) for m in re.finditer(r"(?<![\d.])(" + re.escape(original) + r")(?![\d.])", relation)
    ]
    if verdicts:
        return all(verdicts) and all(span in judged for span in everywhere)
    return bool(_SILENT.search(relation))
