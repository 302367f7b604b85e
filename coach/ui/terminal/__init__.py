"""Terminal-level pieces: the driver, the quiet input thread, in-place repaint, waking, glyphs."""
