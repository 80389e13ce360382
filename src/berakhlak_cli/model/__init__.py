"""Plain, frozen data: the rubric and the scored results. No I/O and no behaviour beyond lookups."""
