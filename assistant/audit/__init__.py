"""The audit: find every place where a report's text contradicts the numbers, with evidence.

``audit_text(text, unit)`` is the one entry point for CLI, UI and drafting. Modules: ``document`` (headings,
sentences, tables), ``names`` (project mentions), ``claims`` (numbers → claims), ``reference`` (what is true),
``checks/`` (one concern per module), ``findings`` (codes, fingerprints, JSON), ``engine`` (runs it all).
"""

from __future__ import annotations

from .engine import AuditResult, audit_text
from .findings import CODES, Finding

__all__ = ["CODES", "AuditResult", "Finding", "audit_text"]
