"""File formats returns-tui reads and writes: CSV, its own JSON, iCalendar, evidence packs.

Each module turns cases into bytes or text and back; none touches the store or the screen, so
the command line and the app share them.
"""
