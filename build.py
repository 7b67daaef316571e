"""Build the cityedu_site knowledge base: `python build.py [build|serve|check] --help`."""

import sys

from cityedu_site.cli import main

if __name__ == "__main__":
    sys.exit(main())
