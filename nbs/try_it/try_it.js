// mnist_nb "Try it": draw a digit, pre-process it as `mnist_nb.evaluate.mnist_image` does, run the site's models
// (ONNX files, onnxruntime-web, single-threaded WebAssembly) and show their ten probabilities.
// The build copies this file, the models (models.json, *.onnx) and onnxruntime-web into try_it/ of the site.
(function () {
  'use strict';
  const BASE = new URL('.', document.currentScript.src).href;  // the site's try_it/ folder
  const SIZE = 280, WIDTH = 22;  // canvas pixels and stroke width: mnist_nb.try_it.CANVAS and STROKE
  const MIN_CONTRAST = 32;  // mnist_nb.evaluate.MIN_CONTRAST

  // ------------------------------------------------------------------ mnist_image, step by step
  // PIL's resize with LANCZOS (libImaging/Resample.c): two separable passes in 8-bit fixed point
  const PRECISION_BITS = 32 - 8 - 2;
  function sinc(x) { if (x === 0) return 1; x *= Math.PI; return Math.sin(x) / x; }
  function lanczos(x) { return (-3 <= x && x < 3) ? sinc(x) * sinc(x / 3) : 0; }
  function coeffs(inSize, in0, in1, outSize) {  // precompute_coeffs: the box edges in0, in1 are C floats
    in0 = Math.fround(in0); in1 = Math.fround(in1);
    const scale = Math.fround(in1 - in0) / outSize, fscale = Math.max(scale, 1), support = 3 * fscale, ss = 1 / fscale;
    const out = [];
    for (let xx = 0; xx < outSize; xx++) {
      const center = in0 + (xx + 0.5) * scale;
      let xmin = Math.trunc(center - support + 0.5); if (xmin < 0) xmin = 0;
      let xmax = Math.trunc(center + support + 0.5); if (xmax > inSize) xmax = inSize;
      xmax -= xmin;
      const k = []; let ww = 0;
      for (let x = 0; x < xmax; x++) { const w = lanczos((x + xmin - center + 0.5) * ss); k.push(w); ww += w; }
      const ki = k.map(w => { w = ww !== 0 ? w / ww : w; return w < 0 ? Math.trunc(-0.5 + w * (1 << PRECISION_BITS)) : Math.trunc(0.5 + w * (1 << PRECISION_BITS)); });
      out.push([xmin, ki]);
    }
    return out;
  }
  function clip8(ss) { return ss >= 2 ** (PRECISION_BITS + 8) ? 255 : ss <= 0 ? 0 : Math.floor(ss / 2 ** PRECISION_BITS); }
  function resize(src, w, h, nw, nh, box) {  // Image.resize((nw, nh), LANCZOS, box): uint8 values, row-major
    const cx = coeffs(w, box[0], box[2], nw), cy = coeffs(h, box[1], box[3], nh);
    const tmp = new Uint8Array(nw * h), out = new Uint8Array(nw * nh);
    for (let y = 0; y < h; y++) for (let x = 0; x < nw; x++) {  // horizontal pass first, as PIL does
      const [x0, k] = cx[x]; let ss = 1 << (PRECISION_BITS - 1);
      for (let i = 0; i < k.length; i++) ss += src[y * w + x0 + i] * k[i];
      tmp[y * nw + x] = clip8(ss);
    }
    for (let y = 0; y < nh; y++) for (let x = 0; x < nw; x++) {
      const [y0, k] = cy[y]; let ss = 1 << (PRECISION_BITS - 1);
      for (let i = 0; i < k.length; i++) ss += tmp[(y0 + i) * nw + x] * k[i];
      out[y * nw + x] = clip8(ss);
    }
    return out;
  }
  function median(v) {
    const s = Float64Array.from(v).sort(), n = s.length;
    return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
  // RGBA pixels (an ImageData) -> 784 values 0..255, light digit on dark, as mnist_image returns them
  function preprocess(img) {
    const { width: W, height: H, data } = img;
    let a = new Float32Array(W * H);
    for (let i = 0; i < W * H; i++)  // PIL's convert('L'): ITU-R 601-2 luma in 16-bit fixed point
      a[i] = (data[4 * i] * 19595 + data[4 * i + 1] * 38470 + data[4 * i + 2] * 7471 + 0x8000) >> 16;
    const border = [];
    for (let x = 0; x < W; x++) border.push(a[x]);
    for (let x = 0; x < W; x++) border.push(a[(H - 1) * W + x]);
    for (let y = 0; y < H; y++) border.push(a[y * W]);
    for (let y = 0; y < H; y++) border.push(a[y * W + W - 1]);
    const mb = median(border);
    if (mb > 127) a = a.map(v => 255 - v);  // dark ink on light paper: invert
    const bg = mb <= 127 ? mb : median(border.map(v => 255 - v));
    let amax = 0;
    for (let i = 0; i < a.length; i++) { a[i] = Math.min(255, Math.max(0, a[i] - bg)); amax = Math.max(amax, a[i]); }
    if (amax < MIN_CONTRAST) return new Uint8Array(784);  // nothing above the background: no digit
    const thr = Math.fround(Math.fround(0.1) * amax);
    let y0 = H, y1 = -1, x0 = W, x1 = -1;
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (a[y * W + x] > thr) {
      y0 = Math.min(y0, y); y1 = Math.max(y1, y); x0 = Math.min(x0, x); x1 = Math.max(x1, x);
    }
    const h = y1 - y0 + 1, w = x1 - x0 + 1, s = 20 / Math.max(h, w);  // the bounding box, and the scale into 20x20
    const p = Math.ceil(15 / s) + 1, bw = w + 2 * p, bh = h + 2 * p, big = new Uint8Array(bw * bh);  // zeros around it
    let sum = 0, sy = 0, sx = 0, m = 0;
    const rows = new Float64Array(h), cols = new Float64Array(w);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) m = Math.max(m, Math.trunc(a[(y0 + y) * W + x0 + x]));
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      let v = Math.trunc(a[(y0 + y) * W + x0 + x]);
      if (m !== 255) v = Math.floor((v * 255 + Math.floor(m / 2)) / m);  // full contrast, in integers, as mnist_image's _stretch
      big[(p + y) * bw + p + x] = v; rows[y] += v; cols[x] += v;
    }
    for (let y = 0; y < h; y++) { sum += rows[y]; sy += rows[y] * (y + 0.5); }
    for (let x = 0; x < w; x++) sx += cols[x] * (x + 0.5);
    const cy = sy / sum, cx = sx / sum;  // the centre of mass, in pixels of the box
    const bx = p + cx - 14.5 / s, by = p + cy - 14.5 / s;  // the 28x28 field: centre of mass on pixel (14, 14)
    return resize(big, bw, bh, 28, 28, [bx, by, bx + 28 / s, by + 28 / s]);
  }

  // ------------------------------------------------------------------ the page
  const root = document.getElementById('try-it');
  if (!root) return;
  const canvas = root.querySelector('.try-it-canvas'), ctx = canvas.getContext('2d', { willReadFrequently: true });
  const seen = root.querySelector('.try-it-seen canvas'), seenCtx = seen.getContext('2d');
  const cursor = root.querySelector('.try-it-cursor');
  const status = root.querySelector('.try-it-status'), panels = root.querySelector('.try-it-models');
  const strokes = [];
  let models = [], drawing = null, pending = false, running = false;
  const state = { ready: false, error: null, x28: null, results: {}, novelty: {}, runs: 0 };

  function dark() {  // from the page's own background, whatever sets it (a dark theme, the reader's toggle)
    const m = getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g);
    if (!m) return false;
    const [r, g, b] = m.map(Number);
    return (0.299 * r + 0.587 * g + 0.114 * b) < 128 && (m.length < 4 || Number(m[3]) > 0);
  }
  function render() {
    const d = dark();
    ctx.fillStyle = d ? '#000' : '#fff'; ctx.fillRect(0, 0, SIZE, SIZE);
    ctx.strokeStyle = ctx.fillStyle = d ? '#fff' : '#000';
    ctx.lineWidth = WIDTH; ctx.lineCap = 'round'; ctx.lineJoin = 'round';
    for (const s of strokes) {
      if (s.length === 1) { ctx.beginPath(); ctx.arc(s[0][0], s[0][1], WIDTH / 2, 0, 2 * Math.PI); ctx.fill(); continue; }
      ctx.beginPath(); ctx.moveTo(s[0][0], s[0][1]);
      for (let i = 1; i < s.length; i++) ctx.lineTo(s[i][0], s[i][1]);
      ctx.stroke();
    }
  }
  function showSeen(x28) {
    const im = seenCtx.createImageData(28, 28);
    for (let i = 0; i < 784; i++) { im.data[4 * i] = im.data[4 * i + 1] = im.data[4 * i + 2] = x28[i]; im.data[4 * i + 3] = 255; }
    seenCtx.putImageData(im, 0, 0);
  }
  function update() {  // render, pre-process and predict; at most one prediction at a time, the latest drawing wins
    render();
    if (running) { pending = true; return; }
    const x28 = preprocess(ctx.getImageData(0, 0, SIZE, SIZE));
    state.x28 = Array.from(x28);
    showSeen(x28);
    if (!state.ready) return;
    running = true;
    predict(x28).catch(fail).finally(() => { running = false; if (pending) { pending = false; update(); } });
  }
  async function predict(x28) {
    const empty = !strokes.length;
    const x = new ort.Tensor('float32', Float32Array.from(x28, v => v / 255), [1, 1, 28, 28]);
    for (const m of models) {
      const r = await m.session.run({ [m.session.inputNames[0]]: x });
      const p = Array.from(r.probs.data);
      const d = r.novelty ? r.novelty.data[0] : null;  // the model's "not a digit?" check, if it has one
      const odd = !empty && d !== null && m.threshold !== null && d > m.threshold;
      state.results[m.name] = empty ? null : p;
      state.novelty[m.name] = empty ? null : d;
      show(m, empty ? null : p, odd);
    }
    state.runs++;
    status.textContent = empty ? 'Draw a digit in the box.' : 'Predictions for your drawing.';
  }
  function show(m, p, odd) {
    const best = p ? p.indexOf(Math.max(...p)) : -1;
    m.el.querySelector('.try-it-digit').textContent = p ? String(best) : '–';
    m.el.querySelector('.try-it-conf').textContent = p ? `probability ${p[best].toFixed(3)}` : '';
    m.el.querySelector('.try-it-note').textContent = odd ? 'not a digit? This looks like none of the digits the model learnt.' : '';
    m.el.dataset.notADigit = odd ? 'true' : 'false';
    m.el.dataset.digit = p ? String(best) : '';
    m.el.dataset.probs = p ? JSON.stringify(p) : '';
    m.bars.forEach((b, i) => {
      const v = p ? p[i] : 0;
      b.fill.style.width = `${(100 * v).toFixed(1)}%`;
      b.value.textContent = p ? v.toFixed(3) : '';
      b.row.classList.toggle('try-it-best', i === best);
    });
  }
  function panel(m) {
    const el = document.createElement('section');
    el.className = 'try-it-model'; el.dataset.model = m.name;
    const h = document.createElement('h3'); h.textContent = m.title; el.append(h);
    const info = document.createElement('p'); info.className = 'try-it-info';
    info.textContent = `${m.description} Test accuracy ${(100 * m.test_acc).toFixed(2)}% on the 10,000 test images.`;
    el.append(info);
    const pred = document.createElement('p'); pred.className = 'try-it-pred';
    pred.innerHTML = 'reads <span class="try-it-digit">–</span> <span class="try-it-conf"></span>';
    const note = document.createElement('p'); note.className = 'try-it-note'; note.setAttribute('aria-live', 'polite');
    el.append(pred, note);
    const bars = document.createElement('div'); bars.className = 'try-it-bars';
    bars.setAttribute('role', 'group'); bars.setAttribute('aria-label', `${m.title}: probability of each digit`);
    m.bars = [];
    for (let i = 0; i < 10; i++) {
      const row = document.createElement('div'); row.className = 'try-it-bar';
      const lab = document.createElement('span'); lab.className = 'try-it-label'; lab.textContent = i;
      const track = document.createElement('span'); track.className = 'try-it-track';
      const fill = document.createElement('span'); fill.className = 'try-it-fill'; track.append(fill);
      const value = document.createElement('span'); value.className = 'try-it-value';
      row.append(lab, track, value); bars.append(row);
      m.bars.push({ row, fill, value });
    }
    el.append(bars);
    m.el = el;
    panels.append(el);
  }
  function fail(e) {
    state.error = String(e && e.message || e);
    status.textContent = `The models could not run: ${state.error}`;
    console.error('try_it:', e);
  }

  // drawing: pointer events cover mouse, pen and touch
  function point(e) {
    const r = canvas.getBoundingClientRect();  // the drawing is the content box: inside the border
    return [(e.clientX - r.left - canvas.clientLeft) * SIZE / canvas.clientWidth,
            (e.clientY - r.top - canvas.clientTop) * SIZE / canvas.clientHeight];
  }
  let frame = 0;
  function schedule() { if (!frame) frame = requestAnimationFrame(() => { frame = 0; update(); }); }
  canvas.addEventListener('pointerdown', e => {
    if (e.button !== 0 && e.pointerType === 'mouse') return;
    e.preventDefault(); canvas.setPointerCapture(e.pointerId);
    drawing = [point(e)]; strokes.push(drawing); schedule();
  });
  canvas.addEventListener('pointermove', e => {
    if (!drawing) return;
    for (const c of (e.getCoalescedEvents ? e.getCoalescedEvents() : [e])) drawing.push(point(c.clientX !== undefined ? c : e));
    schedule();
  });
  for (const t of ['pointerup', 'pointercancel']) canvas.addEventListener(t, () => { if (drawing) { drawing = null; schedule(); } });
  function clear() { strokes.length = 0; drawing = null; pen.down = false; schedule(); }
  root.querySelector('.try-it-clear').addEventListener('click', () => { clear(); canvas.focus(); });

  // the keyboard: arrows move a pen, Space or Enter lifts and lowers it, Escape or Delete clears
  const pen = { x: SIZE / 2, y: SIZE / 2, down: false };
  function showCursor() {
    cursor.style.left = `${100 * pen.x / SIZE}%`; cursor.style.top = `${100 * pen.y / SIZE}%`;
    cursor.classList.toggle('try-it-pen-down', pen.down);
  }
  canvas.addEventListener('keydown', e => {
    const step = e.shiftKey ? 28 : 7, moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[e.key]) {
      pen.x = Math.min(SIZE - 1, Math.max(0, pen.x + moves[e.key][0])); pen.y = Math.min(SIZE - 1, Math.max(0, pen.y + moves[e.key][1]));
      if (pen.down) { strokes[strokes.length - 1].push([pen.x, pen.y]); schedule(); }
    } else if (e.key === ' ' || e.key === 'Enter') {
      pen.down = !pen.down;
      if (pen.down) { strokes.push([[pen.x, pen.y]]); schedule(); }
    } else if (e.key === 'Escape' || e.key === 'Delete' || e.key === 'Backspace') clear();
    else return;
    e.preventDefault(); showCursor();
  });
  canvas.addEventListener('focus', showCursor);

  // follow the theme: redraw when the page's colours change
  new MutationObserver(() => schedule()).observe(document.documentElement, { attributes: true, subtree: false });
  new MutationObserver(() => schedule()).observe(document.body, { attributes: true, subtree: false });
  if (window.matchMedia) matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => schedule());

  // the models
  async function load() {
    if (typeof ort === 'undefined') throw new Error('onnxruntime-web did not load');
    ort.env.wasm.numThreads = 1;  // no cross-origin isolation needed
    ort.env.wasm.wasmPaths = BASE + 'ort/';
    const info = await (await fetch(BASE + 'models.json')).json();
    for (const m of info.models) {
      m.session = await ort.InferenceSession.create(BASE + m.file, { executionProviders: ['wasm'] });
      panel(m); models.push(m);
    }
    state.ready = true;
    status.textContent = 'Draw a digit in the box.';
    update();
  }
  window.tryIt = { preprocess, state, strokes, update, clear, SIZE, WIDTH,
                   preprocessUrl: async url => {  // the pre-processing of an image file, for tests
                     const im = new Image(); im.src = url; await im.decode();
                     const c = document.createElement('canvas'); c.width = im.width; c.height = im.height;
                     const g = c.getContext('2d'); g.drawImage(im, 0, 0);
                     return Array.from(preprocess(g.getImageData(0, 0, im.width, im.height)));
                   } };
  render(); update();
  load().catch(fail);
})();
