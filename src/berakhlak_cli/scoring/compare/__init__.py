"""Year-over-year changes and comparability."""
