__version__ = "0.1.0"

# fastai imports torch.jit.script, which torch 2.14 deprecates with a FutureWarning printed on every import;
# it says nothing about this project, so keep it out of notebook outputs and command-line runs.
import warnings as _warnings
_warnings.filterwarnings('ignore', message=r'.*torch\.jit\.script.*', category=FutureWarning)
