"""Provides Onward's reusable widgets."""
