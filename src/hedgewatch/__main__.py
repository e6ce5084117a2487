"""``python -m hedgewatch``: the command line (see :mod:`hedgewatch.cli`)."""
from .cli import main

if __name__ == "__main__":
    main()
