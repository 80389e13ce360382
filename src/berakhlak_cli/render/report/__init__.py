"""The leaders' HTML report, its charts and its words."""
