"""Onward: a terminal companion for a job search that keeps you going."""

__version__ = "0.1.0"
