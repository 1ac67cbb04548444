"""``python -m newslens`` runs the command-line interface."""

from newslens.cli import main

raise SystemExit(main())
