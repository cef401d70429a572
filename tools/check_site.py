#!/usr/bin/env python
"""Check the built site in `_docs/` in a real browser: headless Chromium (Debian's `chromium` and `chromium-driver`)
driven by Selenium, on a local http.server on 127.0.0.1.

    .venv/bin/python tools/check_site.py [--site _docs] [--shots _docs_check]

For every page of the sidebar (`nbs/sidebar.yml`, entries whose notebook exists, under nbdev's page names) it checks that
- the page is served (HTTP 200) and loads, with a title and the sidebar listing every page;
- every <img> has loaded (naturalWidth > 0), and no figure is shown as `<Figure size ...>` text;
- the visible text, less inline code in prose, has no raw `show_doc(`, `#|`, callout/div fences (`:::`) or `{=html}`
  markup;
- every same-site link (<a href>, and <img>/<script>/<link> sources) resolves to a file in the site; links to the
  site's own `site-url` count as same-site;
- the browser logged no errors.
On the "Try it" page (try_it.html) it also waits for the models, draws the strokes of `mnist_nb.try_it.TEST_STROKES`
(a vertical bar and a 7) with pointer events, at desktop width with a mouse and at phone width with a finger, and
checks that the stroke ends land where they were drawn (within 1 canvas pixel), that every model reads the right
digit with probabilities that sum to 1, and that the page's 28x28 image agrees with `mnist_image` of the same strokes
drawn by `stroke_image` (exactly for the same PNG; within `mnist_nb.try_it.PREP_TOL` for the strokes, whose
anti-aliasing differs); screenshots try_it_{desktop,phone}_{1,7}.png and try_it_desktop_dark_7.png, measurements in
try_it.json (and, with --record, in nbs/try_it/measured.json, which the Try it chapter shows). --no-try-it skips it.
It saves one full-page screenshot per page in `--shots`, prints one line per page and a summary ending with
`N passed, N failed`, and exits 1 if any page failed. It installs nothing.
"""
import argparse, functools, json, http.server, os, re, shutil, sys, tempfile, threading, time
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import urlopen

import yaml

ROOT = Path(__file__).resolve().parent.parent
PAGE_EXTS = ('.ipynb', '.qmd', '.md')
RAW_MARKUP = ['show_doc(', '#|', ':::', '{=html}', '<Figure size']
CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                  '--disable-background-networking', '--disable-component-update', '--disable-sync',
                  '--disable-dev-shm-usage', '--hide-scrollbars',
                  # nothing but this machine: a page that needs the internet (a web font, a CDN) shows here as failed
                  # loads of other hosts, which are reported but not counted, since the site may be offline
                  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1']


def page_name(src):
    "nbdev's page name for a notebook: `00_loss.ipynb` -> `loss.html` (nbdev.doclinks._nbpath2html)"
    p = Path(src)
    return p.with_name(re.sub(r'^\d+[a-zA-Z0-9]*_', '', p.name.lower())).with_suffix('.html').as_posix()


def sidebar_pages(nbs):
    "The pages the sidebar lists, in order, for the entries whose source exists; and the entries skipped"
    d = yaml.safe_load((nbs/'sidebar.yml').read_text()) or {}
    sb = (d.get('website') or {}).get('sidebar')
    pages, skipped = [], []
    def walk(contents):
        for e in contents or []:
            f = e if isinstance(e, str) else (e.get('href') or e.get('file')) if isinstance(e, dict) else None
            if isinstance(f, str) and f.endswith(PAGE_EXTS):
                (pages.append(page_name(f)) if (nbs/f).exists() else skipped.append(f))
            if isinstance(e, dict): walk(e.get('contents'))
    for s in (sb if isinstance(sb, list) else [sb]):
        if isinstance(s, dict): walk(s.get('contents'))
    return pages, skipped


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a): pass


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    def handle_error(self, request, client_address):  # a browser that drops a connection is no failure of the site
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)): super().handle_error(request, client_address)


def serve(site):
    "Serve `site` on 127.0.0.1, a free port, in a thread"
    srv = Server(('127.0.0.1', 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f'http://127.0.0.1:{srv.server_address[1]}/'


def browser_binary(): return shutil.which('chromium') or '/usr/bin/chromium'


def browser(profile):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError: sys.exit('check_site: no selenium: .venv/bin/pip install selenium')
    binary = browser_binary()
    driver = shutil.which('chromedriver') or '/usr/bin/chromedriver'
    for f, pkg in ((binary, 'chromium'), (driver, 'chromium-driver')):
        if not Path(f).exists(): sys.exit(f'check_site: {f} not found: apt-get install -y {pkg}')
    opts = webdriver.ChromeOptions()
    opts.binary_location = binary
    for f in CHROMIUM_FLAGS + [f'--user-data-dir={profile}', '--window-size=1280,900']: opts.add_argument(f)
    opts.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
    d = webdriver.Chrome(service=Service(executable_path=driver), options=opts)  # a path given: Selenium fetches nothing
    d.set_page_load_timeout(30)
    return d


IMG_JS = """
const imgs = [...document.images];
imgs.forEach(i => { if (i.loading === 'lazy') i.loading = 'eager'; });
return imgs.map(i => ({src: (i.currentSrc || i.src || '').slice(0, 100), complete: i.complete, w: i.naturalWidth}));
"""
LINKS_JS = """
const out = [];
document.querySelectorAll('a[href]').forEach(a => out.push(['a', a.getAttribute('href'), a.href]));
document.querySelectorAll('img[src], script[src]').forEach(e => out.push([e.tagName.toLowerCase(), e.getAttribute('src'), e.src]));
document.querySelectorAll('link[href]').forEach(e => out.push(['link', e.getAttribute('href'), e.href]));
return out;
"""
VISIBLE_TEXT_JS = """
document.querySelectorAll(':not(pre) > code').forEach(c => c.remove());
return document.body.innerText;
"""
SIDEBAR_JS = """
const bar = document.querySelector('#quarto-sidebar, nav.sidebar, .sidebar');
return bar ? [...bar.querySelectorAll('a[href]')].map(a => a.href) : null;
"""


def local_file(site, base, site_url, url):
    "The file in `site` that a same-site `url` points at, or None when the link leaves the site"
    u = urlsplit(url)
    if url.startswith(base): path = u.path
    elif site_url and url.startswith(site_url + '/'): path = urlsplit(url[len(site_url):]).path
    else: return None
    path = unquote(path).lstrip('/')
    if path == '' or path.endswith('/'): path += 'index.html'
    return site/path


def screenshot(d, path):
    "A full-page PNG through the DevTools protocol (Selenium's own screenshot is the viewport only)"
    import base64
    m = d.execute_cdp_cmd('Page.getLayoutMetrics', {})
    size = m.get('cssContentSize') or m['contentSize']
    w, h = int(size['width']), min(int(size['height']), 16000)
    shot = d.execute_cdp_cmd('Page.captureScreenshot', {'format': 'png', 'captureBeyondViewport': True,
                                                         'clip': {'x': 0, 'y': 0, 'width': w, 'height': h, 'scale': 1}})
    path.write_bytes(base64.b64decode(shot['data']))


def check_page(d, site, base, site_url, name, expected, shots):
    "Check one page; return (problems, notes)"
    problems, notes = [], []
    url = base + name
    try:
        with urlopen(url, timeout=10) as r: status, _ = r.status, r.read()
    except Exception as e: return [f'not served: {e}'], notes
    if status != 200: return [f'HTTP {status}'], notes
    d.get_log('browser')  # drop what earlier pages logged
    d.get(url)
    t = time.time()
    while d.execute_script('return document.readyState') != 'complete' and time.time() - t < 20: time.sleep(0.1)
    if not d.title.strip(): problems.append('page has no title')
    # images: wait up to 15 s for them to finish, then every one must have pixels
    imgs = d.execute_script(IMG_JS)
    while any(not i['complete'] for i in imgs) and time.time() - t < 15:
        time.sleep(0.2); imgs = d.execute_script(IMG_JS)
    bad = [i['src'] for i in imgs if not i['w']]
    if bad: problems.append(f'{len(bad)} of {len(imgs)} image(s) did not load: ' + ', '.join(bad[:3]))
    notes.append(f'{len(imgs)} img')
    # the sidebar lists every page
    bar = d.execute_script(SIDEBAR_JS)
    if bar is None: problems.append('no sidebar')
    else:
        listed = {local_file(site, base, site_url, h) for h in bar}
        missing = [p for p in expected if site/p not in listed]
        if missing: problems.append('sidebar lacks ' + ', '.join(missing))
    # same-site links resolve to files
    broken = set()
    for kind, raw, absolute in d.execute_script(LINKS_JS):
        if not absolute or absolute.startswith(('data:', 'javascript:', 'mailto:', 'blob:')): continue
        f = local_file(site, base, site_url, absolute)
        if f is not None and not f.is_file(): broken.add(f'{kind} {raw}')
    if broken: problems.append(f'{len(broken)} broken same-site link(s): ' + ', '.join(sorted(broken)[:5]))
    # errors the browser logged (failed loads, script errors)
    errs, offsite = [], set()
    for e in d.get_log('browser'):
        if e.get('level') != 'SEVERE': continue
        m = e['message']
        if 'Failed to load resource' in m and not m.startswith(base): offsite.add(urlsplit(m.split()[0]).netloc or m[:60])
        elif not m.startswith(base + 'favicon.ico'): errs.append(m)  # browsers ask for /favicon.ico by themselves
    if errs: problems.append(f'{len(errs)} browser error(s): ' + ' | '.join(errs[:3]))
    if offsite: notes.append('offline, not loaded from ' + ' '.join(sorted(offsite)))
    shots.mkdir(parents=True, exist_ok=True)
    shot = shots/(name.replace('/', '__').removesuffix('.html') + '.png')
    try: screenshot(d, shot); notes.append(f'screenshot {shot.relative_to(ROOT) if shot.is_relative_to(ROOT) else shot}')
    except Exception as e: problems.append(f'screenshot failed: {e}')
    # raw markup in what a reader sees. Inline code in prose (`#| export` in a sentence about directives) is the
    # author's own text, so it is left out: this removes it from the page, after the screenshot
    text = d.execute_script(VISIBLE_TEXT_JS)
    for s in RAW_MARKUP:
        i = text.find(s)
        if i >= 0:
            ctx = text[max(0, i-40):i+60].replace('\n', ' | ')
            problems.append(f'visible raw text {s!r} ({text.count(s)}x), e.g. ...{ctx}...')
    return problems, notes


# ------------------------------------------------------------------ the "Try it" page

MEASURED = []  # the pre-processing agreement of each drawing: written to --shots/try_it.json (and to --record)
SAME_PNG = {}  # the largest difference of try_it.js and mnist_image on the same PNG, of 255
NOT_DIGITS = {}  # what each model of the page reads for each drawing of `TEST_NOT_DIGITS`, and whether it flags it
LAYOUTS = [('desktop', 1280, 900, False), ('phone', 390, 844, True)]  # name, width, height, touch
LAYOUT_HEIGHT = {touch: h for _, _, h, touch in LAYOUTS}


def wait_for(d, js, timeout=60, what='the page'):
    t = time.time()
    while time.time() - t < timeout:
        v = d.execute_script(js)
        if v: return v
        time.sleep(0.1)
    raise TimeoutError(f'{what}: not ready after {timeout} s')


def draw(d, strokes, touch):
    "Draw `strokes` (canvas pixels) on the page's canvas with CDP pointer input: a mouse, or a finger"
    # clear of the fixed navbar; 'instant', since Bootstrap's smooth scrolling would move the canvas under the strokes
    d.execute_script("document.querySelector('.try-it-canvas').scrollIntoView({block: 'center', behavior: 'instant'});")
    wait_for(d, "const r = document.querySelector('.try-it-canvas').getBoundingClientRect(), y = r.top; "
                "return new Promise(ok => requestAnimationFrame(() => ok(document.querySelector('.try-it-canvas')"
                ".getBoundingClientRect().top === y)));", 10, 'the canvas to stop scrolling')
    r = d.execute_script("const c = document.querySelector('.try-it-canvas'), r = c.getBoundingClientRect(); "
                         "return [r.left + c.clientLeft, r.top + c.clientTop, c.clientWidth, c.clientHeight, window.tryIt.SIZE];")
    left, top, w, h, size = r
    def at(p): return left + p[0] * w / size, top + p[1] * h / size
    for s in strokes:
        pts = [s[0]]
        for a, b in zip(s, s[1:]):  # a move every 4 canvas pixels, as a hand gives
            n = max(1, int(max(abs(b[0]-a[0]), abs(b[1]-a[1])) / 4))
            pts += [(a[0] + (b[0]-a[0]) * i / n, a[1] + (b[1]-a[1]) * i / n) for i in range(1, n + 1)]
        xy = [at(p) for p in pts]
        if touch:
            d.execute_cdp_cmd('Input.dispatchTouchEvent', {'type': 'touchStart', 'touchPoints': [{'x': xy[0][0], 'y': xy[0][1]}]})
            for x, y in xy[1:]: d.execute_cdp_cmd('Input.dispatchTouchEvent', {'type': 'touchMove', 'touchPoints': [{'x': x, 'y': y}]})
            d.execute_cdp_cmd('Input.dispatchTouchEvent', {'type': 'touchEnd', 'touchPoints': []})
        else:
            ev = dict(button='left', clickCount=1)
            d.execute_cdp_cmd('Input.dispatchMouseEvent', {'type': 'mouseMoved', 'x': xy[0][0], 'y': xy[0][1]})
            d.execute_cdp_cmd('Input.dispatchMouseEvent', {'type': 'mousePressed', 'x': xy[0][0], 'y': xy[0][1], **ev, 'buttons': 1})
            for x, y in xy[1:]: d.execute_cdp_cmd('Input.dispatchMouseEvent', {'type': 'mouseMoved', 'x': x, 'y': y, 'button': 'left', 'buttons': 1})
            d.execute_cdp_cmd('Input.dispatchMouseEvent', {'type': 'mouseReleased', 'x': xy[-1][0], 'y': xy[-1][1], **ev, 'buttons': 0})


def shot_try_it(d, path, w, touch):
    "A screenshot from the top of the page to the end of the Try it widget, in a viewport as tall as that"
    import base64
    d.execute_script('window.scrollTo(0, 0);')
    h = int(d.execute_script("return document.querySelector('#try-it').getBoundingClientRect().bottom + window.scrollY;")) + 16
    d.execute_cdp_cmd('Emulation.setDeviceMetricsOverride', {'width': w, 'height': h, 'deviceScaleFactor': 1, 'mobile': touch})
    try:
        time.sleep(0.3)
        shot = d.execute_cdp_cmd('Page.captureScreenshot', {'format': 'png'})
        path.write_bytes(base64.b64decode(shot['data']))
    finally: d.execute_cdp_cmd('Emulation.setDeviceMetricsOverride', {'width': w, 'height': LAYOUT_HEIGHT[touch], 'deviceScaleFactor': 1, 'mobile': touch})


READ_HEAD = "const s = window.tryIt.state, el = [...document.querySelectorAll('.try-it-model')];"
READ_BODY = """return {x28: s.x28, models: el.map(e => [e.dataset.model, e.dataset.digit, JSON.parse(e.dataset.probs),
            e.querySelector('.try-it-digit').textContent, e.dataset.notADigit === 'true'])};"""
READ_JS = READ_HEAD + READ_BODY  # the page's 28x28 image; per model its name, digit, probabilities, digit shown, flag


def check_try_it(d, base, shots):
    "Draw on the Try it page and check what it shows; return (problems, notes)"
    import base64, io
    import numpy as np
    sys.path.insert(0, str(ROOT))
    from mnist_nb.try_it import TEST_STROKES, TEST_NOT_DIGITS, PREP_TOL, stroke_image
    from mnist_nb.pictures import mnist_image
    from PIL import Image
    problems, notes = [], []
    # models trained for one epoch (build_docs.py --quick-models) are not asked to flag a doodle: that is the models' job
    quick = json.loads(urlopen(base + 'try_it/models.json').read()).get('quick', False)
    try:
        for name, w, h, touch in LAYOUTS:
            d.execute_cdp_cmd('Emulation.setDeviceMetricsOverride', {'width': w, 'height': h, 'deviceScaleFactor': 1, 'mobile': touch})
            d.execute_cdp_cmd('Emulation.setTouchEmulationEnabled', {'enabled': touch, **({'maxTouchPoints': 1} if touch else {})})
            d.get(base + 'try_it.html')
            t = time.time()
            err = wait_for(d, "return window.tryIt && (window.tryIt.state.ready || window.tryIt.state.error || null) && "
                              "(window.tryIt.state.error || 'ok')", 90, 'the Try it models')
            if err != 'ok': problems.append(f'{name}: the models did not load: {err}'); continue
            notes.append(f'{name}: models ready in {time.time()-t:.1f} s')
            for digit, strokes in TEST_STROKES.items():
                d.execute_script('window.tryIt.clear();')
                wait_for(d, "return window.tryIt.state.x28 && window.tryIt.state.x28.every(v => v === 0) && "
                            "Object.values(window.tryIt.state.results).every(r => r === null);", 20, 'clearing')
                draw(d, strokes, touch)
                n = len(strokes) and d.execute_script("return window.tryIt.state.runs;")
                # the last prediction is of the finished drawing: the stroke count matches and nothing is pending
                wait_for(d, READ_HEAD + f"if (window.tryIt.strokes.length !== {len(strokes)} || !el.length || "
                            "el.some(e => !e.dataset.probs)) return null; " + READ_BODY, 20, f'the predictions for {digit}')
                time.sleep(0.5)  # let a last scheduled update finish, then read again
                res = d.execute_script(READ_JS)
                got = d.execute_script('return window.tryIt.strokes;')  # where the page put the pointer, in canvas pixels
                off = max(abs(a - b) for s, g in zip(strokes, got) for i in (0, -1) for a, b in zip(s[i], g[i]))
                notes.append(f'{name} "{digit}": stroke ends land within {off:.2f} canvas pixels of where they were drawn')
                if off > 1: problems.append(f'{name} "{digit}": the page puts the stroke ends up to {off:.1f} canvas pixels off')
                for model, shown, probs, text, odd in res['models']:
                    if odd: problems.append(f'{name}: {model} flags the drawn {digit} as not a digit')
                    top = max(range(10), key=lambda i: probs[i])
                    if shown != digit or text != digit: problems.append(f'{name}: {model} reads {text!r} for a {digit}')
                    if str(top) != shown: problems.append(f'{name}: {model} shows {shown} but its top probability is {top}')
                    if abs(sum(probs) - 1) > 1e-4: problems.append(f'{name}: {model} probabilities sum to {sum(probs):.6f}')
                    notes.append(f'{name} "{digit}": {model} reads {text} (p={probs[top]:.3f}, sum {sum(probs):.6f})')
                page = np.array(res['x28'], dtype=np.float64).reshape(28, 28) / 255
                py = np.asarray(mnist_image(stroke_image(strokes)), dtype=np.float64) / 255
                dmax, dmean = np.abs(page - py).max(), np.abs(page - py).mean()
                notes.append(f'{name} "{digit}": page vs mnist_image on the same strokes: max {dmax:.4f}, mean {dmean:.4f}')
                MEASURED.append(dict(layout=name, digit=digit, stroke_end_px=round(float(off), 2), max_abs_diff=round(float(dmax), 4), mean_abs_diff=round(float(dmean), 5),
                                     **{k: v for m, shown, probs, *_ in res['models'] for k, v in ((m, shown), (f'{m}_prob', round(max(probs), 4)))}))
                if dmax > PREP_TOL['max'] or dmean > PREP_TOL['mean']:
                    problems.append(f'{name} "{digit}": pre-processing differs from mnist_image: max {dmax:.4f} '
                                    f'(<= {PREP_TOL["max"]}), mean {dmean:.4f} (<= {PREP_TOL["mean"]})')
                shot = shots/f'try_it_{name}_{digit}.png'
                shot_try_it(d, shot, w, touch); notes.append(f'screenshot {shot.relative_to(ROOT) if shot.is_relative_to(ROOT) else shot}')
            if name == 'desktop':  # Bootstrap's dark theme: the page redraws the last digit light on dark and reads it the same
                runs = d.execute_script("const n = window.tryIt.state.runs; document.documentElement.dataset.bsTheme = 'dark'; return n;")
                wait_for(d, f"return window.tryIt.state.runs > {runs};", 20, 'the prediction in the dark theme')
                time.sleep(0.5)
                dark = d.execute_script(READ_JS)
                for model, shown, probs, text, odd in dark['models']:
                    if text != digit: problems.append(f'{name}, dark theme: {model} reads {text!r} for a {digit}')
                dd = int(np.abs(np.array(dark['x28']) - np.array(res['x28'])).max())  # anti-aliasing rounds either way
                if dd > 2: problems.append(f'{name}, dark theme: the 28x28 image differs from the light theme\'s by up to {dd} of 255')
                shot = shots/f'try_it_{name}_dark_{digit}.png'
                shot_try_it(d, shot, w, touch); notes.append(f'dark theme: reads {digit}, 28x28 image within {dd} of 255 of the light one; screenshot {shot.name}')
                d.execute_script("delete document.documentElement.dataset.bsTheme;")
                for what, strokes in TEST_NOT_DIGITS.items():  # a drawing that is no digit: the page says so
                    d.execute_script('window.tryIt.clear();')
                    wait_for(d, "return Object.values(window.tryIt.state.results).every(r => r === null);", 20, 'clearing')
                    draw(d, strokes, touch)
                    wait_for(d, READ_HEAD + f"if (window.tryIt.strokes.length !== {len(strokes)} || "
                                "el.some(e => !e.dataset.probs)) return null; " + READ_BODY, 20, f'the predictions for the {what}')
                    time.sleep(0.5)
                    flags = {m: (text, odd) for m, shown, probs, text, odd in d.execute_script(READ_JS)['models']}
                    NOT_DIGITS[what] = flags
                    if not any(odd for _, odd in flags.values()):
                        if quick: notes.append(f'{name}: no one-epoch model flags the {what} (not asked of them)')
                        else: problems.append(f'{name}: no model flags the {what}')
                    shot = shots/f'try_it_{name}_{what}.png'
                    shot_try_it(d, shot, w, touch)
                    notes.append(f'{what}: ' + ', '.join(f"{m} reads {t}{', not a digit?' if o else ''}" for m, (t, o) in flags.items())
                                 + f'; screenshot {shot.name}')
        # the same PNG through the page's JavaScript and through mnist_image: identical. Each drawing also in faint
        # grey ink (darkest 153 of 255), so that the contrast stretch is checked too, not only black strokes
        worst, n = 0, 0
        for digit, strokes in TEST_STROKES.items():
            black = stroke_image(strokes)
            for im in (black, Image.eval(black, lambda v: 255 - (255 - v) * 2 // 5)):
                buf = io.BytesIO(); im.save(buf, 'PNG')
                url = 'data:image/png;base64,' + base64.b64encode(buf.getvalue()).decode()
                js = np.array(d.execute_async_script("const done = arguments[arguments.length - 1]; "
                                                     "window.tryIt.preprocessUrl(arguments[0]).then(done, e => done(String(e)));", url))
                if js.dtype.kind not in 'iuf': problems.append(f'preprocessUrl failed: {js}'); continue
                worst = max(worst, int(np.abs(js.reshape(28, 28) - np.asarray(mnist_image(im), dtype=np.int64)).max())); n += 1
        SAME_PNG.update(max_diff_of_255=worst, pngs=n)
        notes.append(f'the same PNG through try_it.js and mnist_image ({n} PNGs, black and faint ink): largest difference {worst} of 255')
        if worst: problems.append(f'try_it.js and mnist_image differ on the same PNG by up to {worst} of 255')
    finally:
        d.execute_cdp_cmd('Emulation.clearDeviceMetricsOverride', {})
        d.execute_cdp_cmd('Emulation.setTouchEmulationEnabled', {'enabled': False})
    return problems, notes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--site', default=str(ROOT/'_docs'), help='the built site (default _docs)')
    ap.add_argument('--shots', default=str(ROOT/'_docs_check'), help='folder for the screenshots (default _docs_check)')
    ap.add_argument('--nbs', default=str(ROOT/'nbs'), help='the notebooks folder, with sidebar.yml')
    ap.add_argument('--no-try-it', dest='try_it', action='store_false',
                    help='skip drawing on the Try it page (the page is still loaded and checked like every other)')
    ap.add_argument('--record', action='store_true',
                    help='also write the Try it measurements to nbs/try_it/measured.json, which the Try it chapter shows')
    a = ap.parse_args()
    site, shots, nbs = Path(a.site).resolve(), Path(a.shots).resolve(), Path(a.nbs).resolve()
    if not (site/'site_libs').is_dir() and not any(site.glob('*.html')):
        sys.exit(f'check_site: no built site in {site}: run tools/build_docs.py first')
    pages, skipped = sidebar_pages(nbs)
    if skipped: print(f'check_site: not checked, no notebook yet: {", ".join(skipped)}')
    try:
        from nbdev.config import get_config
        cfg = get_config(path=ROOT)
        site_url = (cfg.doc_host + cfg.doc_baseurl).rstrip('/')
    except Exception: site_url = None
    shutil.rmtree(shots, ignore_errors=True)
    srv, base = serve(site)
    profile = tempfile.mkdtemp(prefix='check_site-chromium-')
    passed = failed = 0
    d = None
    try:
        d = browser(profile)
        for name in pages:
            try: problems, notes = check_page(d, site, base, site_url, name, pages, shots)
            except Exception as e: problems, notes = [f'{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ""}'], []
            if name == 'try_it.html' and not problems and not a.try_it:
                notes.append('drawing check not run (--no-try-it)')
            if name == 'try_it.html' and not problems and a.try_it:
                t = time.time()
                try: problems, more = check_try_it(d, base, shots)
                except Exception as e: problems, more = [f'Try it: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ""}'], []
                notes += more + [f'Try it checks in {time.time()-t:.1f} s']
            if problems:
                failed += 1
                print(f'FAIL {name}')
                for p in problems: print(f'     {p}')
            else:
                passed += 1
                print(f'PASS {name} ({", ".join(notes)})' if len(notes) < 6 else f'PASS {name}\n     ' + '\n     '.join(notes))
    finally:
        if d is not None: d.quit()
        srv.shutdown()
        shutil.rmtree(profile, ignore_errors=True)
    if not pages:
        print('check_site: the sidebar lists no page that exists'); failed += 1
    if MEASURED:
        import json, subprocess
        try: version = subprocess.run([browser_binary(), '--version'], capture_output=True, text=True).stdout.strip()
        except Exception: version = 'chromium'
        rec = json.dumps(dict(browser=version, same_png=SAME_PNG, drawings=MEASURED, not_digits=NOT_DIGITS), indent=1) + '\n'
        (shots/'try_it.json').write_text(rec)
        if a.record: (nbs/'try_it'/'measured.json').write_text(rec); print(f'check_site: wrote {nbs.name}/try_it/measured.json')
    print(f'{passed} passed, {failed} failed')
    sys.exit(1 if failed else 0)


if __name__ == '__main__': main()
