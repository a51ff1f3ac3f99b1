"""`python -m curvefit`: see curvefit.cli."""

import sys

from .cli import main

sys.exit(main())
