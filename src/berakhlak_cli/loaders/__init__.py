"""Loaders: turn files (rubrics, surveys, evidence, results) into model objects."""
