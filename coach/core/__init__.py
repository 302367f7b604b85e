"""The domain: plain Python, never imports textual (tests/unit/test_import_hygiene.py checks)."""
