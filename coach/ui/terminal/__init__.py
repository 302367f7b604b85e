"""Terminal-level pieces: the driver, the quiet input thread, the output writer, in-place
repaint, waking, glyphs."""
