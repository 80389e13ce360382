"""Reading the units file (headcounts) and the units map."""
