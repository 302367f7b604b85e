"""Cramp Coach: get through a foot or leg cramp, and prevent the next one.

Importing this package must stay cheap: the cramp path starts here.
"""

__version__ = "0.1.0"
