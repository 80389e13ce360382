"""Groups: keys, sums per cell, eligibility, suppression, institution rows."""
