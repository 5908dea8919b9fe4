"""Every export of the demo knowledge base loads in the tool an analyst would open it with.

pandas reads the CSVs and Parquet files, networkx the GraphML and GEXF files,
stix2's parser the STIX bundle, json plus a FeatureCollection check the
GeoJSON; the ACLED column set is compared with ACLED's codebook.
"""

from __future__ import annotations

import io
import json
from collections import Counter

import pytest

pd = pytest.importorskip("pandas", reason="the exports extra (pandas) is not installed: pip install 'newsfusion[exports]'")

from newsfusion.export.common import GEONAMES_ATTRIBUTION  # noqa: E402
from newsfusion.export.data import event_facts  # noqa: E402
from newsfusion.export.tables import TABLES  # noqa: E402

# ACLED codebook (2024): the 31 columns of an ACLED export, in its order.
ACLED_CODEBOOK = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
                "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def _text(write) -> str:
    buf = io.StringIO()
    write(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def acled(demo_kb):
    return pd.read_csv(io.StringIO(_text(demo_kb.export_acled_csv)))


# ------------------------------------------------------------------ ACLED


def test_acled_csv_has_the_31_codebook_columns_and_one_row_per_event(acled, demo_kb):
    assert list(acled.columns) == ACLED_CODEBOOK and len(ACLED_CODEBOOK) == 31
    assert len(acled) == len(demo_kb.events()) > 0
    assert acled["event_id_cnty"].is_unique


def test_acled_conventions(acled):
    assert acled["fatalities"].notna().all() and (acled["fatalities"] >= 0).all()  # 0 when none stated, never blank
    assert set(acled["country"]) == {"Democratic Republic of the Congo"} and set(acled["iso"]) == {180}  # names, ISO numeric
    assert set(acled["region"]) == {"Middle Africa"}
    assert set(acled["disorder_type"]) <= {"Political violence", "Demonstrations", "Strategic developments", "Political violence; Demonstrations"}
    assert set(acled["time_precision"].dropna()) <= {1, 2, 3}
    undated = acled[acled["event_date"].isna()]
    assert len(undated) < len(acled) and undated["tags"].str.contains("date unknown").all()
    assert acled["year"].isna().equals(acled["event_date"].isna())
    assert set(acled["inter1"].dropna()) <= set(range(1, 9)) and acled["inter1"].notna().sum() >= len(acled) - 2
    for _, r in acled.iterrows():  # interaction: the two codes, lower first; a sole actor's code times ten
        if pd.notna(r["inter1"]) and pd.notna(r["inter2"]):
            i1, i2 = int(r["inter1"]), int(r["inter2"])
            assert int(r["interaction"]) == (i1 * 10 if i2 == 0 else min(i1, i2) * 10 + max(i1, i2))
    civ = acled[acled["civilian_targeting"] == "Civilian targeting"]
    assert len(civ) and (civ["inter2"] == 7).all()
    outlets = {"Grand Nord Observer", "Kivu Dispatch", "Radio Kivu Echo", "Great Lakes Monitor"}
    for s in acled["source"].dropna():  # the outlets, never the people quoted
        assert set(s.split("; ")) <= outlets


def test_acled_fused_event_lists_every_outlet_and_the_disputed_figures(acled):
    fused = acled[acled["source"].fillna("").str.count(";") >= 2]
    assert len(fused) >= 1
    disputed = acled[acled["tags"].fillna("").str.contains("fatalities disputed")]
    assert len(disputed) >= 1
    for _, r in disputed.iterrows():
        assert "fatalities disputed" in r["notes"] and " per " in r["notes"]
        assert r["fatalities"] == min(int(x) for x in __import__("re").findall(r"\b(\d+) per", r["notes"]))  # the most conservative


def test_denied_and_alleged_events_are_marked_and_the_denier_is_never_actor1(demo_data, acled):
    denials = {}
    claims = {(c.doc_id, c.id): c for c in demo_data.claims}
    for ev in demo_data.events:
        for d, local in ev.reports:
            rec = next(r for r in demo_data.records[d]["events"] if r["id"] == local)
            for cid in rec.get("claims") or []:
                if claims[(d, cid)].stance == "deny":
                    denials.setdefault(ev.id, set()).add(claims[(d, cid)].source)
    assert denials, "the demo corpus has denied events"
    rows = acled.set_index("event_id_cnty")
    for ev_id, deniers in denials.items():
        assert "denied" in rows.loc[ev_id, "tags"]
        assert rows.loc[ev_id, "actor1"] not in deniers if pd.notna(rows.loc[ev_id, "actor1"]) else True
        assert all(name not in str(rows.loc[ev_id, "actor1"]) for name in deniers)
    alleged = [e.id for e in demo_data.events if "alleged" in (e.summary.get("statuses") or [])]
    assert alleged and all("alleged" in rows.loc[i, "tags"] for i in alleged)


def test_no_toll_is_counted_twice(demo_data, acled):
    """A toll stated once in an article is carried by one event only, so sums over events do not double."""
    seen = Counter()
    for f in event_facts(demo_data):
        for fig in f.figures:
            if not fig.counted or not (fig.min or fig.max):
                continue
            rec = next(r for r in demo_data.records[fig.doc_id]["events"] if r["id"] == fig.event)
            seen[(fig.doc_id, tuple(rec["evidence_span"]), fig.min, fig.max)] += 1
    assert seen and max(seen.values()) == 1
    # every report figure belongs to one event: the sum over rows is at most the sum over distinct report tolls
    assert acled["fatalities"].sum() <= sum(max(k[2] or 0, k[3] or 0) for k in seen)


def test_ucdp_csv_gives_low_best_high(demo_kb):
    df = pd.read_csv(io.StringIO(_text(demo_kb.export_ucdp_csv)))
    assert {"type_of_violence", "side_a", "side_b", "best", "low", "high", "deaths_civilians", "deaths_unknown", "number_of_sources", "source_original"} <= set(df.columns)
    assert len(df) > 0 and set(df["type_of_violence"]) <= {1, 2, 3}
    assert ((df["low"] <= df["best"]) & (df["best"] <= df["high"])).all()
    assert (df["deaths_a"] + df["deaths_b"] + df["deaths_civilians"] + df["deaths_unknown"] == df["best"]).all()
    disputed = df[df["low"] < df["high"]]
    assert len(disputed) >= 1  # the clash whose toll the sources give differently


# ------------------------------------------------------------------ PLOVER


def test_plover_records_are_complete(demo_kb):
    rows = [json.loads(line) for line in _text(demo_kb.export_plover).splitlines()]
    assert len(rows) == len(demo_kb.events()) > 0
    for r in rows:
        assert r["event_type"] in PLOVER_TYPES
        assert r["mode"] or r["event_type"] in ("AGREE", "SUPPORT", "COOPERATE")  # types PLOVER gives no mode
        assert isinstance(r["context"], list)
        assert r["story"]["story_id"] and {"publisher", "headline", "date", "url"} <= set(r["story"])
        assert r["reports"] and all(rep["doc_id"] and "story" in rep for rep in r["reports"])
        for p in r["actors"] + r["recipients"]:
            assert {"raw_text", "entity_name", "country", "sector"} <= set(p)
        if r["location"]["lat"] is not None:
            assert r["location"]["attribution"] == GEONAMES_ATTRIBUTION
    assert any(p["sector"] for r in rows for p in r["actors"])
    fused = [r for r in rows if len(r["reports"]) > 1]
    assert fused, "the demo corpus has one event reported by several outlets"
    assert any(r["location"]["geonames_id"] for r in rows)
    assert any("military" in r["context"] for r in rows)


# ------------------------------------------------------------------ graphs


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
@pytest.mark.parametrize("events", [False, True])
def test_graph_exports_load_in_networkx(demo_kb, tmp_path, fmt, events):
    nx = pytest.importorskip("networkx")
    path = tmp_path / f"kb.{fmt}"
    with open(path, "w", encoding="utf-8") as fp:
        n = getattr(demo_kb, f"export_{fmt}")(fp, events=events)
    g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    ents = {e.id for e in demo_kb.entities()}
    assert g.number_of_nodes() == n
    assert set(g.nodes) == (ents | {e.id for e in demo_kb.events()} if events else ents)
    assert g.number_of_edges() > 0
    for _, attrs in g.nodes(data=True):
        assert all(v is not None for v in attrs.values())
        assert isinstance(attrs.get("documents", 0), int)
        if "latitude" in attrs:
            assert isinstance(attrs["latitude"], float)
    for _, _, attrs in g.edges(data=True):
        assert attrs["predicate"] and isinstance(attrs["weight"], float)
    if events:
        assert {a["predicate"] for _, _, a in g.edges(data=True)} >= {"actor1", "located_in"}
    again = tmp_path / f"again.{fmt}"
    with open(again, "w", encoding="utf-8") as fp:
        getattr(demo_kb, f"export_{fmt}")(fp, events=events)
    assert again.read_text() == path.read_text()  # stable ids, stable order


# ------------------------------------------------------------------ STIX


def test_stix_bundle_parses_with_stix2(demo_kb, demo_data):
    stix2 = pytest.importorskip("stix2", reason="the exports extra (stix2) is not installed")
    bundle = stix2.parse(_text(demo_kb.export_stix))  # stix2 validates every object against STIX 2.1
    kinds = Counter(o.type for o in bundle.objects)
    assert kinds["report"] == len(demo_data.documents)  # one report per article
    assert kinds["incident"] == len(demo_data.events)
    assert kinds["threat-actor"] >= 1 and kinds["location"] >= 1 and kinds["relationship"] >= 1 and kinds["identity"] >= 1
    assert kinds["note"] + kinds["opinion"] == len(demo_data.claims)
    objs = {o.id: o for o in bundle.objects}
    for o in bundle.objects:
        if o.type == "report":
            assert all(ref in objs for ref in o.object_refs)
        if o.type == "relationship":
            assert o.source_ref in objs and o.target_ref in objs
        if o.type == "location" and "latitude" in o:
            assert o.object_marking_refs and objs[o.object_marking_refs[0]].definition.statement == GEONAMES_ATTRIBUTION
    denials = [o for o in bundle.objects if o.type == "opinion" and o.opinion == "strongly-disagree"]
    assert denials, "a denial is the source's opinion on the event"
    graded = [o for o in bundle.objects if o.type == "incident" and "confidence" in o]
    assert graded and all(o.confidence in (10, 30, 50, 70, 90) for o in graded)
    assert _text(demo_kb.export_stix) == _text(demo_kb.export_stix)  # deterministic ids and times


# ------------------------------------------------------------------ GeoJSON


def test_geojson_is_a_feature_collection(demo_kb):
    fc = json.loads(_text(demo_kb.export_geojson))
    assert fc["type"] == "FeatureCollection" and isinstance(fc["features"], list)
    assert fc["attribution"] == GEONAMES_ATTRIBUTION
    assert len(fc["features"]) == len(demo_kb.events())
    points = 0
    for f in fc["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict)
        assert set(ACLED_CODEBOOK) <= set(f["properties"])
        g = f["geometry"]
        if g is None:
            continue
        assert g["type"] == "Point" and len(g["coordinates"]) == 2
        lon, lat = g["coordinates"]
        assert isinstance(lon, float) and isinstance(lat, float) and -180 <= lon <= 180 and -90 <= lat <= 90
        assert (lat, lon) == (f["properties"]["latitude"], f["properties"]["longitude"])
        points += 1
    assert points > 0


# ------------------------------------------------------------------ tables


@pytest.mark.parametrize("table", list(TABLES))
def test_tables_load_as_csv_and_parquet(demo_kb, tmp_path, table):
    pytest.importorskip("pyarrow", reason="the exports extra (pyarrow) is not installed")
    import pyarrow.parquet as pq

    df = pd.read_csv(io.StringIO(_text(lambda fp: demo_kb.export_table_csv(table, fp))))
    assert list(df.columns) == list(TABLES[table]) and len(df) > 0
    path = tmp_path / f"{table}.parquet"
    with open(path, "wb") as fp:
        n = demo_kb.export_table_parquet(table, fp)
    pf = pd.read_parquet(path)
    assert list(pf.columns) == list(TABLES[table]) and len(pf) == n == len(df)
    assert pq.read_schema(path).metadata[b"attribution"].decode() == GEONAMES_ATTRIBUTION
    for col, typ in TABLES[table].items():
        if typ == "int":
            assert str(pf[col].dtype) == "Int64", col


def test_dataframe_helpers(demo_kb):
    ev = demo_kb.events_df()
    assert len(ev) == len(demo_kb.events()) and str(ev["fatalities"].dtype) == "Int64" and ev["fatalities"].notna().all()
    rel = demo_kb.relations_df()
    assert rel["subject_entity_id"].notna().sum() >= len(rel) - 3  # relations carry entity ids
    assert set(rel["subject_entity_id"].dropna()) <= {e.id for e in demo_kb.entities()}
    claims = demo_kb.claims_df()
    assert set(claims["reliability"].dropna()) <= set("ABCDEF") and claims["outlet"].notna().any()
    assert len(demo_kb.entities_df()) == len(demo_kb.entities()) and len(demo_kb.contradictions_df()) == len(demo_kb.contradictions())


def test_jsonl_export(demo_kb):
    recs = [json.loads(line) for line in _text(demo_kb.export_jsonl).splitlines()]
    assert len(recs) == 8
    assert all({"doc_id", "entities", "events", "claims", "relations", "contradictions"} <= set(r) for r in recs)
