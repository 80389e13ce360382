"""Loaders: turn files (YAML rubrics, CSV/XLSX/Parquet surveys, evidence, results) into model objects."""
