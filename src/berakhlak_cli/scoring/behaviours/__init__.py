"""Behaviour (panduan perilaku) results and priorities."""
