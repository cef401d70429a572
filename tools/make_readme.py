#!/usr/bin/env python3
"""Write README.md from nbs/index.ipynb (nbdev_readme needs Quarto, which this project does not require).

`python tools/make_readme.py` writes it; `--check` exits 1 if README.md is not what would be written.
"""
import argparse, json, re, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def readme_text(nb_path=root/'nbs'/'index.ipynb') -> str:
    nb = json.loads(Path(nb_path).read_text(encoding='utf-8'))
    parts = ['<!-- Generated from nbs/index.ipynb by tools/make_readme.py: edit the notebook, not this file. -->']
    for c in nb['cells']:
        src = ''.join(c['source']).strip()
        if c['cell_type'] == 'raw' and src.startswith('---'):
            meta = dict(re.findall(r'^(\w+):\s*"?(.*?)"?\s*$', src, re.M))
            parts.append(f"# {meta.get('title', 'mnist_nb')}")
            if meta.get('description'): parts.append(f"> {meta['description']}")
        elif c['cell_type'] == 'markdown': parts.append(re.sub(r'\]\((\w+)\.ipynb\)', r'](nbs/\1.ipynb)', src))
        elif c['cell_type'] == 'code' and re.search(r'^#\|\s*echo:\s*false', src, re.M):  # the page shows its output only
            parts += [re.sub(r'\]\((\w+)\.ipynb\)', r'](nbs/\1.ipynb)', ''.join(o['data']['text/markdown']).strip())
                      for o in c.get('outputs', []) if 'text/markdown' in o.get('data', {})]
        elif c['cell_type'] == 'code' and src and not re.match(r'#\|\s*hide', src):
            code = '\n'.join(l for l in src.splitlines() if not l.startswith('#|'))  # nbdev's directives are not code
            parts.append(f"```python\n{code}\n```")
    return '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--check', action='store_true', help='exit 1 if README.md is not what would be written')
    a = ap.parse_args()
    text, readme = readme_text(), root/'README.md'
    if a.check:
        if not readme.exists() or readme.read_text(encoding='utf-8') != text:
            sys.exit('README.md is out of date with nbs/index.ipynb: run python tools/make_readme.py')
        print('README.md matches nbs/index.ipynb')
    else:
        readme.write_text(text, encoding='utf-8'); print(f'wrote {readme}')
