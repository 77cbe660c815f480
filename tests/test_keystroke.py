"""numbers.keystroke: which near misses read as one slip of the hand."""

from decimal import Decimal

import pytest

from assistant.numbers.keystroke import one_keystroke, round_gap, transposed, written_digits


def test_written_digits_drop_point_separators_and_leading_zeros():
    assert written_digits(Decimal("1500.00"), 2) == "150000"
    assert written_digits(Decimal("0.75"), 2) == "75"
    assert written_digits(Decimal("-12.5"), 1) == "125"


@pytest.mark.parametrize(
    ("stated", "other", "places", "least"),
    [
        ("2386.42", "2376.42", 2, 4),  # one digit struck for another
        ("123.26", "133.26", 2, 4),
        ("1206", "1260", 0, 3),  # two neighbours swapped
        ("27.63", "27.36", 2, 4),
    ],
)
def test_one_keystroke(stated, other, places, least):
    assert one_keystroke(Decimal(stated), Decimal(other), places, min_digits=least)


@pytest.mark.parametrize(
    ("stated", "other", "places", "why"),
    [
        ("2386.42", "2386.42", 2, "the same figure"),
        ("3386.42", "2386.42", 2, "the leading digit: a change of scale, not a slip"),
        ("900.00", "600.00", 2, "round figures differ in one digit by plain arithmetic"),
        ("1240", "1200", 0, "three significant digits are too few to tell"),
        ("1206", "1260", 0, "126 has three: too few by default"),
        ("3320", "3260", 0, "two digits apart"),
        ("999.50", "1000.50", 2, "a carry changes the length"),
    ],
)
def test_not_one_keystroke(stated, other, places, why):
    assert not one_keystroke(Decimal(stated), Decimal(other), places), why


def test_transposed_needs_neighbours_and_enough_digits():
    assert transposed("3862", "3826")
    assert not transposed("3862", "6832")  # not neighbours
    assert not transposed("35", "53")  # too short
    assert transposed("35", "53", min_digits=2)


def test_round_gap_is_a_carry_slip_above_the_last_place():
    assert round_gap(Decimal("1792.6"), Decimal("1802.6"), 1)  # 10.0 apart: a carry
    assert round_gap(Decimal("2386.42"), Decimal("2376.42"), 2)
    assert not round_gap(Decimal("10.35"), Decimal("10.37"), 2)  # the last place: chance
    assert not round_gap(Decimal("44.89"), Decimal("114.89"), 2)  # another length: another quantity
    assert not round_gap(Decimal("2386.42"), Decimal("2371.42"), 2)  # 15.00: two digits' worth
    assert not round_gap(Decimal("1240"), Decimal("1200"), 0)  # round figures
