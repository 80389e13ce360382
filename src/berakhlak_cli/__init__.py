"""berakhlak-cli: score BerAKHLAK work-culture evaluations of Indonesian civil-service units.

The public library API mirrors the CLI: load a rubric, read a survey, score it.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
