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

OUT = Path('runs/trials')

def training_images():
    "The 60,000 training images and labels, in the sorted order of `mnist_items` (as `mnist_tensors` caches them)"
    from mnist_nb.data import mnist_tensors
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

def trial(x, y, widths, epochs, lr, bs=128, seed=0, aug=True, ls=0.0, stem=0, k1=3, extra=(), tag=None, wd=0.01,
          rot=10, shift=0.1, scale=0.1):
    "Train one CNN with AdamW and one-cycle; its validation accuracy and wall time"
    torch.manual_seed(seed)
    va, tr = split()
    xt, yt = x[tr].unsqueeze(1).float() / 255, y[tr]
    xv, yv = x[va].unsqueeze(1).float() / 255, y[va]
    m = CNN(widths, stem, k1, tuple(extra))
    opt = torch.optim.AdamW(m.parameters(), lr=lr, weight_decay=wd)
    nb = len(xt) // bs
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, lr, total_steps=epochs * nb, pct_start=0.25)
    t0 = time.time()
    for _ in range(epochs):
        m.train()
        p = torch.randperm(len(xt))
        for i in range(nb):
            b = p[i * bs:(i + 1) * bs]
            xb = random_affine(xt[b], rot, shift, scale) if aug else xt[b]
            loss = F.cross_entropy(m(xb), yt[b], label_smoothing=ls)
            opt.zero_grad(); loss.backward(); opt.step(); sched.step()
    secs = time.time() - t0
    m.eval()
    with torch.no_grad(): out = torch.cat([m(xv[i:i + 1000]).softmax(1) for i in range(0, len(xv), 1000)])
    if tag: OUT.mkdir(parents=True, exist_ok=True); torch.save(out, OUT/f'{tag}.pt')
    return dict(tag=tag, widths=list(widths), stem=stem, k1=k1, extra=list(extra), epochs=epochs, lr=lr, bs=bs, seed=seed,
                ls=ls, rot=rot, shift=shift, scale=scale, valid_acc=(out.argmax(1) == yv).float().mean().item(),
                secs=round(secs), params=sum(p.numel() for p in m.parameters()))

def ensemble(tags):
    "Validation accuracy of the averaged saved probabilities of `tags`"
    y = training_images()[1][split()[0]]
    p = sum(torch.load(OUT/f'{t}.pt') for t in tags)
    return dict(ensemble=list(tags), valid_acc=(p.argmax(1) == y).float().mean().item())

if __name__ == '__main__':
    torch.set_num_threads(2)
    if len(sys.argv) < 2: sys.exit(__doc__)
    if sys.argv[1] == '--ensemble': print(json.dumps(ensemble(sys.argv[2:]))); sys.exit()
    x, y = training_images()
    for cfg in json.loads(sys.argv[1]): print(json.dumps(trial(x, y, **cfg)), flush=True)
