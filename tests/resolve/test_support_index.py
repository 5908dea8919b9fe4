"""Claim support found through the rarest words equals comparing every pair sharing a word."""

import random
from collections import Counter

from newsfusion.contradictions.find import words
from newsfusion.resolve import CorpusState
from newsfusion.resolve.grading import _claim_groups, source_key

VOCAB = "army rebels village market killed wounded attack fled convoy bridge town police fired protesters ceasefire talks".split()


def _reference(state):
    claims = [(d, c, words(c.content)) for d in state.records for c in d.claims if c.stance != "deny"]
    index = {}
    for i, (_, _, ws) in enumerate(claims):
        for w in ws:
            index.setdefault(w, []).append(i)
    support = {}
    for i, (d, c, ws) in enumerate(claims):
        shared = Counter(j for w in ws for j in index[w] if j != i)
        keys = {source_key(d, c, state)}
        for j, n in shared.items():
            if ws and claims[j][2] and n / min(len(ws), len(claims[j][2])) >= 0.6:
                keys.add(source_key(claims[j][0], claims[j][1], state))
        support[(d.doc_id, c.id)] = keys
    return support


def test_prefix_filtered_support_equals_all_pairs():
    for seed in range(4):
        rnd = random.Random(seed)
        docs = []
        for d in range(40):
            claims = [{"id": f"c{k}", "source": rnd.choice(["Army", "Residents", "Police", "UN"]),
                       "source_kind": rnd.choice(["named_org", "anonymous"]), "stance": rnd.choice(["assert"] * 4 + ["deny"]),
                       "content": " ".join(rnd.sample(VOCAB, rnd.randint(0, 6)))} for k in range(rnd.randint(0, 4))]
            docs.append({"doc_id": f"d{d}", "document": {"outlet": rnd.choice(["Outlet A", "Outlet B"])}, "claims": claims})
        state = CorpusState(docs=docs)
        got = _claim_groups(state)
        assert got == _reference(state)
        assert any(len(v) > 1 for v in got.values())
