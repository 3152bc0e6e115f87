"""``python -m cleantext``: the same command line as ``cleantext``."""

from .cli import main

if __name__ == "__main__":
    main()
