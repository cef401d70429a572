# `python -m mnist_nb ...` runs the `mnist_nb` command line (nbs/07_cli.ipynb). Kept by hand, like __init__.py.
import sys
from mnist_nb.cli import main

if __name__ == '__main__': sys.exit(main())
