"""The Textual front end: it renders the core's state and sends messages; no domain logic."""
