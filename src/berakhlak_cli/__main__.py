"""Allow ``python -m berakhlak_cli``."""

from berakhlak_cli.console import main

main()
