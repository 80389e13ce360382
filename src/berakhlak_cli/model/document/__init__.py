"""The results document (berakhlak-results): its contents and its one codec."""
