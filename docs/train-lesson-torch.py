#!/usr/bin/python3
"""The two-disc lesson in PyTorch, as a cross-check of gan2d's trainer (docs/readme-train.md).

The seed demo's defaults: z 2; G 2(+K)-50-2 and D 2(+K)-100-1 with LeakyReLU(0.1) and
sigmoid outputs; BCE; batch 2000 real + 2000 fake, split between conditions by mass;
3 D steps + 1 G step; Adadelta lr 1; 2000 iterations. Then oos of 10,000 generated
points, each condition's against its own picture (as gan2d scores them).

    apt-get install -y python3-torch python3-pil libopenblas0-pthread
    /usr/bin/python3 docs/train-lesson-torch.py SEED c    # conditional, examples/binary/
    /usr/bin/python3 docs/train-lesson-torch.py SEED p    # plain, the two pictures as one
"""
import math
import os
import sys
import numpy as np
from PIL import Image
import torch
import torch.nn as nn
seed = int(sys.argv[1])
conditional = sys.argv[2] == 'c'
torch.manual_seed(seed)
torch.set_num_threads(1)
here = os.path.dirname(os.path.abspath(__file__))
grids = [np.asarray(Image.open(os.path.join(here, '..', 'examples', 'binary', f'{i}.png')).convert('L'), dtype=np.float64) / 255
         for i in range(2)]
W = grids[0].shape[0]
if not conditional:
    grids = [grids[0] + grids[1]]
masses = [g.sum() for g in grids]
K = len(grids) if conditional else 0
probs = [torch.tensor((g / g.sum()).flatten()) for g in grids]
def split(n):
    q = [n * m / sum(masses) for m in masses]; r = [max(1, int(math.floor(x))) for x in q]
    while sum(r) < n:
        i = max(range(len(r)), key=lambda i: q[i] - r[i]); r[i] += 1
    return r
B = 2000
rows = split(B)
def real_batch(rows):
    pts = []
    for c, n in enumerate(rows):
        idx = torch.multinomial(probs[c], n, replacement=True)
        row, col = idx // W, idx % W
        x = (col + torch.rand(n)) / W; y = (W - 1 - row + torch.rand(n)) / W
        pts.append(torch.stack([x, y], 1))
    return torch.cat(pts).float()
def onehot(rows):
    if K == 0: return torch.zeros(sum(rows), 0)
    return torch.cat([torch.nn.functional.one_hot(torch.full((n,), c), K) for c, n in enumerate(rows)]).float()
G = nn.Sequential(nn.Linear(2 + K, 50), nn.LeakyReLU(0.1), nn.Linear(50, 2), nn.Sigmoid())
D = nn.Sequential(nn.Linear(2 + K, 100), nn.LeakyReLU(0.1), nn.Linear(100, 1), nn.Sigmoid())
bce = nn.BCELoss()
dopt = torch.optim.Adadelta(D.parameters(), lr=1.0); gopt = torch.optim.Adadelta(G.parameters(), lr=1.0)
oh = onehot(rows); ones = torch.ones(B, 1); zeros = torch.zeros(B, 1)
for it in range(2000):
    for _ in range(3):
        dopt.zero_grad()
        with torch.no_grad(): fake = G(torch.cat([torch.randn(B, 2), oh], 1))
        loss = bce(D(torch.cat([real_batch(rows), oh], 1)), ones) + bce(D(torch.cat([fake, oh], 1)), zeros)
        loss.backward(); dopt.step()
    gopt.zero_grad()
    gl = bce(D(torch.cat([G(torch.cat([torch.randn(B, 2), oh], 1)), oh], 1)), ones)
    gl.backward(); gopt.step()
N = 10000; erows = split(N)
with torch.no_grad(): pts = G(torch.cat([torch.randn(N, 2), onehot(erows)], 1)).numpy()
out = 0; start = 0
for c, n in enumerate(erows):
    g = grids[c]; low = g < 0.02 * g.max()
    for x, y in pts[start:start + n]:
        if not (0 <= x <= 1 and 0 <= y <= 1): out += 1; continue
        col = min(W - 1, int(x * W)); row = min(W - 1, int((1 - y) * W))
        out += low[row, col]
    start += n
print(('conditional' if conditional else 'plain'), 'seed', seed, 'oos', out / N, flush=True)
