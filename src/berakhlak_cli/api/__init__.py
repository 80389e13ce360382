"""Library entry points: what the CLI calls, usable from Python."""
