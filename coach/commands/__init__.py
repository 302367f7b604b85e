"""Commands that print instead of showing a screen (`coach log` with flags, `coach trial`).

None of them imports Textual; each adds its own options to the parser (add_parser) so cli.py
only names them.
"""
