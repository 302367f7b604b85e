"""The warning-sign check: its screen and what an answer records."""
