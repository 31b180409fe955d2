"""``python -m inclusief`` runs the command-line interface."""

from inclusief.cli import main

raise SystemExit(main())
