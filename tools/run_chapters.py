"""Run notebooks' code cells top to bottom as plain Python, each notebook in a new process, without nbdev or Jupyter.

For an environment where nbdev 2 cannot import: fastai >= 2.8.8 needs fastcore 2, which nbdev 2 does not run on. The
cells run as `nbdev_test` runs them: in the notebook's folder, cells marked `#| slow` or `#| eval: false` skipped, and
`show_doc` doing nothing. A failing cell stops its notebook with the cell's number and traceback.

Usage: tools/run_chapters.py NOTEBOOK [NOTEBOOK ...]
"""
import argparse, json, os, re, subprocess, sys, time
from pathlib import Path

SKIP = re.compile(r'^#\|\s*(slow\b|eval:\s*false)', re.M)

def cells(nb:Path) -> list:
    "The code cells of `nb` that `nbdev_test` runs, as (cell number, source) pairs"
    out = []
    for i, c in enumerate(json.loads(nb.read_text())['cells']):
        src = ''.join(c['source'])
        if c['cell_type'] != 'code' or SKIP.search(src): continue
        src = src.replace('from nbdev.showdoc import show_doc', 'show_doc = lambda *a, **k: None')
        out.append((i, src))
    return out

def run_one(nb:Path) -> None:
    "Run the cells of `nb` in this process, in its folder"
    import matplotlib
    matplotlib.use('Agg')  # figures are drawn and not shown, as in nbdev_test
    os.chdir(nb.parent)
    ns = {'__name__': '__main__'}
    for i, src in cells(nb):
        exec(compile(src, f'{nb.name}, cell {i}', 'exec'), ns)

def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('notebooks', nargs='*', type=Path)
    p.add_argument('--one', type=Path, help=argparse.SUPPRESS)  # the child process: run this notebook
    a = p.parse_args()
    if a.one: run_one(a.one.resolve()); return 0
    failed = []
    for nb in a.notebooks:
        t0 = time.time()
        rc = subprocess.run([sys.executable, __file__, '--one', str(nb)]).returncode
        print(f"{'ok  ' if rc == 0 else 'FAIL'} {nb} ({time.time() - t0:.0f} s)", flush=True)
        if rc: failed.append(nb)
    print(f"{len(a.notebooks) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0

if __name__ == '__main__': sys.exit(main())
