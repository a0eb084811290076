"""`python -m detente` runs the CLI."""

from detente.cli import main

main()
