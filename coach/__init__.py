"""Cramp Coach: get through a foot or leg cramp; a nightly stretch may reduce how often they come.

Importing this package must stay cheap: the cramp path starts here.
"""

__version__ = "0.1.0"
