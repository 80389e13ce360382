"""Renderings of a year-over-year comparison."""
