"""Private journals: per-partner age encryption (``crypto``), stored records (``models``) and
the unlocked session the CLI and TUI drive (``vault``). No Textual here; pyrage is imported
only when a key is made or used.
"""
