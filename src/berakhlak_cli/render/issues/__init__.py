"""Renderings of data issues: lines for the terminal, the issues file."""
