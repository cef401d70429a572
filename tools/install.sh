#!/usr/bin/env bash
# Create .venv and install mnist_nb with its pinned stack (torch 2.14.1, fastai 2.8.7, nbdev 2.4.14, ...).
# Idempotent: a second run only checks a stamp and finishes in seconds.
# Usage: tools/install.sh            (python3 from PATH; set PYTHON=... to choose another interpreter)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=.venv
stamp=$VENV/.mnist_nb-installed
want=$(cat settings.ini setup.py tools/install.sh | md5sum | cut -d' ' -f1)

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && "$VENV/bin/python" -c "import mnist_nb" 2>/dev/null; then
  echo "mnist_nb: environment in $VENV is up to date"
  exit 0
fi

[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip setuptools wheel
# setup.py reads README.md (the package's long description); it is generated from nbs/index.ipynb and committed.
"$VENV/bin/python" -m pip install -q -e ".[dev]"
"$VENV/bin/python" -m pip check
# A Jupyter kernel named after the project, so the notebooks open in any Jupyter on this machine.
"$VENV/bin/python" -m ipykernel install --user --name mnist_nb --display-name "Python (mnist_nb)" >/dev/null
echo "$want" > "$stamp"
"$VENV/bin/python" - <<'PY'
import importlib.metadata as md
print('mnist_nb: installed', ', '.join(f'{p} {md.version(p)}' for p in
      ['torch','torchvision','fastai','fastcore','nbdev','execnb','seaborn','matplotlib','jupyter','ipykernel']))
PY
