"""Renderings of a rubric: tree, problems, diff."""
