"""``python -m bouncekit``: the same as the ``bouncekit`` command."""

from bouncekit.cli import main

main()
