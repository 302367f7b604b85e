"""The player: the screen that runs a routine, and the pieces it is drawn and ended with."""
