"""The blog's own code, cell by cell, for its 2022 software stack (Python 3.9, torch 1.11, fastai 2.6).

Run with that stack's Python: `python tools/blog_2022.py OUT.json [--seed S]`. MNIST is read from fastai's data
folder (`mnist_png`, as `mnist_nb` prepares it; no download). The blog runs on CPU here (its `device_name = 'cpu'`
option). Writes the epoch table, the versions and the first weights of the trained model to OUT.json, and the
initial weights to OUT.init.pth. `--seed` seeds Python's random generator, which the blog left unseeded; it only
changes the order of the batches: the weights come from `RandomSplitter(seed=125)`'s `torch.manual_seed`.
"""
import sys, json, random, time, argparse
import matplotlib; matplotlib.use('Agg')
ap = argparse.ArgumentParser(); ap.add_argument('out'); ap.add_argument('--seed', type=int, default=None)
ap.add_argument('--init-only', action='store_true', help='stop after saving the initial weights')
ap.add_argument('--num-workers', type=int, default=None, help="DataLoader workers (default: fastai's)")
a = ap.parse_args()
if a.seed is not None: random.seed(a.seed)

from fastai.vision.all import *
import fastai, fastcore
device_name = 'cpu'

model_output = Tensor([0.2, 0.1, 0, 0.4, 0.3, 0, 0, 0, 0, 0])
output_gt = Tensor([0, 0, 0, 1, 0, 0, 0, 0, 0, 0])

import os
mnist_path = Path(os.environ.get('FASTAI_HOME', '~/.fastai')).expanduser()/'data'/'mnist_png'  # untar_data(URLs.MNIST), no download
train_path = mnist_path/'training'
mnist = DataBlock(
    blocks=(ImageBlock(cls=PILImageBW), MultiCategoryBlock),
    get_items = get_image_files,
    splitter=RandomSplitter(valid_pct=0.2, seed=125),
    get_y=parent_label,
)
kw = {} if a.num_workers is None else dict(num_workers=a.num_workers)
data_loaders = mnist.dataloaders(train_path, **kw)
data_loaders.train.show_batch()
data_loaders.valid.show_batch()
train_loader = data_loaders.train
data_tuple = [d for d in train_loader]
test_labels = data_tuple[0][1][0:4]

m = nn.Softmax(dim=0)
m(Tensor([2, 3, 4, 5, 6, 7]))

class MNISTModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.sequential = nn.Sequential(
            nn.Linear(28*28, 100),
            nn.Sigmoid(),
            nn.Linear(100, 10),
            nn.Sigmoid(),
            nn.Softmax(dim=1),
        )
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = TensorBase(torch.reshape(x, (-1, 28*28)))
        x = self.sequential(x)
        return x

test_images = data_tuple[0][0][0:4]
reshaped_images = test_images.view((-1, 28*28))

def mnist_loss(predictions, targets):
    return torch.abs(predictions-targets).sum(dim=1).mean()

def batch_accuracy(predictions, targets):
    correct = torch.argmax(predictions, dim=1) == torch.argmax(targets, dim=1)
    return correct.float().mean()

m = MNISTModel().to(device_name)
prds = m(test_images)
mnist_loss(prds, test_labels), batch_accuracy(prds, test_labels)

learn = Learner(data_loaders, MNISTModel(), opt_func=SGD,
                loss_func=mnist_loss, metrics=batch_accuracy)
torch.save({k: v.clone() for k, v in learn.model.state_dict().items()}, a.out.replace('.json', '') + '.init.pth')
if a.init_only: sys.exit(0)
lr = 1
t0 = time.time()
with learn.no_bar(): learn.fit(10, lr)
res = dict(seed=a.seed, versions=dict(python=sys.version.split()[0], torch=torch.__version__, fastai=fastai.__version__,
           fastcore=fastcore.__version__), values=[[float(v) for v in r] for r in learn.recorder.values],
           minutes=(time.time()-t0)/60, first_weight=learn.model.sequential[0].weight[0, :4].tolist())
json.dump(res, open(a.out, 'w'))
print(json.dumps(res))
