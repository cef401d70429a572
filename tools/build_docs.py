#!/usr/bin/env python
"""Build the documentation site into `_docs/` from the notebooks in `nbs/`.

    .venv/bin/python tools/build_docs.py            # Quarto if the `quarto` binary is on PATH, else smalldocs
    .venv/bin/python tools/build_docs.py --engine smalldocs --force

With Quarto this is `nbdev_docs`. Without it, it is nbdev's own processing of the notebooks (`proc_nbs` into `_proc/`,
which applies `#| hide`, `#| export`, `show_doc` and the frontmatter), then `smalldocs` renders the site from the same
`nbs/_quarto.yml`, `nbs/nbdev.yml` and `nbs/sidebar.yml`. As `nbdev_docs` does, it first writes `nbs/nbdev.yml` from
`settings.ini`.

smalldocs ignores `output-file`, so the processed notebooks are copied to `_proc/_smalldocs/` under the names nbdev gives
their pages (`00_loss.ipynb` -> `loss.ipynb`), and the links to them and the sidebar are rewritten to match. Sidebar
entries whose notebook does not exist yet are left out, with a note. Links to the site's own `site-url` (nbdev's links
to documented symbols) become relative, so the pages link to each other wherever the site is served.

To render `show_doc`, nbdev runs the exported cells, the show_doc cells and every cell that contains an import. A cell
that mixes an import with other code then runs without the cells before it, and fails the build or repeats heavy work;
by default only the imports of such cells run (they are listed), and `--strict` gives nbdev's behaviour exactly.

The "Try it" page (nbs/07a_try_it.ipynb) needs files that are never committed; after rendering, the build puts them
in the site's `try_it/`: the page's script and styles from `nbs/try_it/`, the site's models as ONNX (trained on the
fast path when `_site_cache/models/` lacks them, see `mnist_nb.try_it.site_models`), and onnxruntime-web at the
version pinned below, fetched with `npm pack` into `_site_cache/npm/` and checked against the pinned checksum.
"""
import time
T0 = time.time()
import argparse, json, os, re, shutil, sys, warnings
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
os.chdir(ROOT)

from nbdev.config import get_config
from nbdev.doclinks import _nbpath2html

# nbdev's `_nbdev_yml` template (nbdev/quarto.py) with YAML-safe quoting: the template pastes values between double
# quotes, which breaks on a description that contains them, as ours does.
NBDEV_YML = """project:
  output-dir: {doc_path}

website:
  title: {title}
  site-url: {site_url}
  description: {description}
  repo-branch: {branch}
  repo-url: {git_url}
"""
# onnxruntime-web for the "Try it" page: 1.30.0 runs single-threaded WebAssembly without cross-origin isolation
ORT_WEB = 'onnxruntime-web@1.30.0'
ORT_WEB_SHA512 = 'q0y+JrrtukXSzsBWEMccVfqX25LRmosXHF+CaRJmg8pZClzcV7svNc4rKY3jL02Vb7QmRMDs1SigqR4CXAfKYQ=='
ORT_WEB_FILES = ['ort.wasm.min.js', 'ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm']
SITE_CACHE = ROOT/'_site_cache'
STAGE = '_smalldocs'  # inside _proc/; a leading `_` keeps Quarto and nbdev from reading it
PAGE_EXTS = ('.ipynb', '.qmd', '.md')
# Keys of nbdev's `_quarto.yml` that only Quarto reads; smalldocs says so on every build, which is noise here.
QUIET_WARNINGS = re.compile(r'^(format\.html\.keep-md is ignored|format commonmark is not built|'
                            r'unknown key website\.(twitter-card|open-graph)$)')


def say(*a): print('build_docs:', *a, flush=True)


def write_nbdev_yml(cfg):
    "Write `nbs/nbdev.yml` from settings.ini, as nbdev's `refresh_quarto_yml` does, and `_quarto.yml` if it is missing"
    q = json.dumps  # a JSON string is a valid double-quoted YAML scalar
    vals = dict(doc_path=cfg.doc_path.name, title=q(cfg.get('title', cfg.lib_name)),
                site_url=q(cfg.doc_host + cfg.doc_baseurl), description=q(cfg.description),
                branch=cfg.branch, git_url=q(cfg.git_url))
    text = NBDEV_YML.format(**vals)
    assert yaml.safe_load(text)['website']['description'] == cfg.description
    ny = cfg.nbs_path/'nbdev.yml'
    if not ny.exists() or ny.read_text() != text: ny.write_text(text)
    qy = cfg.nbs_path/'_quarto.yml'
    if not qy.exists():
        from nbdev.quarto import _quarto_yml
        qy.write_text(_quarto_yml + '\n')


def sidebar_filter(contents, keep):
    "Sidebar `contents` with each file entry passed through `keep` (a new name, or None to drop it); empty sections go"
    out = []
    for e in contents or []:
        if isinstance(e, str):
            new = keep(e)
            if new: out.append(new)
        elif isinstance(e, dict):
            e = dict(e)
            for k in ('href', 'file'):
                if isinstance(e.get(k), str) and e[k].endswith(PAGE_EXTS):
                    new = keep(e[k])
                    if new is None: e.pop(k)
                    else: e[k] = new
            if 'contents' in e:
                e['contents'] = sidebar_filter(e['contents'], keep)
                if not e['contents'] and not e.get('href'): continue
            elif not (e.get('href') or e.get('file') or e.get('url')): continue
            out.append(e)
    return out


def rewrite_sidebar(src, dest, keep):
    "Write the sidebar(s) of `src` to `dest`, passed through `sidebar_filter`"
    d = yaml.safe_load(src.read_text()) or {}
    sb = (d.get('website') or {}).get('sidebar')
    for s in (sb if isinstance(sb, list) else [sb]):
        if isinstance(s, dict) and 'contents' in s: s['contents'] = sidebar_filter(s['contents'], keep)
    dest.write_text(yaml.dump(d, sort_keys=False))


def missing_note(nbs):
    "A `keep` function for the sidebar: drop entries whose source does not exist, saying so"
    def keep(e):
        if e.endswith(PAGE_EXTS) and not (nbs/e).exists():
            say(f'sidebar: skipping {e} (not in {nbs.name}/ yet)')
            return None
        return e
    return keep


MIXED = []  # (notebook, first line) of each cell whose imports alone were run


def tolerate_mixed_cells():
    """Make nbdev's `exec_show_docs` run only the import statements of a cell that mixes imports with other code.

    To render `show_doc`, nbdev runs the exported cells, the show_doc cells and every cell that contains an import. A
    cell such as `from x import f; y = f(data)` then runs without the cells before it that define `data`: it fails the
    whole build (nbdev's FAQ: "Found cells containing imports and other code"), or worse, it runs training again. Here
    such a cell gets its imports run, and keeps the outputs saved in the notebook. Works in this process only, so
    `proc_nbs` must run with `n_workers=0`."""
    import ast
    import nbdev.processors as P
    from fastcore.basics import str2bool
    def imports_only(cell):
        "The top-level imports of a cell that nbdev would run whole although it mixes them with other code; else None"
        if cell.directives_.keys() & {'export', 'exports', 'exporti', 'exec_doc'}: return None
        trees = cell.parsed_()
        if not trees or P._show_docs(trees): return None
        if not (P._ast_contains(trees, (ast.Import, ast.ImportFrom)) and P._ast_contains(trees, (ast.Expr, ast.Assign))): return None
        return '\n'.join(ast.unparse(n) for n in trees if isinstance(n, (ast.Import, ast.ImportFrom)))
    def __call__(self, cell):  # nbdev's exec_show_docs.__call__, with the mixed cells' imports run alone
        if not self.nb.has_docs_ or not hasattr(self, 'k'): return
        fm = getattr(self.nb, 'frontmatter_', {})
        if str2bool(fm.get('skip_showdoc', False)): return
        if P._do_eval(cell):
            imps = imports_only(cell)
            if imps is None: self.k.cell(cell)
            else:
                first = next((l for l in cell.source.splitlines() if l.strip() and not l.startswith('#|')), '')
                MIXED.append((Path(getattr(self.nb, 'path_', '?')).name, first[:60]))
                self.k.run(imps)
        title = fm.get('title', '')
        if self.k.exc:
            raise Exception(f"Error{' in notebook: '+title if title else ''} in cell {cell.idx_} :\n{cell.source}") from self.k.exc
    P.exec_show_docs.__call__ = __call__
    warnings.filterwarnings('ignore', 'Found cells containing imports and other code')  # report_mixed() lists them


def proc(cfg, workers, force, strict=False):
    "nbdev's processing of the notebooks into `_proc/`, with a clear message when a notebook cannot be processed"
    from nbdev.serve import proc_nbs
    if not strict: tolerate_mixed_cells(); workers = 0
    try: cache = proc_nbs(cfg.nbs_path, n_workers=workers, force=force)
    except Exception as e: explain(e)
    report_mixed()
    return cache


def report_mixed():
    if MIXED:
        say('ran only the imports of these cells, which mix imports with other code (nbdev alone would run them whole, '
            'without the cells before them; better: put the imports in a cell of their own):')
        for nb, first in MIXED: print(f'    {nb}: {first}')


def explain(e):
    "Say why nbdev could not process a notebook, and how to fix the usual cause; exit 1"
    cause = e.__cause__ or e.__context__
    say(f'nbdev could not process the notebooks:\n{e}')
    if cause:  # from a worker process the cause is the worker's traceback: its first `XError: ...` line says it
        errs = re.findall(r'^\w*(?:Error|Exception)\b.*$', str(cause), re.M)
        say('cause:', errs[0] if errs else f'{type(cause).__name__}: {cause}')
    say('nbdev runs exported cells, show_doc cells and every cell that contains an import while it builds the docs, '
        'so a cell that mixes an import with other code runs without the cells before it (without --strict, only the '
        'imports of such cells run). Put imports in a cell of their own '
        '(nbdev FAQ: "Found cells containing imports and other code").')
    sys.exit(1)


# ------------------------------------------------------------------ Quarto: nbdev_docs

def build_quarto(cfg, workers, force, strict):
    "`nbdev_docs`, except that nbdev.yml is written YAML-safe, missing sidebar entries are skipped, and mixed cells tolerated"
    import nbdev.quarto as nq
    nq.refresh_quarto_yml = lambda: write_nbdev_yml(cfg)
    if force: shutil.rmtree(cfg.config_path/'_proc', ignore_errors=True)
    if not strict: tolerate_mixed_cells(); workers = 0
    try: cache, cfg, path = nq._pre_docs(n_workers=workers)
    except Exception as e: explain(e)
    report_mixed()
    # always from nbs/sidebar.yml: proc_nbs copies it to _proc/ only when it changes, not when a notebook appears
    if (path/'sidebar.yml').exists(): rewrite_sidebar(path/'sidebar.yml', cache/'sidebar.yml', missing_note(path))
    nq.nbdev_readme.__wrapped__(path=path, chk_time=True)
    nq.nbdev_contributing.__wrapped__(path=path, chk_time=True)
    nq._sprun(f'cd "{cache}" && quarto render --no-cache')
    shutil.rmtree(cfg.doc_path, ignore_errors=True)
    shutil.move(str(cache/cfg.doc_path.name), str(cfg.config_path))


# ------------------------------------------------------------------ smalldocs

def nb_frontmatter(nb):
    "The frontmatter dict of a processed notebook (nbdev puts it in a first raw cell), and that cell"
    c = nb['cells'][0] if nb.get('cells') else None
    if c and c['cell_type'] == 'raw':
        m = re.match(r'^---\s*\n(.*?)\n---\s*$', ''.join(c['source']).strip(), re.S)
        if m: return (yaml.safe_load(m.group(1)) or {}), c
    return {}, None


def link_re(old):
    "Where file name `old` appears as a link target: after `(`, `/`, a quote, `<` or `=`, before `#`, `?`, `)` or a quote"
    return re.compile(r'(?<=[(/"\'<=])' + re.escape(old) + r'(?=[#?)"\'>\s]|$)')


def coalesce_streams(outputs):
    "Join consecutive stdout (or stderr) outputs into one block, as Jupyter shows them, instead of one block per print"
    out = []
    for o in outputs:
        if o.get('output_type') == 'stream' and out and out[-1].get('output_type') == 'stream' and out[-1].get('name') == o.get('name'):
            out[-1] = {**out[-1], 'text': ''.join(out[-1]['text']) + ''.join(o['text'])}
        else: out.append(o)
    return out


def stage_site(cache, cfg):
    "Copy `_proc/` to `_proc/_smalldocs/` with nbdev's page names, the links and sidebar to match; return it and the names"
    stage = cache/STAGE
    shutil.rmtree(stage, ignore_errors=True)
    def copy(src, dst):  # pages and configs are rewritten below, so copied; other files (data, models) linked
        if Path(src).suffix in PAGE_EXTS + ('.yml', '.yaml'): return shutil.copy2(src, dst)
        try: os.link(src, dst)
        except OSError: shutil.copy2(src, dst)
    shutil.copytree(cache, stage, copy_function=copy,
                    ignore=lambda d, names: [n for n in names if Path(d) == cache and
                                             (n in (STAGE, cfg.doc_path.name) or n.startswith('.'))])
    site_url = (cfg.doc_host + cfg.doc_baseurl).rstrip('/')
    # 0. _proc/ keeps the pages of notebooks that were deleted or renamed since: leave those out
    for p in [p for p in stage.rglob('*') if p.suffix in PAGE_EXTS and p.is_file()]:
        src = cfg.nbs_path/p.relative_to(stage)
        if not (src.exists() or src.with_name(src.name + '.py').exists()): p.unlink()  # nbdev renders `x.qmd.py` as `x.qmd`
    # 1. pages get the names nbdev gives them (its frontmatter's `output-file`), which smalldocs does not read
    renames = {}
    for p in sorted(stage.rglob('*.ipynb')):
        nb = json.loads(p.read_text())
        fm, cell = nb_frontmatter(nb)
        out = fm.pop('output-file', None) or _nbpath2html(p).name
        if cell is not None:
            cell['source'] = f'---\n{yaml.dump(fm, sort_keys=False, allow_unicode=True)}---\n'
            p.write_text(json.dumps(nb, indent=1, ensure_ascii=False))
        new = p.with_name(Path(out).with_suffix('.ipynb').name)
        if new != p:
            if new.exists() or new in renames.values():
                sys.exit(f'build_docs: {p.relative_to(stage)} and another page would both become {new.name}')
            renames[p] = new
    for old, new in renames.items(): old.rename(new)
    names = {o.name: n.name for o, n in renames.items()}
    res = {o.relative_to(stage).as_posix(): n.relative_to(stage).as_posix() for o, n in renames.items()}
    # 2. links to the old names, and absolute links into the site itself, in the text and in markdown/HTML outputs
    # in raw HTML (`href="00_loss.ipynb"`) smalldocs leaves links alone, so those point at the page itself
    pats = [(re.compile(r'(?<=href=["\'])(\./)?' + re.escape(o) + r'(?=[#?"\'])'), Path(n).with_suffix('.html').name)
            for o, n in names.items()]
    pats += [(link_re(o), n) for o, n in names.items()]
    site_pat = re.compile(r'(?<=[("\'])' + re.escape(site_url) + r'/') if site_url else None
    def fix(s, prefix):
        for pat, n in pats: s = pat.sub(n, s)
        return site_pat.sub(prefix, s) if site_pat else s
    for p in stage.rglob('*'):
        if p.suffix not in PAGE_EXTS or not p.is_file(): continue
        prefix = '../' * len(p.relative_to(stage).parent.parts)
        if p.suffix != '.ipynb':
            p.write_text(fix(p.read_text(), prefix)); continue
        nb = json.loads(p.read_text())
        for c in nb['cells']:
            if c['cell_type'] == 'markdown': c['source'] = fix(''.join(c['source']), prefix)
            if c.get('outputs'): c['outputs'] = coalesce_streams(c['outputs'])
            for o in c.get('outputs', []):
                for mime in ('text/markdown', 'text/html'):
                    if mime in o.get('data', {}): o['data'][mime] = fix(''.join(o['data'][mime]), prefix)
        p.write_text(json.dumps(nb, indent=1, ensure_ascii=False))
    # 3. the sidebar: new names; entries whose notebook is not there yet are left out
    note = missing_note(cfg.nbs_path)
    def keep(e):
        e = note(e)
        return None if e is None else res.get(e.lstrip('./'), e)
    if (cfg.nbs_path/'sidebar.yml').exists(): rewrite_sidebar(cfg.nbs_path/'sidebar.yml', stage/'sidebar.yml', keep)
    return stage, res


def build_smalldocs(cfg, workers, force, strict):
    try: from smalldocs.site import build
    except ImportError: sys.exit('build_docs: no quarto binary and no smalldocs: run `.venv/bin/pip install smalldocs`')
    write_nbdev_yml(cfg)
    t = time.time()
    cache = proc(cfg, workers, force, strict)
    say(f'nbdev processed the notebooks into {cache.relative_to(ROOT)}/ in {time.time()-t:.1f} s')
    stage, renames = stage_site(cache, cfg)
    t = time.time()
    site = build(stage, quiet=True)
    shown = [w for w in site.warnings if not QUIET_WARNINGS.match(w)]
    for w in shown: say('smalldocs:', w)
    dest = cfg.doc_path
    shutil.rmtree(dest, ignore_errors=True)
    shutil.move(str(site.out), str(dest))
    pages = sorted(p.relative_to(dest).as_posix() for p in dest.rglob('*.html'))
    say(f'smalldocs rendered {len(pages)} page(s) in {time.time()-t:.1f} s: {" ".join(pages)}')
    return site


# ------------------------------------------------------------------ the "Try it" page's files

def ort_web(dest):
    "Copy onnxruntime-web's files for WebAssembly into `dest`, from a package fetched with `npm pack` and checked"
    import base64, hashlib, subprocess, tarfile
    npm = shutil.which('npm')
    cache = SITE_CACHE/'npm'
    name, version = ORT_WEB.rsplit('@', 1)
    tgz = cache/f'{name}-{version}.tgz'
    def ok(): return tgz.is_file() and base64.b64encode(hashlib.sha512(tgz.read_bytes()).digest()).decode() == ORT_WEB_SHA512
    if not ok():
        if not npm: sys.exit(f'build_docs: the Try it page needs {ORT_WEB} and there is no npm: install Node.js and npm '
                             '(Debian: apt-get install npm)')
        cache.mkdir(parents=True, exist_ok=True)
        r = subprocess.run([npm, 'pack', ORT_WEB, '--pack-destination', str(cache)], capture_output=True, text=True)
        if r.returncode: sys.exit(f'build_docs: npm pack {ORT_WEB} failed:\n{r.stderr.strip()}')
        if not ok():
            tgz.unlink(missing_ok=True)
            sys.exit(f'build_docs: {tgz.name} does not have the checksum pinned in tools/build_docs.py (ORT_WEB_SHA512)')
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tgz) as t:
        for f in ORT_WEB_FILES:
            (dest/f).write_bytes(t.extractfile(f'package/dist/{f}').read())
    return version


def try_it_files(cfg, quick=False):
    "Put the Try it page's script, models and onnxruntime-web into the site's try_it/"
    site = cfg.doc_path
    if not (site/'try_it.html').exists(): return
    t = time.time()
    dest = site/'try_it'
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(cfg.nbs_path/'try_it', dest)
    from mnist_nb.try_it import site_models
    for m in site_models(dest, SITE_CACHE/'models', quick=quick):
        say(f"try_it: {m['name']}.onnx ({(dest/m['file']).stat().st_size/1e3:.0f} kB), test accuracy {m['test_acc']:.4f}, "
            + ('from the cache' if m['cached'] else f"trained in {m['train_seconds']:.0f} s") + f" ({m['command']})")
    v = ort_web(dest/'ort')
    say(f'try_it: onnxruntime-web {v} ({sum(f.stat().st_size for f in (dest/"ort").iterdir())/1e6:.1f} MB); '
        f'the page\'s files in {time.time()-t:.1f} s')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--engine', choices=['auto', 'quarto', 'smalldocs'], default='auto',
                    help='auto: quarto when the `quarto` binary is on PATH, else smalldocs')
    ap.add_argument('--strict', action='store_true',
                    help='nbdev\'s processing exactly: a cell that mixes imports with other code runs whole (and '
                         'usually fails); without it, only its imports run, and it keeps its saved outputs')
    ap.add_argument('--workers', type=int, default=min(2, os.cpu_count() or 1),
                    help='with --strict, processes for nbdev\'s notebook processing (without, it runs in this process)')
    ap.add_argument('--force', action='store_true', help='process every notebook again, ignoring the _proc/ cache')
    ap.add_argument('--quick-models', action='store_true',
                    help="train the Try it page's models for one epoch each (the page says so): a check that the page "
                         "works, not of its models, as CI runs it")
    a = ap.parse_args()
    cfg = get_config()
    engine = a.engine if a.engine != 'auto' else ('quarto' if shutil.which('quarto') else 'smalldocs')
    say(f'engine: {engine}')
    if engine == 'quarto':
        if not shutil.which('quarto'): sys.exit('build_docs: --engine quarto, but no quarto binary on PATH')
        build_quarto(cfg, a.workers, a.force, a.strict)
    else: build_smalldocs(cfg, a.workers, a.force, a.strict)
    try_it_files(cfg, a.quick_models)
    say(f'site in {cfg.doc_path.relative_to(ROOT)}/, built in {time.time()-T0:.1f} s')


if __name__ == '__main__': main()
