import sys

from convene.cli import main

sys.exit(main())
