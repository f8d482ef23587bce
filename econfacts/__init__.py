"""EconFacts: a benchmark for economic information extraction from news about Chinese regional economies."""

__version__ = "0.1.0"
