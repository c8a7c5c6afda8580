#!/usr/bin/python3
"""PyTorch peer of gan2d's flow-matching training iteration, for `npm run bench -- engine`.

The engine benchmark times gan2d's flow iteration (src/core/flow/flow-model.ts) beside this
script's, on the same machine in the same run, as it does the GAN presets beside
../shared/bench/torch_gan2d.py, whose conventions this script follows: the same flags, one
JSON line out, the OpenBLAS pin dropped for itself, the kernel it ran reported.

Set-up (Debian packages; the plain install links a slow reference BLAS, so OpenBLAS must be
installed too):
    apt-get update && apt-get install -y python3-torch libopenblas0-pthread

Usage:
    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/torch_flow2d.py --preset flow --threads 2
    /usr/bin/python3 bench/torch_flow2d.py --threads 1 --iters 300

Report the best of --threads 1 and --threads 2 (with OMP_WAIT_POLICY=PASSIVE): that is what a
careful PyTorch user gets on this machine.

Some machines here set OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, which pin OpenBLAS to an older,
slower kernel. A user's machine has no such pin, so this peer drops both before PyTorch loads
OpenBLAS (--keep-openblas-pin keeps them) and reports the kernel it ran ("openblas_core").

Preset (one iteration = one Adam step of the velocity network, then its moving average):
  flow   rectified flow from N(0, I) to 8 Gaussians on a circle of radius 2 (std 0.05), as the
         GAN's small preset's data; batch 512 pairs (noise, point), t uniform on [0, 1);
         x_t = (1 - t) x0 + t x1, target velocity x1 - x0; the velocity network's input is
         x_t, sin and cos of x_t at 6 frequencies pi/2 * 2^k, t, sin and cos of t at 6
         frequencies (39 columns); network 39-128-128-2 with ELU, the small GAN preset's hidden
         layers; mean squared error; Adam lr 2e-3 (0.9, 0.999); moving average of the weights
         with decay 0.999. This is gan2d's flow recipe at the small preset's width.
"""
import argparse
import json
import math
import os
import time

PRESETS = {
    "flow": dict(hidden=[128, 128], batch=512, point_frequencies=6, time_frequencies=6, lr=2e-3, ema=0.999),
}

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--preset", choices=sorted(PRESETS), default="flow")
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--warmup", type=int, default=50)
ap.add_argument("--iters", type=int, default=300)
ap.add_argument("--seed", type=int, default=0)
ap.add_argument("--keep-openblas-pin", action="store_true",
                help="keep OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE from the environment")
args = ap.parse_args()

if not args.keep_openblas_pin:
    os.environ.pop("OPENBLAS_CORETYPE", None)
    os.environ.pop("OPENBLAS_L2_SIZE", None)
os.environ["OMP_NUM_THREADS"] = str(args.threads)
os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
import torch  # noqa: E402  (after the thread variables are set)
import torch.nn as nn  # noqa: E402

torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)
p = PRESETS[args.preset]
B = p["batch"]

point_freqs = (math.pi / 2) * 2.0 ** torch.arange(p["point_frequencies"], dtype=torch.float32)
time_freqs = (math.pi / 2) * 2.0 ** torch.arange(p["time_frequencies"], dtype=torch.float32)


def sinusoids(values, freqs):
    """sin and cos of each column at each frequency: (n, c) -> (n, 2 * c * len(freqs))."""
    angles = values.unsqueeze(-1) * freqs  # (n, c, k)
    return torch.stack([torch.sin(angles), torch.cos(angles)], -1).flatten(1)


def velocity_input(xt, t):
    return torch.cat([xt, sinusoids(xt, point_freqs), t, sinusoids(t, time_freqs)], 1)


width = 2 + 2 * 2 * p["point_frequencies"] + 1 + 2 * p["time_frequencies"]
sizes = [width] + p["hidden"] + [2]
layers = []
for i in range(len(sizes) - 1):
    layers.append(nn.Linear(sizes[i], sizes[i + 1]))
    if i < len(sizes) - 2:
        layers.append(nn.ELU())
net = nn.Sequential(*layers)
average = [q.detach().clone() for q in net.parameters()]
opt = torch.optim.Adam(net.parameters(), lr=p["lr"], betas=(0.9, 0.999))

ang = torch.arange(8, dtype=torch.float32) * (2 * math.pi / 8)
centers = torch.stack([2 * torch.cos(ang), 2 * torch.sin(ang)], 1)


def iteration():
    x1 = centers[torch.randint(0, 8, (B,))] + 0.05 * torch.randn(B, 2)
    x0 = torch.randn(B, 2)
    t = torch.rand(B, 1)
    xt = (1 - t) * x0 + t * x1
    opt.zero_grad(set_to_none=True)
    loss = torch.mean((net(velocity_input(xt, t)) - (x1 - x0)) ** 2)
    loss.backward()
    opt.step()
    with torch.no_grad():  # the moving average, in place, all tensors at once
        torch._foreach_mul_(average, p["ema"])
        torch._foreach_add_(average, [q.detach() for q in net.parameters()], alpha=1 - p["ema"])
    return loss


for _ in range(args.warmup):
    iteration()
t0 = time.perf_counter()
for _ in range(args.iters):
    loss = iteration()
secs = time.perf_counter() - t0


def openblas_core():
    """The BLAS libraries this process mapped, and the OpenBLAS kernel among them ('' if none says)."""
    import ctypes
    mapped = sorted({line.split()[-1] for line in open("/proc/self/maps") if "blas" in line.lower()})
    for path in mapped:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        if hasattr(lib, "openblas_get_corename"):
            lib.openblas_get_corename.restype = ctypes.c_char_p
            return mapped, lib.openblas_get_corename().decode()
    return mapped, ""


blas, core = openblas_core()
print(json.dumps({
    "engine": "pytorch", "torch": torch.__version__, "blas": blas, "openblas_core": core, "preset": args.preset,
    "threads": args.threads, "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", ""),
    "iters": args.iters, "seconds": round(secs, 3), "iters_per_second": round(args.iters / secs, 2),
    "loss": round(loss.item(), 4),
}))
