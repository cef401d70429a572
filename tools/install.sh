#!/usr/bin/env bash
# Create .venv and install mnist_nb with the exact stack of constraints.txt (torch 2.14.1, fastai 2.8.7, nbdev 2.4.14, ...).
# Idempotent: a second run only checks a stamp and finishes in seconds.
# Usage: tools/install.sh            (python3 from PATH; set PYTHON=... to choose another interpreter)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=.venv
stamp=$VENV/.mnist_nb-installed

command -v "$PY" >/dev/null || { echo "install.sh: $PY not found; install Python 3.11 or newer (or set PYTHON=...)" >&2; exit 1; }
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
  { echo "install.sh: $("$PY" --version 2>&1) is too old; mnist_nb needs Python 3.11 or newer (set PYTHON=...)" >&2; exit 1; }
want=$("$PY" -c 'import hashlib, sys; print(hashlib.md5(b"".join(open(f, "rb").read() for f in sys.argv[1:])).hexdigest())' \
       settings.ini setup.py constraints.txt tools/install.sh)

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && "$VENV/bin/python" -c "import mnist_nb" 2>/dev/null; then
  echo "mnist_nb: environment in $VENV is up to date"
  exit 0
fi

if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV" ||
    { echo "install.sh: could not create a virtual environment; on Debian/Ubuntu: apt-get install python3-venv" >&2; exit 1; }
fi
# setup.py reads README.md (the package's long description); it is generated from nbs/index.ipynb and committed.
# torch 2.14.1 from PyPI is a CUDA build: on a machine without a local copy, expect a download of several GB.
"$VENV/bin/python" -m pip install -q -e ".[dev]" -c constraints.txt
"$VENV/bin/python" -m pip check
# A Jupyter kernel named after the project, so the notebooks open in any Jupyter on this machine.
"$VENV/bin/python" -m ipykernel install --user --name mnist_nb --display-name "Python (mnist_nb)" >/dev/null
echo "$want" > "$stamp"
"$VENV/bin/python" - <<'PY'
import importlib.metadata as md
print('mnist_nb: installed', ', '.join(f'{p} {md.version(p)}' for p in
      ['torch','torchvision','fastai','fastcore','nbdev','execnb','seaborn','matplotlib','jupyter','ipykernel','smalldocs']))
PY
