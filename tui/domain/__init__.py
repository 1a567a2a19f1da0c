"""Provides Onward's pure rules and models: no I/O, no Textual, no SQL."""
