"""The funds block's column keys: which label or title means which column, and the kinds of column."""

from __future__ import annotations

# Column label (``vocabulary``) → canonical key.
COLUMN_KEYS = {
    "年初预算数": "budget_initial",
    "全年预算数": "budget",
    "预算数": "budget",
    "扣除后预算": "budget_net",
    "统筹整合资金": "pooled",
    "上年结转": "carried",  # a 上年结转 column between 年初预算数 and 全年预算数 (read by ``reader``, not a label)
    "到位资金": "available",
    "到位率": "available_rate",
    "全年执行数": "executed",
    "执行数": "executed",
    "执行率": "rate",
    "分值": "points",
    "执行率分值": "points",
    "得分": "score",
    "执行率得分": "score",
    "原因": "note",
    "行次": "line",
}
MONEY_KEYS = (
    "budget_initial",
    "carried",
    "adjustment",
    "budget",
    "budget_net",
    "pooled",
    "available",
    "executed",
    "balance",
)
UNKNOWN = (
    "other"  # the key prefix of a header title no vocabulary names (other, other2, …): any cell, no meaning
)
RATE_KEYS = ("rate", "available_rate")
