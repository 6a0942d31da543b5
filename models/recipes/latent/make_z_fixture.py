"""Writes the latent fixture: the teacher's noise-free `z` of one utterance, whole.

    make_z_fixture.py work/corpus-latent/c01434.z.npy  ->  tests/fixtures/speech.z

(c01434, "I was in love, a long time ago.", a held-out corpus sentence).

Little-endian f32, frames x 192 (frame-major, as the engine passes latent frames), from
`render_teacher.py --latent` (noise_scale 0), silent edges included.
"""

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]

z = np.load(sys.argv[1]).astype("<f4")
assert z.ndim == 2 and z.shape[1] == 192, z.shape
z.tofile(ROOT / "tests" / "fixtures" / "speech.z")
print(z.shape, float(z.min()), float(z.max()))
