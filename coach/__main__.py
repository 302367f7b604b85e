"""`python -m coach` runs the same entry point as the `coach` command."""

from coach.cli import main

raise SystemExit(main())
