"""The CNN trials of the models study (nbs/06_models.ipynb), as a plain PyTorch loop.

The study chose its CNN recipes on the validation split with this script, because a plain loop is faster than a
Learner. Each trial trains on 48,000 training images and reports accuracy on the other 12,000; the test set is never
read. Validation probabilities are saved to runs/trials/<tag>.pt so ensembles can be scored afterwards.

    python tools/cnn_trials.py '[{"widths": [16, 32, 64, 128], "epochs": 20, "lr": 0.01, "seed": 0, "tag": "s20_0"}]'
    python tools/cnn_trials.py --ensemble s20_0 s20_1 s20_2
"""
import json, sys, time
from pathlib import Path
import torch, torch.nn as nn, torch.nn.functional as F
from mnist_nb.models import random_affine
from mnist_nb.recipes import stretch, degrade  # the library's own, so that trials and chapters agree

OUT = Path('runs/trials')

def training_images():
    "The 60,000 training images and labels, in the sorted order of `mnist_items` (as `mnist_tensors` caches them)"
    from mnist_nb.mnist_files import mnist_tensors
    return mnist_tensors()['training']

def split():
    "Validation (first 12,000) and training positions of a seeded permutation"
    perm = torch.randperm(60000, generator=torch.Generator().manual_seed(125))
    return perm[:12000], perm[12000:]

def conv_bn(ni, nf, stride=2, k=3):
    return nn.Sequential(nn.Conv2d(ni, nf, k, stride, k // 2, bias=False), nn.BatchNorm2d(nf), nn.ReLU())

class CNN(nn.Module):
    "mnist_nb's MNISTCNN (without the softmax), plus the variants tried: a wider first kernel, extra stride-1 blocks"
    def __init__(self, widths=(16, 32, 64, 128), stem=0, k1=3, extra=()):
        super().__init__()
        ni, layers = 1, []
        if stem: layers.append(conv_bn(1, stem, 1)); ni = stem
        for i, nf in enumerate(widths):
            layers.append(conv_bn(ni, nf, k=k1 if i == 0 else 3)); ni = nf
            if i in extra: layers.append(conv_bn(ni, nf, 1))
        self.body = nn.Sequential(*layers)
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(ni, 10))
    def forward(self, x): return self.head(self.body(x))

def gaussian_kernel(sigma):
    r = int(3 * sigma); t = torch.arange(-r, r + 1, dtype=torch.float32)
    k = torch.exp(-t**2 / (2 * sigma**2)); return k / k.sum()

def elastic(x, alpha=34., sigma=4., p=1.0):
    "Simard et al.'s elastic distortion: a random displacement field, smoothed by a Gaussian of `sigma` pixels, times `alpha`"
    n, dev = len(x), x.device
    k = gaussian_kernel(sigma).to(dev); r = len(k) // 2
    d = torch.rand(n, 2, 28, 28, device=dev) * 2 - 1
    d = F.conv2d(F.pad(d, (r, r, 0, 0), mode='reflect').reshape(n * 2, 1, 28, 28 + 2 * r), k.view(1, 1, 1, -1))
    d = F.conv2d(F.pad(d, (0, 0, r, r), mode='reflect'), k.view(1, 1, -1, 1)).reshape(n, 2, 28, 28) * alpha
    d = d * (torch.rand(n, 1, 1, 1, device=dev) < p)
    base = F.affine_grid(torch.eye(2, 3, device=dev).expand(n, 2, 3), x.shape, align_corners=False)
    grid = base + d.permute(0, 2, 3, 1) * (2 / 28)  # pixels to the grid's [-1, 1] units
    return F.grid_sample(x, grid, align_corners=False)

def trial(x, y, widths, epochs, lr, bs=128, seed=0, aug=True, ls=0.0, stem=0, k1=3, extra=(), tag=None, wd=0.01,
          rot=10, shift=0.1, scale=0.1, robust=0.0, elastic_p=0.0, device='cpu', shifted=None):
    """Train one CNN with AdamW and one-cycle; its validation accuracy and wall time.
    `robust`: the fraction of training images that `degrade` changes; `elastic_p`: the fraction elastically distorted;
    `shifted`: {name: (images, labels)} of shifted validation images to score (each also contrast-stretched)"""
    torch.manual_seed(seed)
    va, tr = split()
    dev = torch.device(device)
    xt, yt = (x[tr].unsqueeze(1).float() / 255).to(dev), y[tr].to(dev)
    xv, yv = (x[va].unsqueeze(1).float() / 255).to(dev), y[va].to(dev)
    m = CNN(widths, stem, k1, tuple(extra)).to(dev)
    opt = torch.optim.AdamW(m.parameters(), lr=lr, weight_decay=wd)
    nb = len(xt) // bs
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, lr, total_steps=epochs * nb, pct_start=0.25)
    t0 = time.time()
    for _ in range(epochs):
        m.train()
        p = torch.randperm(len(xt), device=dev)
        for i in range(nb):
            b = p[i * bs:(i + 1) * bs]
            xb = xt[b]
            if elastic_p: xb = elastic(xb, p=elastic_p)
            if aug: xb = random_affine(xb, rot, shift, scale)
            if robust: xb = degrade(xb, robust)
            loss = F.cross_entropy(m(xb), yt[b], label_smoothing=ls)
            opt.zero_grad(); loss.backward(); opt.step(); sched.step()
    if dev.type == 'cuda': torch.cuda.synchronize()
    secs = time.time() - t0
    m.eval()
    probs = lambda xs: torch.cat([m(xs[i:i + 1000].to(dev)).softmax(1) for i in range(0, len(xs), 1000)]).cpu()
    with torch.no_grad():
        out = probs(xv)
        shifts = {}
        for name, (xs, ys) in (shifted or {}).items():
            shifts[name] = (probs(xs).argmax(1) == ys).float().mean().item()
            shifts[name + ', stretched'] = (probs(stretch(xs)).argmax(1) == ys).float().mean().item()
    if tag and device == 'cpu': OUT.mkdir(parents=True, exist_ok=True); torch.save(out, OUT/f'{tag}.pt')
    return dict(tag=tag, widths=list(widths), stem=stem, k1=k1, extra=list(extra), epochs=epochs, lr=lr, bs=bs, seed=seed,
                ls=ls, rot=rot, shift=shift, scale=scale, robust=robust, elastic_p=elastic_p, device=str(dev),
                valid_acc=(out.argmax(1) == yv.cpu()).float().mean().item(), shifted=shifts,
                secs=round(secs, 1), params=sum(p.numel() for p in m.parameters()), probs=out)

def ensemble(tags):
    "Validation accuracy of the averaged saved probabilities of `tags`"
    y = training_images()[1][split()[0]]
    p = sum(torch.load(OUT/f'{t}.pt') for t in tags)
    return dict(ensemble=list(tags), valid_acc=(p.argmax(1) == y).float().mean().item())

if __name__ == '__main__':
    if len(sys.argv) < 2: sys.exit(__doc__)
    if sys.argv[1] in ('-h', '--help'): print(__doc__); sys.exit()
    torch.set_num_threads(2)
    if sys.argv[1] == '--ensemble': print(json.dumps(ensemble(sys.argv[2:]))); sys.exit()
    x, y = training_images()
    for cfg in json.loads(sys.argv[1]):
        r = trial(x, y, **cfg); r.pop('probs'); print(json.dumps(r), flush=True)
