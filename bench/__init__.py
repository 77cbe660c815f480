"""Benchmarks (``make bench``): measured figures written to BENCHMARKS.md, never asserted in tests."""
