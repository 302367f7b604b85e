"""The routine builder: its screen, the step table and editor, and saving to YAML."""
