"""Persistence: the only package that touches TinyDB or the store file on disk."""
