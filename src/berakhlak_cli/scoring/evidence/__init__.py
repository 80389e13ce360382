"""Evidence scoring, gaps and the combined index."""
