"""The user's bedside settings applied to the app: themes, the keymap and its words."""
