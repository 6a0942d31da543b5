"""HiFi-GAN V1 log-mel analysis in numpy (an implementation independent of the runtime's).

22050 Hz, n_fft 1024, hop 256, win 1024 periodic Hann, reflect-pad 384 samples each side, STFT
without centering, magnitude sqrt(re^2 + im^2 + 1e-9), librosa Slaney mel basis (80 mels,
fmin 0, fmax 8000), natural log of max(mel, 1e-5). `samples / 256` frames for multiples of 256.
"""

import numpy as np
import librosa

SR, N_FFT, HOP, WIN, N_MELS, FMIN, FMAX = 22050, 1024, 256, 1024, 80, 0.0, 8000.0
_BASIS = librosa.filters.mel(sr=SR, n_fft=N_FFT, n_mels=N_MELS, fmin=FMIN, fmax=FMAX).astype(np.float64)
_WINDOW = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(WIN) / WIN)


def log_mel(audio: np.ndarray) -> np.ndarray:
    """[frames, 80] float32 log-mel of a mono float signal."""
    pad = (N_FFT - HOP) // 2
    x = np.pad(np.asarray(audio, dtype=np.float64), (pad, pad), mode="reflect")
    n = 1 + (len(x) - N_FFT) // HOP
    idx = np.arange(N_FFT)[None, :] + HOP * np.arange(n)[:, None]
    spec = np.fft.rfft(x[idx] * _WINDOW[None, :], axis=1)
    mag = np.sqrt(spec.real**2 + spec.imag**2 + 1e-9)
    return np.log(np.maximum(mag @ _BASIS.T, 1e-5)).astype(np.float32)


def read_wav(path) -> np.ndarray:
    import wave

    with wave.open(str(path)) as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1
        return np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float32) / 32768.0
