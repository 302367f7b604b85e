"""At the bedside: serving the coach to a browser, the nightly reminder, the night theme and the
user's own keys. Plain Python: what the front ends (commands/serve.py, commands/remind.py, coach/ui)
decide with."""
