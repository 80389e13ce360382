"""Bounded, sniffed reading of the files users hand us (CSV text, workbooks)."""
