"""``python -m numtheory``: the same as the ``numtheory`` console script."""

import sys

from numtheory.cli import main

if __name__ == "__main__":
    sys.exit(main())
