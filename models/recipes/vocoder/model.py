"""The small vocoder: a frame-rate ConvNeXt backbone with an inverse-STFT head (Vocos-style).

The network maps input frames [B, D, F] — log-mel (D = 80) or the Piper teacher's latent `z`
normalised per channel (D = 192, `in_channels`) — to one complex spectrum per frame, [B, 2 * 513, F]
(real parts then imaginary parts, n_fft 1024). The inverse STFT with overlap-add runs outside
the graph (in Rust at inference), so the graph is a stack of depthwise and pointwise convs:
nearly all its MACs are pointwise, which int8 matrix kernels serve.

Frame f's spectrum is centred on sample 256 * f + 128, where the analysis window of mel frame
f is centred; the synthesis window is a periodic Hann of 1024 (COLA at hop 256 with the
squared-window normalisation below).
"""

import torch
import torch.nn as nn
import torch.nn.functional as F

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from blocks import ChannelNorm, ConvNeXtBlock  # noqa: E402

N_MELS = 80
N_FFT = 1024
HOP = 256
BINS = N_FFT // 2 + 1
CENTER_OFFSET = 128


BLOCKS = 12
# Checkpoints written before the config was recorded are of the first, 6-block model.
LEGACY_CONFIG = {"blocks": 6}


U8_MAX = 255
I8_MAX = 127
RANGE_MOMENTUM = 0.99


class _RoundSTE(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return torch.floor(x + 0.5)

    @staticmethod
    def backward(ctx, g):
        return g


def fake_quant_weight(w):
    """Symmetric per-tensor int8 (scale max|w| / 127), straight-through."""
    scale = w.detach().abs().max().clamp(min=1e-12) / I8_MAX
    return torch.clamp(_RoundSTE.apply(w / scale), -I8_MAX, I8_MAX) * scale


class ActQuant(nn.Module):
    """A u8 activation quantizer in the runtime's form: q = clip(floor(x / s + zp + 0.5), 0, 255),
    x̂ = (q - zp) s. The range [lo, hi] (always containing 0) follows an exponential moving
    average of batch extremes while training and is frozen in eval; `zero_point_zero` pins
    lo at 0 (a ReLU output, where the clip is the ReLU)."""

    def __init__(self, zero_point_zero=False):
        super().__init__()
        self.zero_point_zero = zero_point_zero
        self.register_buffer("lo", torch.zeros(()))
        self.register_buffer("hi", torch.zeros(()))
        self.register_buffer("seen", torch.zeros((), dtype=torch.bool))

    def params(self):
        lo = torch.zeros_like(self.lo) if self.zero_point_zero else self.lo.clamp(max=0)
        hi = self.hi.clamp(min=lo + 1e-6)
        scale = (hi - lo) / U8_MAX
        zp = torch.clamp(torch.round(-lo / scale), 0, U8_MAX)
        return scale, zp

    def forward(self, x):
        if self.training:
            lo, hi = x.detach().min().clamp(max=0), x.detach().max().clamp(min=0)
            if not bool(self.seen):
                self.lo.copy_(lo)
                self.hi.copy_(hi)
                self.seen.fill_(True)
            else:
                self.lo.mul_(RANGE_MOMENTUM).add_((1 - RANGE_MOMENTUM) * lo)
                self.hi.mul_(RANGE_MOMENTUM).add_((1 - RANGE_MOMENTUM) * hi)
        scale, zp = self.params()
        q = torch.clamp(_RoundSTE.apply(x / scale + zp), 0, U8_MAX)
        return (q - zp) * scale


class QuantSim(nn.Module):
    """The activation quantizers of the int8 chain: per block, the first pointwise layer's u8
    input, its ReLU output (zero point 0) and the second's output; the head's u8 input."""

    def __init__(self, blocks):
        super().__init__()
        self.pw_in = nn.ModuleList(ActQuant() for _ in range(blocks))
        self.hidden = nn.ModuleList(ActQuant(zero_point_zero=True) for _ in range(blocks))
        self.pw_out = nn.ModuleList(ActQuant() for _ in range(blocks))
        self.head_in = ActQuant()


class SmallVocoder(nn.Module):
    def __init__(self, channels=256, hidden=768, blocks=BLOCKS, kernel=7, act="gelu", in_channels=N_MELS):
        super().__init__()
        self.quant = None
        self.folded = False
        self.inp = nn.Conv1d(in_channels, channels, 7, padding=3)
        self.norm_in = ChannelNorm(channels)
        self.blocks = nn.ModuleList(ConvNeXtBlock(channels, hidden, kernel, act=act) for _ in range(blocks))
        self.norm_out = ChannelNorm(channels)
        self.head = nn.Conv1d(channels, 2 * BINS, 1)

    def enable_quant(self):
        """Switches to the int8 chain's arithmetic (ReLU models only): per-tensor int8 weights
        on every pointwise layer and the head, u8 activations between them, the residual scale
        folded into the second pointwise layer as the export does."""
        assert self.blocks[0].act is F.relu, "the int8 chain needs ReLU blocks"
        if self.quant is None:
            self.quant = QuantSim(len(self.blocks)).to(self.head.weight.device)

    def forward(self, mel):
        if self.quant is not None:
            return self._forward_quant(mel)
        x = self.norm_in(self.inp(mel))
        for b in self.blocks:
            y = b.pw2(b.act(b.pw1(b.norm(b.dw(x)))))
            x = x + (y if self.folded else b.gamma * y)
        return self.head(self.norm_out(x))

    def fold_residual_scale(self):
        """Folds each block's residual scale into its second pointwise layer (as the int8 chain
        computes it), so the exported graph is `Conv → Relu → Conv → Add`."""
        with torch.no_grad():
            for b in self.blocks:
                g = b.gamma.reshape(-1)
                b.pw2.weight.mul_(g[:, None, None])
                b.pw2.bias.mul_(g)
        self.folded = True

    def _forward_quant(self, mel):
        q = self.quant
        x = self.norm_in(self.inp(mel))
        for i, b in enumerate(self.blocks):
            y = q.pw_in[i](b.norm(b.dw(x)))
            h = q.hidden[i](F.relu(F.conv1d(y, fake_quant_weight(b.pw1.weight), b.pw1.bias)))
            g = b.gamma.reshape(-1)
            w2 = b.pw2.weight * g[:, None, None]
            x = x + q.pw_out[i](F.conv1d(h, fake_quant_weight(w2), b.pw2.bias * g))
        y = q.head_in(self.norm_out(x))
        return F.conv1d(y, fake_quant_weight(self.head.weight), self.head.bias)


def from_checkpoint(ck: dict) -> SmallVocoder:
    """The model a checkpoint describes (its `config`, else `LEGACY_CONFIG`)."""
    config = dict(ck.get("config", LEGACY_CONFIG))
    quant = config.pop("quant", False)
    model = SmallVocoder(**config)
    if quant:
        model.enable_quant()
    model.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in ck["model"].items()})
    return model


def deepened(state: dict, old_blocks: int, new_blocks: int) -> dict:
    """A state dict for `new_blocks` blocks computing the same function as `state`.

    Old block i becomes block i * new_blocks // old_blocks; the blocks in between start as
    identities (their last pointwise conv zero), so training resumes from the old model's output
    with the new capacity to spend.
    """
    out = SmallVocoder(blocks=new_blocks).state_dict()
    for i in range(new_blocks):
        for name in ("pw2.weight", "pw2.bias"):
            out[f"blocks.{i}.{name}"] = torch.zeros_like(out[f"blocks.{i}.{name}"])
    for key, value in state.items():
        value = value.float() if value.is_floating_point() else value
        if key.startswith("blocks."):
            _, i, rest = key.split(".", 2)
            key = f"blocks.{int(i) * new_blocks // old_blocks}.{rest}"
        out[key] = value
    return out


def window(device=None):
    return torch.hann_window(N_FFT, periodic=True, device=device)


def istft(spec, frames: int):
    """Overlap-add synthesis of [B, 2*BINS, F] spectra to [B, F * HOP] samples."""
    re, im = spec[:, :BINS], spec[:, BINS:]
    frames_t = torch.fft.irfft(torch.complex(re, im), n=N_FFT, dim=1)
    w = window(spec.device)
    frames_t = frames_t * w[None, :, None]
    total = (frames - 1) * HOP + N_FFT
    out = F.fold(frames_t, output_size=(1, total), kernel_size=(1, N_FFT), stride=(1, HOP))
    norm = F.fold((w**2)[None, :, None].expand(1, N_FFT, frames), output_size=(1, total),
                  kernel_size=(1, N_FFT), stride=(1, HOP))
    out = out[:, 0, 0] / norm[:, 0, 0].clamp(min=1e-8)
    # frame f starts at f * HOP in `out`, its centre at f * HOP + N_FFT / 2; shift so the
    # centre lands on f * HOP + CENTER_OFFSET.
    start = N_FFT // 2 - CENTER_OFFSET
    return out[:, start : start + frames * HOP]


def stft(audio):
    """Analysis matching `istft`'s framing: [B, T] -> complex [B, BINS, T // HOP]."""
    frames = audio.shape[1] // HOP
    pad_l = N_FFT // 2 - CENTER_OFFSET
    pad_r = N_FFT
    x = F.pad(audio, (pad_l, pad_r))
    spec = torch.stft(x, N_FFT, HOP, window=window(audio.device), center=False, return_complex=True)
    return spec[:, :, :frames]


def macs_per_second(model: SmallVocoder) -> float:
    per_frame = 0
    for m in model.modules():
        if isinstance(m, nn.Conv1d):
            per_frame += m.in_channels // m.groups * m.out_channels * m.kernel_size[0]
    return per_frame * 22050 / HOP
