"""The measurements of the six CPU studies (nbs/06c-06h), taken from their stored outputs into nbs/cpu_runs.jsonl.

Their trainings are too long to run again, so their outputs are the data. The notebooks are read from git at COMMIT,
so this still works after they are deleted:

    python tools/extract_cpu_runs.py          # (re)writes nbs/cpu_runs.jsonl
    python tools/extract_cpu_runs.py --check  # exits 1 if nbs/cpu_runs.jsonl differs from what it would write

One JSON object a line: study, section, kind, the fields of its kind (`KEYS`, in that order) and the cell it came
from; None where a figure does not exist. The kinds:

- run: one training run, pair or set of networks, measured on the validation split or the test set;
- stat: an aggregate over runs (mean, min, max, std, total) as the notebook prints it;
- pace: a timing of a lever, per round or summed up, with its ratio; `measure` names it (seconds, minutes, s/epoch),
  or the short pace runs' own accuracy or loss;
- robustness: the accuracy of a network or ensemble under one shift of the robustness table;
- thin: the thin strokes figures; `n` holds a count of digits, `value` a share or an accuracy;
- effect: what a lever changed, printed by a notebook or computed here (`effects`) from two groups of the lines above.

`minutes_of` says what a run's minutes count; `errors` (of the 10,000 test images) is round((1 - test_acc) * 10,000)
where the notebook does not print it.

Every number comes from an output: a cell that is missing, a code that changed, or a figure that does not parse
stops the script with the notebook and the cell named.
"""
import argparse, ast, json, re, subprocess, sys
from functools import partial
from html import unescape
from pathlib import Path

COMMIT = 'df029be'
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT/'nbs'/'cpu_runs.jsonl'

RECIPE = ['model', 'members', 'epochs', 'train_images', 'bf16', 'channels_last', 'jobs', 'tta', 'extra']
KEYS = dict(run=[*RECIPE, 'seed', 'minutes', 'minutes_of', 's_epoch', 'valid_acc', 'test_acc', 'errors', 'command'],
            stat=[*RECIPE, 'seeds', 'stat', 'measure', 'value'],
            pace=['lever', 'model', 'config', 'round', 'measure', 'value', 'ratio'],
            robustness=['who', 'shift', 'acc'],
            thin=['measure', 'shift', 'bucket', 'who', 'value', 'n'],
            effect=['lever', 'measure', 'who', 'value'])
NUMBERS = {'minutes', 's_epoch', 'valid_acc', 'test_acc', 'errors', 'value', 'ratio', 'acc', 'n'}
TRAIN = 'training (data preparation included)'
TRAIN_TEST = TRAIN + ' + test predictions'
COMMAND = 'whole command'
EMA, SWA, ERODED = 'EMA weights', 'SWA weights', 'only eroded digits (ErodeAll instead of RandomDegrade)'
EROSION = 'thinner strokes (erosion 3x3)'
SMALL = dict(model='cnn_small', members=1, epochs=20, train_images=48_000, jobs=1, tta=0)  # the CPU levers study's
DEEP = dict(model='cnn_deep', members=1, epochs=16, train_images=48_000, bf16=True, channels_last=False, jobs=1, tta=0)

def num(s):
    "The text of a figure as an int or a float, None for None and NaN; any other text unchanged"
    s = s.strip()
    if s in ('None', 'NaN'): return None
    for f in (int, float):
        try: return f(s)
        except ValueError: pass
    return s

def grab(pattern, text):
    "The groups of `pattern`'s full match of `text` (the group itself if there is one)"
    m = re.fullmatch(pattern, text.strip(), re.S)
    if m is None: raise ValueError(f'{text!r} does not match {pattern!r}')
    return m[1] if len(m.groups()) == 1 else m.groups()

def html_table(text):
    "The rows of a pandas HTML table: (index label(s), {column label: figure}), a label's levels joined by ' / '"
    head, body = grab(r'.*<thead>(.*?)</thead>\s*<tbody>(.*?)</tbody>.*', text)
    def trs(part):
        "The rows of `part`"
        return re.findall(r'<tr.*?</tr>', part, re.S)
    def cells(tr, tag='t[hd]'):
        "The (attributes, text) of each cell of row `tr`"
        return re.findall(rf'<{tag}([^>]*)>(.*?)</{tag}>', tr, re.S)
    def span(attrs):
        "The columns a header cell spans"
        return int((re.search(r'colspan="(\d+)"', attrs) or [None, 1])[1])
    heads = [[unescape(t) for a, t in cells(tr) for _ in range(span(a))] for tr in trs(head)]
    rows, idx = [], []
    for tr in trs(body):
        ths, tds = [unescape(t) for _, t in cells(tr, 'th')], [num(unescape(t)) for _, t in cells(tr, 'td')]
        n_idx = len(heads[0]) - len(tds)
        idx = idx[:n_idx - len(ths)] + ths  # a spanning outer label is only in the first of its rows
        labels = [' / '.join(h[j] for h in heads if h[j]) for j in range(n_idx, len(heads[0]))]
        rows.append((idx[0] if n_idx == 1 else tuple(idx), dict(zip(labels, tds))))
    return rows

def text_table(text):
    "The rows of a DataFrame as pandas prints it, wrapped blocks joined: (index label, {column label: figure})"
    rows = {}
    for block in re.split(r'\n\s*\n', text.strip('\n')):
        lines = [re.sub(r'\s*\\$', '', l.rstrip()) for l in block.splitlines()]  # a wrapped block's lines end in ' \'
        head, data = lines[0], [l for l in lines[1:] if len(l.split()) > 1]  # not the line with the index's name
        ends = {tuple(m.end() for m in re.finditer(r'\S+', l))[1:] for l in data}  # figures are right-aligned
        if len(ends) != 1: raise ValueError(f'cannot tell the columns apart in {block!r}')
        ends = ends.pop()
        labels = [re.split(r'\s{2,}', head[a:b].strip())[-1] for a, b in zip((0, *ends), ends)]
        for l in data: rows.setdefault(l.split()[0], {}).update(zip(labels, map(num, l.split()[1:])))
    return list(rows.items())

def series(text):
    "The items of a Series as pandas prints it: {label: figure}"
    items = re.findall(r'^(.*?\S)\s+(\S+)$', text, re.M)
    return {k: num(v) for k, v in items if not k.startswith(('dtype', 'Name:'))}

def literal(text):
    "A printed Python literal (a dict, tuple, list or number), with numpy's floats read as numbers"
    return ast.literal_eval(re.sub(r'np\.float64\((.*?)\)', r'\1', text))

def parts(text):
    "The printed elements of a printed tuple, such as `(frame, 8, True)`"
    body = '\n'.join(l[1:] for l in text.strip().splitlines())[:-1]  # lines start with '(' or ' '; the last ends in ')'
    return re.split(r',\n(?=\S)', body)

def seeds_span(seeds):
    "'0-7' for the seeds 0 to 7, '0' for seed 0 alone"
    lo, hi = min(seeds), max(seeds)
    return str(lo) if lo == hi else f'{lo}-{hi}'

def command(r, seed, tta_flag=True):
    "The `mnist_nb train` command line of the run `r`, in the flags' order of the studies' `command` helpers"
    switches = [('--bf16', r['bf16']), ('--channels-last', r['channels_last']),
                ('--all-train', r['train_images'] == 60_000)]
    flags = ['--ensemble', r['members'], '--jobs', r['jobs'], '--model', r['model'], *[f for f, on in switches if on],
             '--seed', seed, '--epochs', r['epochs'], *(['--tta', r['tta']] if tta_flag else [])]
    return ' '.join(['mnist_nb train', *map(str, flags)])

class Row(dict):
    "A row of figures that names its notebook and cell when it lacks a column"
    def __init__(self, where, d):
        "The figures `d` of a row of cell `where`"
        super().__init__(d); self.where = where
    def __missing__(self, k):
        "Fail, naming the notebook, the cell and the columns there are"
        raise KeyError(f'{self.where}: no column {k!r} (it has {list(self)})')

class Study:
    "The cells of one notebook at COMMIT, and the lines taken from their outputs"
    def __init__(self, study, name):
        "Read nbs/`name`.ipynb, the notebook of `study` ('06c'), from git at COMMIT"
        git = subprocess.run(['git', 'show', f'{COMMIT}:nbs/{name}.ipynb'], cwd=ROOT, capture_output=True, text=True)
        if git.returncode: raise LookupError(f'{name}.ipynb at {COMMIT}: {git.stderr.strip()}')
        self.study, self.name, self.section, self.lines = study, name, None, []
        self.cells = {c['id']: c for c in json.loads(git.stdout)['cells']}

    def cell(self, cid, *code):
        "Cell `cid`, whose source must hold each string of `code`"
        if cid not in self.cells: raise LookupError(f'{self.name}: no cell {cid}')
        src = ''.join(self.cells[cid]['source'])
        for s in code:
            if s not in src: raise LookupError(f'{self.name}, cell {cid}: its code no longer holds {s!r}')
        return self.cells[cid]

    def out(self, cid, code, kind='text/plain'):
        "Output `kind` of cell `cid` (which must hold `code`): 'text/plain' or 'text/html' of its result, or 'stdout'"
        for o in self.cell(cid, code).get('outputs', []):
            if kind == 'stdout' and o.get('name') == 'stdout': return ''.join(o['text'])
            if o['output_type'] == 'execute_result' and kind in o['data']: return ''.join(o['data'][kind])
        raise LookupError(f'{self.name}, cell {cid}: no {kind} output')

    def get(self, cid, code, parse=literal, kind='text/plain'):
        "`parse` of output `kind` of cell `cid`, a dict as a `Row`; a failure names the notebook and the cell"
        where, text = f'{self.name}, cell {cid}', self.out(cid, code, kind)
        try: res = parse(text)
        except Exception as e: raise ValueError(f'{where}: {e!r}') from e
        return Row(where, res) if isinstance(res, dict) else res

    def table(self, cid, code, n=None, kind=None, part=None):
        "The `n` rows of the table cell `cid` shows: from its HTML if it has one, else from text (a tuple's `part`)"
        html = any('text/html' in o.get('data', {}) for o in self.cell(cid, code).get('outputs', []))
        kind = kind or ('text/html' if html else 'text/plain')
        rows = self.get(cid, code, html_table if kind == 'text/html' else
                        lambda t: text_table(t if part is None else parts(t)[part]), kind)
        if n is not None and len(rows) != n: raise ValueError(f'{self.name}, cell {cid}: {len(rows)} rows, not {n}')
        return [(i, Row(f'{self.name}, cell {cid}', r)) for i, r in rows]

    def add(self, kind, cell, base=None, **kw):
        "Add a line of `kind` from `cell`: the fields of `base` and `kw` in the order of `KEYS`, None where not given"
        kw = {**(base or {}), **kw}
        if unknown := set(kw) - set(KEYS[kind]): raise KeyError(f'{kind} lines have no {unknown}')
        line = dict(study=self.study, section=self.section, kind=kind, **{k: kw.get(k) for k in KEYS[kind]}, cell=cell)
        if kind == 'run' and line['errors'] is None and line['test_acc'] is not None:
            line['errors'] = round((1 - line['test_acc']) * 10_000)  # of the 10,000 test images
        for k in NUMBERS & set(line):
            if line[k] is not None and (isinstance(line[k], bool) or not isinstance(line[k], (int, float))):
                raise ValueError(f'{self.name}, cell {cell}: {k}={line[k]!r} is not a figure')
        self.lines.append(line)

    def grid(self, kind, cid, code, n=None, **kw):
        "A line for each figure of the table in cell `cid`: its row is the `shift`, its column the `who`"
        for shift, r in self.table(cid, code, n=n):
            for who, v in r.items():
                if kind == 'robustness': self.add(kind, cid, who=who, shift=shift, acc=v, **kw)
                else: self.thin(cid, shift=shift, who=who, v=v, **kw)

    def match(self, cid, pattern, text):
        "`grab` of `pattern` in `text`, a figure's label in cell `cid`; a failure names the notebook and the cell"
        try: return grab(pattern, text)
        except ValueError as e: raise ValueError(f'{self.name}, cell {cid}: {e}') from e

    def thin(self, cid, v, **kw):
        "A thin strokes line: a whole number of digits in `n`, a share or an accuracy in `value`"
        self.add('thin', cid, **kw, **({'n': v} if isinstance(v, int) else {'value': v}))

def train_runs(s, cid, code, base, n, kind=None):
    "Run lines from a table of `train_model` runs by seed: train_minutes, s_epoch, valid_acc"
    for seed, r in s.table(cid, code, n=n, kind=kind):
        s.add('run', cid, base, seed=int(seed), minutes=r['train_minutes'], minutes_of=TRAIN, s_epoch=r['s_epoch'],
              valid_acc=r['valid_acc'])

def wall_minutes(s, cid, code, base, seeds):
    "A stat line for the minutes that cell `cid` printed its runs took in all"
    minutes = s.get(cid, code, lambda t: float(grab(r'([\d.]+) minutes', t)), 'stdout')
    s.add('stat', cid, base, tta=None, seeds=seeds, stat='total', measure='wall minutes, all runs', value=minutes)

def test_runs(s, cid, code, recipes, n):
    "Run lines from a `test_table` (deeper CNN study): each try's test figures, with its training and test minutes"
    for _, r in s.table(cid, code, n=n):
        if r['recipe'] not in recipes: raise LookupError(f'{s.name}, cell {cid}: no recipe {r["recipe"]!r} here')
        s.add('run', cid, recipes[r['recipe']], tta=r['tta'], seed=num(str(r['seeds'])), minutes=r['total_minutes'],
              minutes_of=TRAIN_TEST, test_acc=r['test_acc'], errors=r['errors'])

def command_runs(s, cid, code, base, n=2, tta_flag=True):
    "Run lines from a table of `run_train`'s figures (a dict if `n` is 1): one `mnist_nb train` command each"
    for r in [s.get(cid, code)] if n == 1 else [r for _, r in s.table(cid, code, n=n)]:
        run = dict(base, epochs=r['epochs'], tta=r['tta'])
        s.add('run', cid, run, seed=r['seeds'], minutes=r['minutes'], minutes_of=COMMAND, s_epoch=r['s_epoch'],
              test_acc=r['test_acc'], errors=r['errors'], command=command(run, r['seeds'].split('-')[0], tta_flag))

def by_copies(s, cid, code, groups, part=None):
    "Lines from a table of validation accuracies by group (rows) and copies (columns); `groups`: kind, recipe, seeds"
    # kind 'run': the row is one try; 'stat': the mean of several. Rows not in `groups` repeat rows of an earlier cell
    rows = dict(s.table(cid, code, part=part))
    for label, (kind, base, seeds) in groups.items():
        if label not in rows: raise LookupError(f'{s.name}, cell {cid}: no row {label!r}')
        for tta, v in rows[label].items():
            if v is None: continue  # a copies count the group was not tried with
            if kind == 'run': s.add('run', cid, base, tta=int(tta), seed=seeds, valid_acc=v)
            else: s.add('stat', cid, base, tta=int(tta), seeds=seeds, stat='mean', measure='valid_acc', value=v)

def round_pace(s, cid, code, fields, measure, summary, ratio=None, part=None):
    "Pace lines from a table with a column per round ('round 1, s'), a `summary` ('mean', 'median') and a ratio"
    for idx, r in s.table(cid, code, part=part):
        for col, v in r.items():
            if m := re.fullmatch(r'round (\d+), s', col):
                s.add('pace', cid, fields(idx), round=int(m[1]), measure=measure, value=v)
        s.add('pace', cid, fields(idx), round=summary, measure=measure, value=r[f'{summary} s'],
              ratio=r[ratio] if ratio else None)

def robustness(s, cid, code, n=11):
    "Robustness lines from a table with a row per shift and a column per network, and a pace line for its seconds"
    s.grid('robustness', cid, code, n=n)
    s.add('pace', cid, lever='robustness table', config='; '.join(s.table(cid, code)[0][1]), measure='wall s',
          value=s.get(cid, code, lambda t: int(grab(r'(\d+) s', t)), 'stdout'))

def cpu_levers(s):
    "06c: the epoch levers of cnn_small, EMA and SWA, ensembles of four, and what a 3x3 erosion leaves"
    s.section = 'epoch levers, cnn_small, 2 epochs'
    fields = lambda config: dict(lever='channels-last, bfloat16, torch.compile', model='cnn_small', config=config)
    code = "train_model('cnn_small', 2, 1e-2, aug=True, robust=0.5, seed=0, cbs=SPEED[name]())"
    for _, r in s.table('039b89e6', code, n=5):
        for m in ('first_epoch_s', 'last_train_loss', 'valid_acc'):
            s.add('pace', '039b89e6', fields(r['config']), round=r['round'], measure=m, value=r[m])
    code = "pace['x default'] = pace['median s'] / pace.loc['default', 'median s']"
    round_pace(s, 'f546b7e1', code, fields, 'second_epoch_s', 'median', ratio='x default')
    for config, r in s.table('f546b7e1', code, n=5):
        s.add('pace', 'f546b7e1', fields(config), round='median', measure='first_epoch_s',
              value=r['first epoch, median s'])

    s.section = 'full runs, EMA and SWA'
    code = "train_model('cnn_small', 20, 1e-2, aug=True, robust=0.5, seed=seed, cbs=[wa] + (FAST() if fast else []))"
    full = s.table('bbe16589', code, n=9)
    levers = lambda config: dict(SMALL, bf16='bfloat16' in config, channels_last='channels-last' in config)
    weights = [(None, 'valid_final'), (EMA, 'valid_ema'), (SWA, 'valid_swa')]
    for _, r in full:
        for extra, col in weights:
            s.add('run', 'bbe16589', levers(r['config']), extra=extra, seed=r['seed'], minutes=r['minutes'],
                  minutes_of=TRAIN, s_epoch=r['s_epoch'], valid_acc=r[col])
    for config, r in s.table('0b0bf414', "full.groupby('config')", n=2):
        seeds = seeds_span([f['seed'] for _, f in full if f['config'] == config])
        stat = partial(s.add, 'stat', '0b0bf414', levers(config), seeds=seeds, stat='mean')
        for m in ('minutes', 's_epoch'): stat(measure=m, value=r[m])
        for extra, col in weights: stat(extra=extra, measure='valid_acc', value=r[col])

    s.section = 'ensembles of fast cnn_small on validation'
    fast = dict(SMALL, bf16=True, channels_last=True)
    for _, r in s.table('fa16f806', 'valid_acc=ens_acc(members(range(k), w), vdl, tta)', n=8):
        s.add('run', 'fa16f806', fast, members=r['members'], tta=r['tta'], extra=EMA if r['weights'] == 'ema' else None,
              seed=f"0-{r['members'] - 1}", valid_acc=r['valid_acc'])

    s.section = 'four fast cnn_small on the test set'
    pattern = r'(\d+) x cnn_small, robust, bfloat16 \+ channels-last, (\w+) weights, TTA (\d+), seeds (\S+)'
    for _, r in s.table('2d34859c', 'for seeds in (range(0, k), range(4, 4 + k)):', n=2):
        k, w, tta, seeds = s.match('2d34859c', pattern, r['ensemble'])
        four = dict(fast, members=int(k), tta=int(tta), extra=EMA if w == 'ema' else None)
        s.add('run', '2d34859c', four, seed=seeds, minutes=r['total_minutes'], minutes_of=TRAIN_TEST,
              test_acc=r['test_acc'])
    acc, minutes = s.get('05be1629', 'ens_test.test_acc.mean(), ens_test.total_minutes.max()')
    s.add('stat', '05be1629', four, seeds='0-3, 4-7', stat='mean', measure='test_acc', value=acc)
    s.add('stat', '05be1629', four, seeds='0-3, 4-7', stat='max', measure='total_minutes', value=minutes)
    singles = dict(s.table('705282b2', "singles.describe().loc[['mean', 'min', 'max']]", n=3))
    seeds = seeds_span([int(singles[k]['seed']) for k in ('min', 'max')])
    for stat, r in singles.items():
        one = partial(s.add, 'stat', '705282b2', fast, seeds=seeds, stat=stat)
        one(tta=None, measure='minutes', value=r['minutes'])
        one(measure='test_acc', value=r['test_acc']); one(tta=8, measure='test_acc', value=r['test_acc_tta'])

    s.section = 'what a 3x3 erosion leaves'
    for k, v in s.get('b5922461', "'nothing left': int((ink_left == 0).sum())", series).items():
        s.thin('b5922461', measure=k, shift=EROSION, v=v)
    s.section = 'cnn_small trained only on eroded digits'
    r = s.get('c3e0590f', "spec = train_model('cnn_small', 20, 1e-2, aug=True, seed=0, cbs=[ErodeAll(), *FAST()])")
    s.add('run', 'c3e0590f', fast, extra=ERODED, seed=0, minutes=r['train_minutes'], minutes_of=TRAIN,
          valid_acc=r['valid_acc'], test_acc=r['test_acc'])
    robustness(s, '3e4dc384', "x, y, shifts=('none', 'thinner strokes (erosion 3x3)'))", n=2)
    s.section = 'thickening eroded digits'
    s.grid('thin', '41041e74', "'eroded, then thickened (3x3 dilation)': dilate(eroded_in)", n=2, measure='accuracy')

def deeper_cnn(s):
    "06d: cnn_deep in bfloat16: its pace, one and two on validation and test, TTA draws, refits, trios and mixes"
    s.cell('17d846b0', 'EPOCHS = 16', 'train_model(model, epochs, 1e-2, aug=True, robust=0.5, seed=s, '
           'cbs=[BFloat16Autocast()]')
    s.cell('1cf91d84', 'ALL_EPOCHS = 13')
    s.cell('7d5eb3a6', "TRIO, TRIO_EPOCHS, TRIO_ALL_EPOCHS = 'three cnn_deep averaged', 11, 9")
    s.cell('72fc2f5d', 'SMALL_EPOCHS, SMALL_ALL_EPOCHS = 20, 16', "[('d0', 'd1', 's0'), ('d2', 'd3', 's1')]",
           "[('d0', 's0', 's1'), ('d2', 's2', 's3')]")
    deep, pair, refit = DEEP, dict(DEEP, members=2), dict(DEEP, epochs=13, train_images=60_000, tta=None)
    small = dict(deep, model='cnn_small', epochs=20)
    mix = dict(deep, members=3, epochs=None, extra='mixed ensemble: cnn_deep 16 epochs, cnn_small 20 epochs')

    s.section = 'bfloat16 pace, cnn_small and cnn_deep, 1 epoch'
    round_pace(s, '5a160fa9', "pace['x cnn_small float32']", lambda i: dict(lever='bfloat16', model=i[0], config=i[1]),
               's_epoch', 'mean', ratio='x cnn_small float32')
    s.section = 'four cnn_deep on validation'
    train_runs(s, '7e9ac29d', 'runs, models, vdl = robust_runs(range(4))', deep, n=4)
    s.section = 'test-time copies on validation'
    by_copies(s, '6ccae8c0', 'valid = valid_by_tta(models, vdl)',
              {'one cnn_deep': ('stat', deep, '0, 1, 2, 3'), 'two cnn_deep averaged': ('stat', pair, '0-1, 2-3')})
    s.section = 'one and two cnn_deep on the test set'
    recipes = {'one cnn_deep': deep, 'two cnn_deep averaged': pair}
    test_runs(s, 'f02bc482', 'results = test_table(models, runs, tdl, tta_of)', recipes, n=6)
    tsets = {'48,000 images, 16 epochs': deep, '60,000 images, 13 epochs': refit}
    for (recipe, tset), r in s.table('55098c77', "both.groupby(['recipe', 'training set'])", n=4):
        if tset not in tsets: raise LookupError(f'{s.name}, cell 55098c77: no training set {tset!r} here')
        base = dict(tsets[tset], members=recipes[recipe]['members'], tta=8)
        for col, v in r.items():
            measure, stat = col.split(' / ')
            s.add('stat', '55098c77', base, seeds='0, 1, 2, 3' if base['members'] == 1 else '0-1, 2-3', stat=stat,
                  measure=measure, value=v)

    s.section = 'TTA draws, one cnn_deep'
    tta_of = s.get('44f3e8fb', 'tta_of = best_tta(valid)')
    for draw, r in s.table('dd34299a', "tta_draws([models[s]], tdl, 6, tta_of['one cnn_deep'])", n=6):
        for col, acc in r.items():
            s.add('run', 'dd34299a', deep, tta=tta_of['one cnn_deep'], extra=f'TTA copies drawn with seed {draw}',
                  seed=int(s.match('dd34299a', r'cnn_deep seed (\d+)', col)), test_acc=acc)
    for who, r in s.table('3328ff2d', 'spread(draws, len(tdl.y))', n=2):
        s.add('effect', '3328ff2d', lever='TTA draws', measure='test errors, max - min of 6 draws', who=who,
              value=r['errors, max - min'])

    s.section = 'refit on 60,000 images'
    train_runs(s, '7cdebf7e', 'robust_runs(range(4), epochs=ALL_EPOCHS, all_train=True)', refit, n=4)
    test_runs(s, '21c32ac7', 'all_results = test_table(all_models, all_runs, tdl, tta_of)',
              {'one cnn_deep': refit, 'two cnn_deep averaged': dict(refit, members=2)}, n=6)
    s.section = 'TTA draws, refitted pair'
    for who, r in s.table('ec90e89b', 'tta_draws([all_models[0], all_models[1]], tdl, 6,', n=1):
        for col, acc in r.items():
            if col.isdigit():
                s.add('run', 'ec90e89b', refit, members=2, tta=tta_of['two cnn_deep averaged'], test_acc=acc,
                      extra=f'TTA copies drawn with seed {col}', seed=s.match('ec90e89b', r'.*seeds (\S+)', who))
        s.add('effect', 'ec90e89b', lever='TTA draws', measure='test errors, max - min of 6 draws', who=who,
              value=r['errors, max - min'])

    s.section = 'three cnn_deep of 11 epochs'
    train_runs(s, '8aadf763', 'robust_runs(range(6), epochs=TRIO_EPOCHS)', dict(deep, epochs=11), n=6)
    by_copies(s, 'b125fc8d', 'valid_all = pd.concat([valid, valid_by_tta(trio_models, vdl, TRIOS)])',
              {'three cnn_deep averaged': ('stat', dict(deep, members=3, epochs=11), '0-2, 3-5')})
    s.section = 'mixed ensembles'
    train_runs(s, '7fa6dd61', "robust_runs(range(4), epochs=SMALL_EPOCHS, model='cnn_small')", small, n=4)
    mixes = {'two cnn_deep + one cnn_small': 'd0-d1-s0, d2-d3-s1', 'one cnn_deep + two cnn_small': 'd0-s0-s1, d2-s2-s3'}
    by_copies(s, '4152b725', 'valid_by_tta(mix_models, vdl, MIXES, ttas=(0, 8))',
              {m: ('stat', dict(mix, model=m), seeds) for m, seeds in mixes.items()})
    code = 'cnn_all_runs, cnn_all_models, _ = robust_runs(small_seeds(MIXES[best_mix]), epochs=SMALL_ALL_EPOCHS'
    train_runs(s, 'a09cf960', code, dict(small, epochs=16, train_images=60_000, tta=None), n=2, kind='stdout')
    mix_all = dict(mix, model='two cnn_deep + one cnn_small', train_images=60_000,
                   extra='mixed ensemble: cnn_deep 13 epochs, cnn_small 16 epochs')
    test_runs(s, 'a09cf960', code, {'two cnn_deep + one cnn_small': mix_all}, n=2)
    s.section = 'robustness'
    robustness(s, 'b7d74be4', 'rob = robustness(rob_nets, x, y)')

def thin_strokes(s):
    "06e: the ink a 3x3 erosion leaves, a cnn_deep trained on eroded digits, thinner strokes at 4x, blur"
    s.cell('1a287052', 'EPOCHS = 16',
           "'robust': train_model('cnn_deep', epochs, 1e-2, aug=True, robust=0.5, seed=0, cbs=[BFloat16Autocast()]",
           "train_model('cnn_deep', epochs, 1e-2, aug=True, seed=0, cbs=[ErodeAll(), BFloat16Autocast()]")
    s.section = 'what a 3x3 erosion leaves'
    for bucket, v in s.get('089d2465', 'pd.cut(pd.Series(left.numpy()), BINS, include_lowest=True)', series).items():
        s.thin('089d2465', measure='digits', shift=EROSION, bucket=bucket, v=v)
    s.section = 'two cnn_deep, robust and only eroded digits'
    for who, r in s.table('d221f2dd', 'tab, nets = two_nets()', n=2):
        s.add('run', 'd221f2dd', DEEP, extra=ERODED if who == 'only eroded digits' else None, seed=0, minutes_of=TRAIN,
              minutes=r['train_minutes'], s_epoch=r['s_epoch'], valid_acc=r['valid_acc'], test_acc=r['test_acc'])

    s.section = 'errors by the ink left'
    for bucket, r in s.table('3e6c9979', 'ink = by_ink(left, preds, y)', n=4):
        for col, v in r.items():
            if col == 'digits': continue  # as in cell 089d2465
            who, measure = col.split(': ')
            s.thin('3e6c9979', measure=measure, shift=EROSION, bucket=bucket, who=who, v=v)
    for who, v in s.get('bab27173', "{k: 1 - ink[f'{k}: errors'].iloc[0] / len(y) for k in nets}").items():
        s.thin('bab27173', measure='accuracy if every digit that kept more than 5% of its ink were read',
               shift=EROSION, who=who, v=v)

    s.section = 'thinner strokes at 4x resolution'
    pxs = literal(grab(r'.*PXS = (\(.*?\)).*', ''.join(s.cell('433d9689')['source'])))
    shares = s.get('433d9689', '[round(i / inks[0], 3) for i in inks]')
    for shift, v in zip(['none', *(f'thin, {px:g} px' for px in pxs)], shares, strict=True):
        s.thin('433d9689', measure='share of ink left, test digit 0', shift=shift, v=v)
    s.grid('thin', 'e5821884', 'thin_acc = thin_table(nets, x, y)', n=6, measure='accuracy')
    for bucket, r in s.table('39cb7ed8', "'thin, 1 px': same_ink[['digits', 'robust: accuracy']]", n=4):
        s.thin('39cb7ed8', measure='digits', shift='thin, 1 px', bucket=bucket, v=r['thin, 1 px / digits'])
        s.thin('39cb7ed8', measure='accuracy', shift='thin, 1 px', bucket=bucket, who='robust',
               v=r['thin, 1 px / robust: accuracy'])

    s.section = 'mending the strokes in mnist_image'
    s.thin('22382e72', measure='original test digits that a 3x3 closing changes', shift='closing (3x3 max, then min)',
           v=s.get('22382e72', 'int((erode(dilate(xf)) != xf).any((1, 2, 3)).sum())'))
    s.grid('thin', 'e8d5720f', 'blur = robustness(nets, x, y, shifts=BLUR)', n=2, measure='accuracy')

def parallel_members(s):
    "06f: two cnn_deep trained at the same time against one after the other, and the refitted pairs of 16 epochs"
    s.cell('f5dbba78', "'--ensemble', '2', '--jobs', '2', '--model', 'cnn_deep', '--bf16', '--all-train', '--seed', "
           "seed, *args")
    s.section = 'pace, two cnn_deep, 2 epochs'
    fields = dict(lever='parallel members', model='cnn_deep')
    for _, r in s.table('97a903b5', 'full_pace = pace()', n=4):
        for m in ('minutes', 's_epoch', 'valid_acc'):
            s.add('pace', '97a903b5', fields, config=r['how'], round=r['round'], measure=m, value=r[m])
    for rnd, r in s.table('42e6e51c', 'ratios(full_pace)', n=2):
        s.add('pace', '42e6e51c', fields, config='at the same time / one after the other', round=int(rnd),
              measure='minutes', ratio=r['ratio'])

    s.section = 'refitted pairs of 16 epochs, one command each'
    pair = dict(DEEP, members=2, train_images=60_000, jobs=2)
    code = "command(s, Path(f'runs/parallel_pair_{s}'), '--epochs', '16') for s in"
    command_runs(s, '16dc55b8', code + ' (0, 2)', pair, tta_flag=False)
    for stat, r in s.table('301948bd', "pairs[['test_acc', 'minutes']].agg(['mean', 'min', 'max'])", n=3):
        for col, v in r.items():
            s.add('stat', '301948bd', pair, epochs=16, tta=8, seeds='0-1, 2-3', stat=stat, measure=col, value=v)
    command_runs(s, 'c234e46f', code + ' (4, 6)', pair, tta_flag=False)
    for label, r in s.table('fb9c9b96', "four.agg(['mean', 'std'])", n=6):
        if not label.endswith(' of 4'): continue  # the pairs themselves, as in the lines above
        for col, v in r.items():
            s.add('stat', 'fb9c9b96', pair, epochs=16, tta=8, seeds='0-1, 2-3, 4-5, 6-7', stat=label.split()[0],
                  measure=col, value=v)
    s.section = 'robustness'
    robustness(s, '96fbfa7e', """rob = robustness({f"2 x cnn_deep refitted, 16 epochs, TTA {meta['tta']}": net}""")

def full_resolution(s):
    "06g: cnn_stem, a first block at 28x28: its pace and cost, pairs on validation, the refitted pairs"
    s.cell('e5def600', "'--ensemble', '2', '--jobs', '2', '--model', 'cnn_stem', '--bf16', '--all-train', '--seed', "
           "seed, '--epochs', epochs, '--tta', tta")
    s.cell('1de374ef', "train_members('cnn_stem', epochs, 1e-2, seeds=seeds, jobs=2, robust=0.5, "
           "cbs=[BFloat16Autocast()]")
    s.section = 'pace, cnn_deep and cnn_stem, 1 epoch'
    code = "ratio = full_pace.loc['cnn_stem', 'mean s'] / full_pace.loc['cnn_deep', 'mean s']"
    fields = lambda m: dict(lever='full-resolution stem', model=m, config=m)
    round_pace(s, '33e5b984', code, fields, 's_epoch', 'mean', part=0)
    s.add('pace', '33e5b984', fields('cnn_stem'), config='cnn_stem / cnn_deep', round='mean', measure='s_epoch',
          ratio=s.get('33e5b984', code, lambda t: literal(parts(t)[1])))
    code = "(cost.loc['cnn_stem'] / cost.loc['cnn_deep']).round(2).to_dict()"
    for k, v in s.get('40e9c3ed', code, lambda t: literal(parts(t)[1])).items():
        s.add('effect', '40e9c3ed', lever='full-resolution stem', measure=f'{k} per digit, cnn_stem / cnn_deep',
              who='the convolutions of the body', value=v)

    s.section = 'four cnn_stem on validation, two at a time'
    epochs_all, epochs_valid = s.get('bbf60036', 'EPOCHS_ALL, EPOCHS_VALID = budget_epochs(ratio)')
    stem = dict(DEEP, model='cnn_stem', epochs=epochs_valid, jobs=2)
    code = 'runs, models, vdl = stem_runs(range(4), EPOCHS_VALID)'
    train_runs(s, 'ff3cd64c', code, stem, n=4)
    wall_minutes(s, 'ff3cd64c', code, stem, '0-3')
    pair = dict(stem, members=2)
    by_copies(s, 'e405b609', 'valid = pairs_valid(models, vdl)',
              {'0-1': ('run', pair, '0-1'), '2-3': ('run', pair, '2-3'), 'mean': ('stat', pair, '0-1, 2-3')}, part=0)

    s.section = 'refitted pairs of cnn_stem, one command each'
    code = "refit = pd.DataFrame([command(s, EPOCHS_ALL, TTA, Path(f'runs/stem_pair_{s}')) for s in (0, 2)])"
    command_runs(s, 'e441855b', code, dict(pair, train_images=60_000))
    s.section = 'robustness'
    robustness(s, '15a330b7', 'rob = robustness({f"2 x cnn_stem refitted, {EPOCHS_ALL} epochs')

def four_members(s):
    "06h: channels-last for cnn_deep in two workers, four networks in ten minutes, the best pair with channels-last"
    s.cell('6ef5425b', 'return [BFloat16Autocast()] + ([ChannelsLast()] if channels_last else [])')
    s.cell('0bb89f3a', "'--ensemble', members, '--jobs', '2', '--model', 'cnn_deep', '--bf16', *(['--channels-last']",
           "'--all-train', '--seed', seed, '--epochs', epochs, '--tta', tta")
    s.cell('25d83151', "train_members('cnn_deep', epochs, 1e-2, seeds=seeds, jobs=2, robust=0.5, cbs=recipe_cbs(True)")
    s.section = 'pace, channels-last, two cnn_deep at a time, 1 epoch of 60,000'
    fields = dict(lever='channels-last', model='cnn_deep')
    for _, r in s.table('8df8c85e', 'full_pace, pace_nets = pace()', n=4):
        for m in ('seconds', 's_epoch', 'test_acc'):
            s.add('pace', '8df8c85e', fields, config=r['layout'], round=r['round'], measure=m, value=r[m])
    for layout, r in s.table('b8bc2be3', 'pace_table(full_pace)', n=2):
        s.add('pace', 'b8bc2be3', fields, config=layout, round='mean', measure='s_epoch', value=r['mean s'],
              ratio=r['x default'])
    rule = s.get('d49d339d', 'EPOCHS_ALL, EPOCHS_VALID = quartet_epochs(S_EPOCH, OTHER, PREDICT)')
    s.add('pace', 'd49d339d', fields, config='channels-last', round='mean', value=rule['other_s'],
          measure='seconds of a call outside its epoch')
    s.add('pace', 'd49d339d', fields, lever='four members', config='4 x cnn_deep, TTA 8',
          measure='seconds to predict the 10,000 test images', value=rule['predict_s'])

    s.section = 'four cnn_deep on validation, two at a time'
    deep = dict(DEEP, epochs=rule['epochs_valid'], channels_last=True, jobs=2)
    code = 'runs, models, vdl = deep_runs(range(4), EPOCHS_VALID)'
    train_runs(s, 'c6baffd8', code, deep, n=4)
    wall_minutes(s, 'c6baffd8', code, deep, '0-3')
    groups = {'one': ('stat', deep, '0, 1, 2, 3'), 'two': ('stat', dict(deep, members=2), '0-1, 2-3'),
              'four': ('run', dict(deep, members=4), '0-3')}
    by_copies(s, '886006ff', 'valid = valid_table(models, vdl)', groups, part=0)

    s.section = 'four refitted cnn_deep, one command each'
    refit = dict(deep, train_images=60_000)
    code = "refit = pd.DataFrame([command(s, EPOCHS_ALL, TTA, Path(f'runs/four_members_{s}')) for s in (0, 4)])"
    command_runs(s, 'dfe7c964', code, dict(refit, members=4))
    s.section = 'robustness'
    robustness(s, '60052f39', 'rob = robustness({f"4 x cnn_deep refitted, {EPOCHS_ALL} epochs')
    s.section = 'the best pair with channels-last, one command each'
    code = "command(s, PAIR_EPOCHS, 8, Path(f'runs/pair_cl_{s}'), members=2) for s in (0, 2)"
    command_runs(s, 'fcb57fa3', code, dict(refit, members=2))
    code = "command(0, PAIR_EPOCHS, 8, Path('runs/pair_default_0'), members=2, channels_last=False)"
    command_runs(s, '4af572d0', code, dict(refit, members=2, channels_last=False), n=1)

def pick(lines, **kw):
    "The lines whose fields equal `kw`"
    return [l for l in lines if all(l.get(k, ...) == v for k, v in kw.items())]

def effect(lines, lever, measure, who, field, a, b, op='-'):
    "An effect line: the mean of `field` over the lines that match `a`, minus (or over, `op='/'`) its mean over `b`"
    (fa, fb), means, cells = (field, field) if isinstance(field, str) else field, [], []
    for f, crit in [(fa, a), (fb, b)]:
        ls = pick(lines, **crit)
        if not ls or any(l[f] is None for l in ls): raise LookupError(f'effect {lever!r}: no {f} in the lines {crit}')
        means.append(sum(l[f] for l in ls) / len(ls)); cells += [l['cell'] for l in ls]
    value = means[0] - means[1] if op == '-' else means[0] / means[1]
    first = pick(lines, **a)[0]
    return dict(study=first['study'], section=first['section'], kind='effect', lever=lever, measure=measure, who=who,
                value=round(value, 10), cell=', '.join(dict.fromkeys(cells)))  # 10 decimals: float noise only

def effects(ls):
    "The levers' effects that the studies' prose states, each computed from two groups of the lines above"
    e = partial(effect, ls)
    fast, seed0 = dict(study='06c', cell='bbe16589', bf16=True), dict(study='06c', cell='bbe16589', seed=0, extra=None)
    for w in (EMA, SWA):
        yield e(w, f'valid_acc, {w} minus final weights, mean of 8 runs', 'cnn_small, bfloat16 + channels-last',
                'valid_acc', dict(fast, extra=w), dict(fast, extra=None))
    for f in ('valid_acc', 'minutes'):
        yield e('bfloat16 + channels-last', f'{f}, levers minus default, same seed', 'cnn_small, seed 0', f,
                dict(seed0, bf16=True), dict(seed0, bf16=False))
    ens = dict(study='06c', cell='fa16f806')
    for k, w, t in [(k, w, t) for k in (3, 4) for w in (None, EMA) for t in (0, 8)]:
        weights = w or 'final weights'
        if k == 4: yield e('four members vs three', 'valid_acc, 4 minus 3 members', f'cnn_small, {weights}, TTA {t}',
                           'valid_acc', dict(ens, members=4, extra=w, tta=t), dict(ens, members=3, extra=w, tta=t))
        if t == 8: yield e('test-time augmentation', 'valid_acc, TTA 8 minus none', f'{k} x cnn_small, {weights}',
                           'valid_acc', dict(ens, members=k, extra=w, tta=8), dict(ens, members=k, extra=w, tta=0))
        if w: yield e(EMA, 'valid_acc, EMA minus final weights', f'{k} x cnn_small, TTA {t}', 'valid_acc',
                      dict(ens, members=k, extra=EMA, tta=t), dict(ens, members=k, extra=None, tta=t))
    ero = dict(study='06c', cell='3e4dc384')
    for shift in (EROSION, 'none'):
        yield e('training only on eroded digits', f'acc under {shift!r}, minus the robust network', 'cnn_small, seed 0',
                'acc', dict(ero, who='only eroded digits (seed 0)', shift=shift),
                dict(ero, who='robust cnn_small (fast, seed 0)', shift=shift))
    thick = dict(study='06c', cell='41041e74')
    for who in ('robust cnn_small (fast, seed 0)', 'only eroded digits (seed 0)'):
        yield e('thickening eroded digits (3x3 dilation)', 'accuracy on eroded digits, thickened minus not', who,
                'value', dict(thick, who=who, shift='eroded, then thickened (3x3 dilation)'),
                dict(thick, who=who, shift='eroded, as predict sees it'))

    d = dict(study='06d', kind='stat', measure='valid_acc', cell='6ccae8c0')
    for m in (1, 2):
        yield e('test-time augmentation', 'valid_acc, TTA 8 minus none', f'{m} x cnn_deep, mean', 'value',
                dict(d, members=m, tta=8), dict(d, members=m, tta=0))
        yield e('16 test-time copies vs 8', 'valid_acc, TTA 16 minus 8', f'{m} x cnn_deep, mean', 'value',
                dict(d, members=m, tta=16), dict(d, members=m, tta=8))
    yield e('a second network', 'valid_acc, two minus one cnn_deep, TTA 8', 'cnn_deep, mean', 'value',
            dict(d, members=2, tta=8), dict(d, members=1, tta=8))
    test48, test60 = dict(study='06d', cell='f02bc482'), dict(study='06d', cell='21c32ac7')
    yield e('a second network', 'test_acc, two minus one cnn_deep, TTA 8', 'cnn_deep, mean of the tries', 'test_acc',
            dict(test48, members=2), dict(test48, members=1))
    for m in (1, 2):
        yield e('refit on 60,000 images', 'test_acc, 60,000 images 13 epochs minus 48,000 images 16 epochs',
                f'{m} x cnn_deep, TTA 8, mean of the tries', 'test_acc', dict(test60, members=m),
                dict(test48, members=m))
    yield e('three networks of 11 epochs vs two of 16', "valid_acc, each recipe's best copies (trio: none, pair: 8)",
            'cnn_deep, mean', 'value', dict(d, cell='b125fc8d', tta=0), dict(d, members=2, tta=8))
    mix = 'two cnn_deep + one cnn_small'
    yield e('mixed ensemble', "valid_acc, each recipe's best copies (mix: none, pair: 8)", f'{mix} vs two cnn_deep',
            'value', dict(d, cell='4152b725', model=mix, tta=0), dict(d, members=2, tta=8))
    yield e('mixed ensemble', 'test_acc, refitted mix (no copies) minus refitted pairs (TTA 8), mean of two tries',
            f'{mix} vs two cnn_deep', 'test_acc', dict(study='06d', cell='a09cf960', kind='run', members=3),
            dict(test60, members=2))
    bigger = 'cnn_deep instead of cnn_small'
    yield e(bigger, 'acc under 3x3 erosion, robust networks of seed 0 (no copies)', 'cnn_deep (06d) vs cnn_small (06c)',
            'acc', dict(study='06d', who='cnn_deep (seed 0)', shift=EROSION),
            dict(study='06c', who='robust cnn_small (fast, seed 0)', shift=EROSION))
    yield e(bigger, 'test_acc, one network, TTA 8: mean of 4 cnn_deep minus mean of 8 cnn_small',
            'cnn_deep (06d) vs cnn_small (06c)', ('test_acc', 'value'), dict(test48, members=1),
            dict(study='06c', cell='705282b2', stat='mean', measure='test_acc', tta=8))
    yield e(bigger, 'test_acc, two cnn_deep (TTA 8) minus four cnn_small (EMA, TTA 8), mean of two tries',
            'cnn_deep pairs (06d) vs cnn_small fours (06c)', 'test_acc', dict(test48, members=2),
            dict(study='06c', cell='2d34859c'))

    th = dict(study='06e', cell='e5821884')
    for shift in dict.fromkeys(l['shift'] for l in pick(ls, **th)):
        yield e('training only on eroded digits', f'accuracy under {shift!r}, minus the robust network',
                'cnn_deep, seed 0', 'value', dict(th, shift=shift, who='only eroded digits'),
                dict(th, shift=shift, who='robust'))
        yield e('test-time augmentation', f'accuracy under {shift!r}, TTA 8 minus none', 'robust cnn_deep, seed 0',
                'value', dict(th, shift=shift, who='robust, TTA 8'), dict(th, shift=shift, who='robust'))
    blurred = dict(study='06e', cell='e8d5720f')
    for who in ('robust', 'only eroded digits'):
        for digits, shift, plain in [('clean', 'blurred (Gaussian, radius 0.7)', 'none'),
                                     ('eroded', 'eroded, then blurred', EROSION)]:
            yield e('blur in mnist_image (Gaussian, radius 0.7)', f'accuracy on {digits} digits, blurred minus not',
                    f'cnn_deep, {who}', 'value', dict(blurred, who=who, shift=shift), dict(th, who=who, shift=plain))
    yield e(bigger, 'acc under 3x3 erosion, trained only on eroded digits, seed 0', 'cnn_deep (06e) vs cnn_small (06c)',
            ('value', 'acc'), dict(th, who='only eroded digits', shift=EROSION),
            dict(study='06c', who='only eroded digits (seed 0)', shift=EROSION))

    pairs16, first16 = dict(study='06f', kind='run', members=2), dict(study='06f', cell='16dc55b8')
    for label, a in [('first two', first16), ('four', pairs16)]:
        yield e('16 epochs instead of 13 (refitted pair)', f'test_acc, the {label} 06f pairs minus 06d refitted pairs',
                'two cnn_deep, TTA 8', 'test_acc', a, dict(test60, members=2))
    yield e('full-resolution stem', 'valid_acc, cnn_stem pairs (14 epochs) minus 06d cnn_deep pairs (16), TTA 8',
            'two networks, mean of two pairs', 'value', dict(study='06g', kind='stat', cell='e405b609', tta=8),
            dict(d, members=2, tta=8))
    for label, b in [('first two', first16), ('four', pairs16)]:
        yield e('full-resolution stem', f'test_acc, refitted cnn_stem pairs minus the {label} 06f pairs',
                'two networks, TTA 8', 'test_acc', dict(study='06g', cell='e441855b'), b)

    cl, default = dict(study='06h', cell='fcb57fa3', seed='0-1'), dict(study='06h', cell='4af572d0')
    for f in ('s_epoch', 'minutes'):
        yield e('channels-last', f'{f}, channels-last over default, a full run of the refitted pair',
                'cnn_deep, seeds 0-1', f, cl, default, op='/')
    yield e('channels-last', 'test_acc, channels-last minus default', 'refitted cnn_deep pair, seeds 0-1', 'test_acc',
            cl, default)
    yield e('channels-last', 'test_acc, channels-last (06h) minus default (06f)', 'refitted cnn_deep pair, seeds 2-3',
            'test_acc', dict(cl, seed='2-3'), dict(pairs16, seed='2-3'))
    four = dict(study='06h', cell='886006ff')
    yield e('four networks of 11 epochs', "valid_acc, four (no copies) minus the 06d pairs (TTA 8), each one's best",
            'cnn_deep', ('valid_acc', 'value'), dict(four, members=4, tta=0), dict(d, members=2, tta=8))
    for label, b in [('first two', first16), ('four', pairs16)]:
        yield e('four networks of 11 epochs', f'test_acc, four refitted (no copies) minus the {label} 06f pairs',
                'cnn_deep', 'test_acc', dict(study='06h', cell='dfe7c964'), b)
    for m, f, mean in [(1, 'value', ', mean'), (2, 'value', ', mean'), (4, 'valid_acc', '')]:
        yield e('test-time augmentation', 'valid_acc, TTA 8 minus none', f'{m} x cnn_deep (06h){mean}', f,
                dict(four, members=m, tta=8), dict(four, members=m, tta=0))

STUDIES = [('06c', '06c_cpu_levers', cpu_levers), ('06d', '06d_deeper_cnn', deeper_cnn),
           ('06e', '06e_thin_strokes', thin_strokes), ('06f', '06f_parallel_members', parallel_members),
           ('06g', '06g_full_resolution', full_resolution), ('06h', '06h_four_members', four_members)]

def extract():
    "Every line: each study's, in the order of its cells, then the effects"
    lines = []
    for study, name, f in STUDIES:
        s = Study(study, name); f(s); lines += s.lines
    return lines + list(effects(lines))

def main():
    "Write nbs/cpu_runs.jsonl, or with --check say whether it is what this script writes"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--check', action='store_true', help='exit 1 if nbs/cpu_runs.jsonl is not what this would write')
    lines = extract()
    text = ''.join(json.dumps(l, ensure_ascii=False) + '\n' for l in lines)
    rel = OUT.relative_to(ROOT)
    if ap.parse_args().check:
        same = OUT.exists() and OUT.read_text() == text
        print(f'{rel} is up to date' if same else f'{rel} differs from what {Path(__file__).name} writes: run it')
        sys.exit(0 if same else 1)
    OUT.write_text(text)
    print(f'{rel}: {len(lines)} lines from {COMMIT}')

if __name__ == '__main__': main()
