"""Allow ``python -m berakhlak_cli``."""

from berakhlak_cli.cli import main

main()
