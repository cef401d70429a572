#!/usr/bin/env python
"""Run notebooks top to bottom in a new Jupyter kernel and compare what each cell prints with what the notebook stores.

A page shows its stored outputs, so they must be what the current code prints. For each code cell this compares the
stored and the fresh outputs as text: streams, `text/plain` results, the text of HTML tables (fastai's epoch table),
and whether a picture is there (not its pixels). Before comparing it masks what honestly changes from run to run:
clock times (`00:13`, `1.2 s`), memory addresses, fastai's data folder (`$FASTAI_HOME/data`), temporary folders and
process ids. Numbers are equal when they agree to
within 1e-4 relative or 1e-6 absolute (float noise of a different BLAS blocking; one image of MNIST's 12,000 validation
images moves an accuracy by 8.3e-5, which counts as a change). A cell whose source has a line `# output varies: why`
is run but not compared; the report counts them.

Usage: python tools/check_outputs.py nbs/00_loss.ipynb nbs/01_data.ipynb ...   (exits 1 if any cell differs)
"""
from __future__ import annotations
import argparse, html, math, re, sys, time
from pathlib import Path

VARIES = re.compile(r'^\s*#\s*output varies:', re.M)
MASKS = [(re.compile(r'\b\d{1,2}:\d{2}(:\d{2})?\b'), '<time>'),                    # 00:13, epoch table times
         (re.compile(r'\b\d+(\.\d+)?\s?(s|ms|µs|min)\b'), '<seconds>'),            # 1.2 s, 40 ms, 3 min
         (re.compile(r'0x[0-9a-f]{6,}'), '<addr>'),
         (re.compile(r'[^\s\'"(\[]*/data/mnist_png'), '<fastai data>/mnist_png'),   # fastai's data folder
         (re.compile(r'/tmp/[^\s/\'",)]+'), '/tmp/<tmp>'),
         (re.compile(r'partial-\d+'), 'partial-<pid>')]
NUM = re.compile(r'[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?')

def _text(o:dict) -> str|None:
    "One output as comparable text; None for what is not compared (progress bars)"
    if o['output_type'] == 'stream': return ''.join(o['text'])
    if o['output_type'] == 'error': return f"error: {o['ename']}: {o['evalue']}"
    d = o.get('data', {})
    if 'image/png' in d or 'image/svg+xml' in d: return '<a picture>'
    if 'text/html' in d:
        h = re.sub(r'(?s)<style.*?</style>', ' ', ''.join(d['text/html']))  # fastai's bar styles
        if '<progress' in h: return None
        return html.unescape(re.sub(r'<[^>]+>', ' ', h)).strip() or None
    if 'text/markdown' in d: return ''.join(d['text/markdown'])
    return ''.join(d.get('text/plain', ''))

def normalise(outputs:list) -> str:
    "The outputs of one cell as one text, with the run-to-run changes masked and white space made uniform"
    parts = [t for t in map(_text, outputs) if t is not None]
    s = '\n'.join(parts)
    for rx, rep in MASKS: s = rx.sub(rep, s)
    return ' '.join(s.split())

def same(a:str, b:str, rel:float=1e-4, abs_:float=1e-6) -> bool:
    "Whether two normalised texts are the same, numbers compared to within `rel` or `abs_`"
    if NUM.sub('#', a) != NUM.sub('#', b): return False
    return all(math.isclose(float(x.group()), float(y.group()), rel_tol=rel, abs_tol=abs_)
               for x, y in zip(NUM.finditer(a), NUM.finditer(b)))

def check(fname:Path, timeout:int=900, kernel:str='python3') -> tuple:
    "Run `fname` in a new kernel; return (cells compared, cells skipped, [(cell number, stored, fresh)], seconds)"
    import nbformat
    from nbclient import NotebookClient
    stored = nbformat.read(fname, as_version=4)
    fresh = nbformat.read(fname, as_version=4)
    t0 = time.perf_counter()
    NotebookClient(fresh, timeout=timeout, kernel_name=kernel, resources={'metadata': {'path': str(fname.parent)}},
                   allow_errors=False).execute()
    secs, diffs, n, skipped = time.perf_counter() - t0, [], 0, 0
    code = [(a, b) for a, b in zip(stored.cells, fresh.cells) if a.cell_type == 'code']
    for i, (a, b) in enumerate(code):
        if VARIES.search(a.source): skipped += 1; continue
        n += 1
        x, y = normalise(a.get('outputs', [])), normalise(b.get('outputs', []))
        if not same(x, y): diffs.append((i, x, y))
    return n, skipped, diffs, secs

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('notebooks', nargs='+', type=Path)
    ap.add_argument('--timeout', type=int, default=900, help='seconds one cell may run')
    ap.add_argument('--kernel', default='python3', help='the Jupyter kernel to run them in')
    a = ap.parse_args(argv)
    bad = 0
    for f in a.notebooks:
        n, skipped, diffs, secs = check(f, a.timeout, a.kernel)
        note = f", {skipped} marked 'output varies'" if skipped else ''
        if not diffs: print(f"{f}: all {n} code cells print what the notebook stores ({secs:.0f} s{note})"); continue
        bad += 1
        print(f"{f}: {len(diffs)} of {n} code cells print something else than the notebook stores ({secs:.0f} s{note}):")
        for i, x, y in diffs:
            print(f"  code cell {i}:\n    stored: {x[:300] or '(nothing)'}\n    now:    {y[:300] or '(nothing)'}")
    if bad: print("Re-run them (jupyter nbconvert --to notebook --execute --inplace) and commit the outputs.")
    return 1 if bad else 0

if __name__ == '__main__': sys.exit(main())
