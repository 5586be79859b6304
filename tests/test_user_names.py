"""Names added at run time: ``add_names`` and a user lexicon file, for one pipeline only."""

from __future__ import annotations

import spacy
import pytest

import ordos_nlp
from ordos_nlp.entities.user_names import UserNames

# the seed's enumeration with its five company names swapped for unseen ones
TEXT = "依托恒基、瑞丰、鑫源、永盛、华宇5家驻地煤化工企业"
NAMES = {"恒基": "ORG", "瑞丰": "ORG", "鑫源": "ORG", "永盛": "ORG", "华宇": "ORG"}


def ents(nlp, text=TEXT):
    return [(e.text, e.label_) for e in nlp(text).ents if e.label_ != "QUANTITY"]


def test_add_names_to_one_pipeline_only():
    text = "鑫源表示,恒基与瑞丰签约。"
    before = ordos_nlp.extract(text)
    nlp = ordos_nlp.load(config={"components.ordos_entities.home_region": "150000"})  # a pipeline of its own
    nlp.get_pipe("ordos_entities").add_names({"鑫源": "GPE", "恒基": "LOC", "瑞丰": "PERSON"})
    assert ents(nlp, text) == [("鑫源", "GPE"), ("恒基", "LOC"), ("瑞丰", "PERSON")]
    assert ents(nlp) == [(n, "GPE" if n == "鑫源" else "LOC" if n == "恒基" else "PERSON" if n == "瑞丰" else "ORG")
                         for n in NAMES]
    assert ordos_nlp.extract(text) == before  # the shared pipeline never saw them


def test_user_lexicon_file(tmp_path):
    path = tmp_path / "names.tsv"
    path.write_text("# my corpus\n恒基\tORG\n瑞丰 ORG\n鑫源\n永盛\tORG\n华宇\tORG\n", "utf-8")
    nlp = ordos_nlp.load(user_lexicon=path)
    assert ents(nlp) == list(NAMES.items())
    assert ordos_nlp.load(user_lexicon=str(path)) is not ordos_nlp.load()


def test_names_survive_to_disk(tmp_path):
    nlp = ordos_nlp.load(config={"components.ordos_entities.home_region": "150000"})
    nlp.get_pipe("ordos_entities").add_names({"巴音敖包": "GPE"})
    nlp.to_disk(tmp_path / "pipe")
    again = spacy.load(tmp_path / "pipe")
    assert ("巴音敖包", "GPE") in ents(again, "巴音敖包的牧民")


def test_longest_name_wins_and_offsets_hold():
    names = UserNames()
    names.add({"华宇": "ORG", "华宇能源": "ORG", "能源局": "ORG"})
    found = [(c.start, c.end, c.label) for c in names("华宇能源局")]
    assert found == [(0, 4, "ORG")]


@pytest.mark.parametrize(
    "bad, error",
    [([("恒基", "ORG")], TypeError), ({"恒基": 1}, TypeError), ({"恒基": "COMPANY"}, ValueError), ({" 恒基": "ORG"}, ValueError)],
)
def test_bad_names(bad, error):
    with pytest.raises(error):
        UserNames().add(bad)


def test_bad_lexicon_path(tmp_path):
    with pytest.raises(TypeError, match="int"):
        ordos_nlp.load(user_lexicon=3)
    with pytest.raises(FileNotFoundError):
        ordos_nlp.load(user_lexicon=tmp_path / "missing.tsv")
    bad = tmp_path / "bad.tsv"
    bad.write_text("恒基\tORG\textra\n", "utf-8")
    with pytest.raises(ValueError, match="bad.tsv:1"):
        UserNames().load(bad)
