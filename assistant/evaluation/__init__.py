"""Evaluation of the audit: planted slips (``mutations``), true values (``truth``), the benchmark runner."""

from __future__ import annotations

from .benchmark import GoldCase, KindResult, MutationReport, load_gold_cases, run_mutation_benchmark

__all__ = ["GoldCase", "KindResult", "MutationReport", "load_gold_cases", "run_mutation_benchmark"]
