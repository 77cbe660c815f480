"""The visible placeholder a draft leaves where only the officer can supply the text: 【待补充：偏差原因】.

Nothing is invented: the drafters (``drafting.template``) write these marks, the model drafter's validator
(``drafting.validate``) refuses an answer that drops one, and the audit (``audit.checks.coverage``) reports
each left in a report as a warning.
"""

from __future__ import annotations

import re


def placeholder(topic: str) -> str:
    """The mark asking the officer for ``topic``: 【待补充：topic】."""
    return f"【待补充：{topic}】"


CAUSE_PLACEHOLDER = placeholder("偏差原因")
MEASURE_PLACEHOLDER = placeholder("改进措施")
# Any placeholder, including 【待核实：…】 (a figure the officer must confirm).
ANY_PLACEHOLDER = re.compile(r"【待(?:补充|核实)：[^】]*】")
