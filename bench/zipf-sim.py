#!/usr/bin/env python3
"""Hit rates of the page cache's admission policy under bench/zipf.lua's traffic, simulated (no server).

Draws Zipf-popular pairs as bench/zipf.lua does (s = 1.1 over N tools, two independent draws, re-drawn
when equal), replays them through a model of the page cache (least recently used, a tenth dropped when
full) with the doorkeeper (PageCache.Admit: a page stored on its fourth request, and on its second as
before) and without, and prints, for the last third of the requests (the first two thirds stand for
the warm-up), the share that hit, that were pairs never requested before, that were other misses, and
that stored a page, beside the best any cache of that many pages could do (the most
requested pairs over the whole trace, known in advance).

Usage: python3 bench/zipf-sim.py [requests] [pages the cache holds…]
       python3 bench/zipf-sim.py 450000 6500 13000
"""
import bisect
import random
import sys
from collections import Counter, OrderedDict

N, S = 100_000, 1.1
requests = int(sys.argv[1]) if len(sys.argv) > 1 else 450_000
capacities = [int(a) for a in sys.argv[2:]] or [6_500, 13_000]

weights = [k ** -S for k in range(1, N + 1)]
total = sum(weights)
cdf, running = [], 0.0
for w in weights:
    running += w
    cdf.append(running / total)


def draw():
    return bisect.bisect_left(cdf, random.random())


def pair():
    a, b = draw(), draw()
    while b == a:
        b = draw()
    return (a, b) if a < b else (b, a)


random.seed(1)
trace = [pair() for _ in range(requests)]
warm = len(trace) * 2 // 3
measured = len(trace) - warm


def replay(capacity, doorkeeper, sightings):
    cache, seen, door, guarded = OrderedDict(), set(), {}, False
    hits = first = other = stores = 0
    for i, p in enumerate(trace):
        counted = i >= warm
        if p in cache:
            cache.move_to_end(p)
            hits += counted
        else:
            if counted:
                if p in seen:
                    other += 1
                else:
                    first += 1
            admit = True
            if doorkeeper:
                if not guarded and len(cache) >= capacity * 0.9:
                    guarded = True
                elif guarded and len(cache) < capacity / 2:
                    guarded = False
                if guarded:
                    # As PageCache.Admit: a slot holds one key and its count, until another key takes it.
                    slot = hash(p) % (1 << 20)
                    key, count = door.get(slot, (None, 0))
                    count = count + 1 if key == p else 1
                    door[slot] = (p, count)
                    admit = count >= sightings
            if admit:
                if len(cache) >= capacity:
                    for _ in range(capacity // 10):
                        cache.popitem(last=False)
                cache[p] = True
                stores += counted
        seen.add(p)
    return hits / measured, first / measured, other / measured, stores / measured


counts = Counter(trace)
for capacity in capacities:
    # PageCache.Sightings is 4; 2 was the rule before it.
    for doorkeeper, sightings in ((True, 2), (True, 4), (False, 1)):
        hit, first, other, stores = replay(capacity, doorkeeper, sightings)
        policy = f"stored on request {sightings}" if doorkeeper else "admit all          "
        print(f"{capacity:>7} pages  {policy}  hit {hit:.3f}  first-seen {first:.3f}  other misses {other:.3f}  stored {stores:.3f}")
    best = {p for p, _ in counts.most_common(capacity)}
    print(f"{capacity:>7} pages  best possible  hit {sum(p in best for p in trace[warm:]) / measured:.3f}")
