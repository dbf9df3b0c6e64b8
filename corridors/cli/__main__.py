"""``python -m corridors.cli``: the ``corridors`` command."""

import sys

from corridors.cli import main

sys.exit(main())
