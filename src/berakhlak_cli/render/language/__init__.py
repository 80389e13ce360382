"""Words, messages, numbers and dates in Bahasa Indonesia and English."""
