"""YAML reading that keeps decimals exact: ``62.3205`` becomes ``Decimal('62.3205')``, never a float."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml

try:  # the C loader is several times faster; fall back when PyYAML was built without libyaml
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader


class DecimalLoader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader whose floats are Decimals built from the exact text written."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = loader.construct_scalar(node).replace("_", "")
    lowered = text.lower()
    if lowered in (".nan", ".inf", "+.inf", "-.inf"):
        return Decimal("NaN") if "nan" in lowered else Decimal(lowered.replace(".", ""))
    return Decimal(text)


DecimalLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
# YAML 1.1 reads a bare "=" as its obscure "value" type; on a 自评表 it is the 指标性质 等于.
DecimalLoader.add_constructor("tag:yaml.org,2002:value", lambda loader, node: loader.construct_scalar(node))


def load_yaml(text: str) -> Any:
    """Parse YAML text with exact decimals (safe loader: no Python objects)."""
    return yaml.load(text, Loader=DecimalLoader)
