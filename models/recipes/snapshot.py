"""Writes compact resumable snapshots of training checkpoints for git: weights in fp16, the
step count and the mel statistics; optimizer moments are left out (Adam restarts its
estimates on resume).

    snapshot.py CKPT.pt OUT.pt
"""

import sys

import torch


def main():
    src, dst = sys.argv[1], sys.argv[2]
    ck = torch.load(src, map_location="cpu", weights_only=False)
    small = {k: v for k, v in ck.items() if k not in ("model", "opt")}
    small["model"] = {k: v.half() if v.is_floating_point() else v for k, v in ck["model"].items()}
    torch.save(small, dst)
    print(f"{dst}: step {ck['step']}")


if __name__ == "__main__":
    main()
