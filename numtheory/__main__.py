"""``python -m numtheory``: the same as the ``numtheory`` console script."""

from numtheory.cli import console_main

if __name__ == "__main__":
    console_main()
