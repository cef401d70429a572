"""The checks that need a CUDA GPU, in one prepared run (results under OUTDIR).

    MNIST_IDX_PATH=<folder of the four IDX files> python tools/gpu_checks.py OUTDIR [--smoke]

1. `cuda.json`: the GPU, torch, and whether TF32 is really on (a matrix product's error against float64, TF32 on and off).
2. `benchmark_cuda.json`: `mnist_nb.benchmark` on CUDA , bs 64, 256 and 1024, one round.
   It runs alone, before anything else, so nothing shares the GPU or the CPU with it.
3. `recipe_cuda.jsonl`: the blog's exact recipe on CUDA with TF32 off and on, from our start and from the blog's
   (`reproduction_study.recipe_run`), several seeds each (the reproduction issue).
4. `trials_cuda.jsonl` and `trial_probs.pt`: CNN trials (`tools/cnn_trials.py`) on the validation split, scored also on
   shifted validation images, to choose which levers to measure on the CPU (the accuracy issue).
Steps 3 and 4 share a pool of processes; each result is written as it arrives, so a run cut short keeps what it did.
`python tools/gpu_checks.py --summarise OUTDIR` then scores each lever's seeds as one ensemble (`trial_ensembles.json`).
`--smoke` runs everything tiny, on the CPU if there is no GPU, to test this script before a lease.

The run of 2026-11-28 on an NVIDIA H200 stopped at its deadline after 17 of the recipe runs. The last minutes of the
lease went to a second, shorter run, whose rows were appended to `recipe_cuda.jsonl` (it printed nothing; it was cut
off by its 200 s limit, after seeds 5-19 of the first three arms):

    python3 -c "from mnist_nb.reproduction_study import sweep; sweep(arms=('fp32', 'tf32 (round)', \"blog's start, fp32\",
                \"blog's start, tf32 (round)\"), seeds=range(5, 20), cache='$OUT/recipe_cuda2.jsonl', workers=15)"
"""
import json, os, sys, time
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))

T0 = time.time()
SHIFTED = Path('/tmp/mnist_nb_shifted_valid.pt')  # big: kept out of OUTDIR
def log(*a): print(f'[{time.time() - T0:6.1f} s]', *a, flush=True)

SHIFT_NAMES = ('downsampled to 8x8', 'downsampled to 14x14', 'thicker strokes (dilation 3x3)', 'thinner strokes (erosion 3x3)',
               'Gaussian noise, sigma 0.2', 'JPEG, quality 30', 'rotated +20 degrees', 'rotated -20 degrees')
CNN_SMALL = dict(widths=[16, 32, 64, 128], epochs=20, lr=0.01)
LEVERS = {  # name: the `trial` arguments that differ from the models study's cnn_small recipe
    'cnn_small': {},
    'robust': dict(robust=0.5),
    'robust, rot 20': dict(robust=0.5, rot=20),
    'robust, rot 20, ls 0.1': dict(robust=0.5, rot=20, ls=0.1),
    'elastic': dict(elastic_p=0.5),
    'elastic, robust, rot 20': dict(elastic_p=0.5, robust=0.5, rot=20),
    'label smoothing 0.1': dict(ls=0.1),
    '30 epochs': dict(epochs=30),
    'cnn (32-64-128-256)': dict(widths=[32, 64, 128, 256]),
    'cnn, robust, rot 20': dict(widths=[32, 64, 128, 256], robust=0.5, rot=20),
}
RECIPE_ARMS = ('fp32', 'tf32 (round)', "blog's start, fp32", "blog's start, tf32 (round)")  # on CUDA 'tf32' is real TF32

def cuda_facts() -> dict:
    import torch, fastai
    res = dict(date=time.strftime('%Y-%m-%d'), torch=torch.__version__, fastai=fastai.__version__, cuda=torch.cuda.is_available())
    if not torch.cuda.is_available(): return res
    res.update(gpu=torch.cuda.get_device_name(), capability=list(torch.cuda.get_device_capability()), cpus=os.cpu_count())
    g = torch.Generator(device='cuda').manual_seed(0)
    a, b = (torch.randn(1024, 1024, device='cuda', generator=g) for _ in range(2))
    ref = a.double() @ b.double()
    for on in (False, True):
        torch.backends.cuda.matmul.allow_tf32 = on
        res[f'matmul_rel_err_allow_tf32_{on}'] = float((a @ b - ref).norm() / ref.norm())
    torch.backends.cuda.matmul.allow_tf32 = False
    return res

def shifted_valid(n:int) -> dict:
    "The first `n` validation images of `cnn_trials.split`, after each shift and `mnist_image`, as `predict` sees them"
    import torch
    from cnn_trials import training_images, split
    from mnist_nb.pictures import shifted_images
    x, y = training_images()
    va = split()[0][:n]
    return {s: (shifted_images(x[va], s, full_contrast=False), y[va]) for s in SHIFT_NAMES}  # `trial` also scores them stretched

def _recipe(arm, seed, kw):
    import torch, gc
    torch.set_num_threads(1)
    from mnist_nb.reproduction_study import recipe_run
    try: return dict(kind='recipe', **recipe_run(arm, seed, **kw))
    finally: gc.collect()

_DATA = None  # per worker process: the training images and the shifted validation images, read once
def _trial(lever, seed, cfg, shifted_file, device):
    import torch, gc
    torch.set_num_threads(1)
    global _DATA
    from cnn_trials import trial, training_images
    if _DATA is None: _DATA = (*training_images(), torch.load(shifted_file))
    x, y, shifted = _DATA
    try: return dict(kind='trial', lever=lever, **trial(x, y, seed=seed, device=device, shifted=shifted, tag=f'{lever}|{seed}', **cfg))
    finally: gc.collect()

def main(out:Path, smoke:bool=False, deadline:float=480.):
    import torch
    out.mkdir(parents=True, exist_ok=True)
    for f in ('recipe_cuda.jsonl', 'trials_cuda.jsonl'): (out/f).unlink(missing_ok=True)  # results are appended as they arrive
    device = 'cuda' if torch.cuda.is_available() else 'cpu'
    facts = cuda_facts(); log(facts)
    (out/'cuda.json').write_text(json.dumps(facts, indent=1))
    from mnist_nb.mnist_files import mnist_tensors
    t = time.time(); mnist_tensors(); log(f'MNIST ready in {time.time() - t:.1f} s')

    # 2. the benchmark, alone on the machine
    from mnist_nb.benchmark import benchmark, machine, CONFIGS
    t = time.time()
    kw = dict(epochs=2, png_epochs=1, bss=(64,), rounds=1, limit=640) if smoke else dict(epochs=3, png_epochs=2, bss=(64, 256, 1024), rounds=1)
    df = benchmark(names=tuple(CONFIGS), **kw)
    res = dict(machine=machine(), rounds=kw['rounds'], seconds=time.time() - t,
               results=[dict(config=c, bs=int(b), **{k: float(v) for k, v in r.items()}) for (b, c), r in df.iterrows()])
    (out/'benchmark_cuda.json').write_text(json.dumps(res, indent=1))
    log(f'benchmark done in {time.time() - t:.0f} s'); print(df.round(4).to_string(), flush=True)

    # 3 and 4: recipe seeds and CNN trials, in one pool
    n_shift = 200 if smoke else 2000
    t = time.time(); torch.save(shifted_valid(n_shift), SHIFTED); log(f'shifted validation images in {time.time() - t:.0f} s')
    seeds = range(2) if smoke else range(20)
    rkw = dict(epochs=1, limit=640) if smoke else {}
    jobs = [(_recipe, (a, s, rkw)) for s in seeds for a in RECIPE_ARMS]
    tseeds = range(1) if smoke else range(3)
    levers = dict(list(LEVERS.items())[:3]) if smoke else LEVERS
    tjobs = [(_trial, (name, s, {**CNN_SMALL, **cfg, **(dict(epochs=1) if smoke else {})}, str(SHIFTED), device))
             for s in tseeds for name, cfg in levers.items()]
    jobs = tjobs[:len(levers)] + [j for pair in zip(jobs, tjobs[len(levers):] + [None] * len(jobs)) for j in pair if j]
    probs = {}
    with ProcessPoolExecutor(2 if smoke else 14, mp_context=get_context('spawn')) as ex:
        futs = [ex.submit(f, *a) for f, a in jobs]
        try:
            for f in as_completed(futs, timeout=max(10., deadline - (time.time() - T0))):
                r = f.result()
                if r['kind'] == 'trial':
                    probs[r['tag']] = r.pop('probs').half()
                    with open(out/'trials_cuda.jsonl', 'a') as fh: fh.write(json.dumps(r) + '\n')
                    log(f"trial {r['tag']}: valid {r['valid_acc']:.4f}, {r['secs']} s")
                else:
                    with open(out/'recipe_cuda.jsonl', 'a') as fh: fh.write(json.dumps(r) + '\n')
                    log(f"recipe {r['arm']} seed {r['seed']}: {r['acc'][-1]:.4f}")
        except TimeoutError:
            log(f'deadline: {sum(not f.done() for f in futs)} jobs left undone')
            for f in futs: f.cancel()
        finally:
            torch.save(probs, out/'trial_probs.pt')
    log('done')

def summarise(out:Path):
    "Write `trial_ensembles.json`: per lever, the validation accuracy of the averaged probabilities of its seeds (run where the probabilities are)"
    import torch
    from cnn_trials import training_images, split
    y = training_images()[1][split()[0]]
    probs = torch.load(out/'trial_probs.pt')
    rows = [json.loads(l) for l in open(out/'trials_cuda.jsonl')]
    res = {}
    for lever in dict.fromkeys(r['lever'] for r in rows):
        tags = [r['tag'] for r in rows if r['lever'] == lever]
        p = sum(probs[t].float() for t in tags)
        res[lever] = dict(members=len(tags), valid_acc=(p.argmax(1) == y).float().mean().item())
    every = [r['tag'] for r in rows if 'elastic' not in r['lever']]
    res['every trial without elastic distortions'] = dict(members=len(every),
        valid_acc=(sum(probs[t].float() for t in every).argmax(1) == y).float().mean().item())
    (out/'trial_ensembles.json').write_text(json.dumps(res, indent=1))
    return res

if __name__ == '__main__' and len(sys.argv) < 2: sys.exit(__doc__)
elif __name__ == '__main__' and sys.argv[1] in ('-h', '--help'): print(__doc__)
elif __name__ == '__main__' and sys.argv[1] == '--summarise': print(summarise(Path(sys.argv[2])))
elif __name__ == '__main__':
    main(Path(sys.argv[1]), smoke='--smoke' in sys.argv,
         deadline=float(next((a.split('=')[1] for a in sys.argv if a.startswith('--deadline=')), 480)))
