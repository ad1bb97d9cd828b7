# Recording needs the tqdm package beside torch (pip install tqdm); replaying needs nothing.
# tqdm around a training loop: the bar goes to standard error, so standard output is
# what the loop prints; n, total, set_postfix, update, trange and tqdm.write.
CASES = [("python", source) for source in [
    "from tqdm import tqdm\nlosses = []\npbar = tqdm(range(3), desc='epoch')\nfor i in pbar:\n    losses.append(i * 0.5)\n    pbar.set_postfix(loss=f'{losses[-1]:.3f}')\n    pbar.set_description(f'epoch {i}')\n(losses, pbar.n, pbar.total)",
    "from tqdm import tqdm\nwith tqdm(total=5) as bar:\n    for _ in range(5):\n        bar.update(1)\n(bar.n, bar.total)",
    "from tqdm import tqdm, trange\nfor j in trange(2, desc='t'):\n    tqdm.write(f'step {j}')\nj",
    "from tqdm.auto import tqdm\nout = []\nfor x, y in tqdm(zip([1, 2], 'ab'), total=2):\n    out.append((x, y))\nout",
    "from tqdm import tqdm\np = tqdm([1, 2, 3])\nfor i in p:\n    break\n(p.n, sum(1 for _ in tqdm(torch.arange(4))))",
]]
