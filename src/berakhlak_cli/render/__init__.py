"""Renderers: results in, strings or rich renderables out. Nothing here writes files or prints."""
