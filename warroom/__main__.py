"""`python -m warroom`."""

import sys

from warroom.app import main

if __name__ == "__main__":
    sys.exit(main())
