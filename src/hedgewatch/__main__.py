"""``python -m hedgewatch``: the command line (see :mod:`hedgewatch.app.cli`)."""
from .app import main

if __name__ == "__main__":
    main()
