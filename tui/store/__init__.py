"""Provides the repository layer: the only place that speaks SQL."""
