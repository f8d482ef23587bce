import sys

from econfacts.cli import main

sys.exit(main())
