"""Baseline systems (rules, CRF, transformer, relations, attributes) and the benchmark command."""
