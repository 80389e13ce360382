"""Renderings of evidence: checklists and gaps."""
