import pytest

from newsfusion.errors import PipelineError
from newsfusion.model import Article, Doc
from newsfusion.pipeline import Pipeline, stage


def test_order_is_checked():
    with pytest.raises(PipelineError) as e:
        Pipeline(["events"])
    assert "requires" in str(e.value) and e.value.code == "E102"


def test_stage_must_return_doc():
    @stage("broken_for_test", requires=["article"], assigns=[])
    def broken(doc):
        return None

    with pytest.raises(PipelineError) as e:
        Pipeline(["broken_for_test"])(Article(text="x"))
    assert e.value.code == "E103"


def test_provenance_records_stages(pipeline):
    doc = pipeline(Article(text="Rebels attacked the town of Kidal on Monday, officials said."))
    assert isinstance(doc, Doc)
    assert set(doc.provenance) == {s.name for s in pipeline.stages}
    assert doc.sentences and doc.sentences[0].start == 0


def test_doc_id_is_content_hash():
    a, b = Article(text="same"), Article(text="same")
    assert Doc(a).doc_id == Doc(b).doc_id
    assert Doc(Article(text="other")).doc_id != Doc(a).doc_id
