"""The pure domain: cases, stages, evidence, deadlines and policy.

Nothing in this package imports Textual or TinyDB (a test enforces it), so every rule can be
tested with plain values and reused by the command line, the store and the app alike.
"""
