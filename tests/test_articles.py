"""The articles of a newspaper page (cases in tests/cases/articles.json)."""

import json
from pathlib import Path

import pytest

import ordos_nlp
from ordos_nlp.layout.articles import Article

ROOT = Path(__file__).resolve().parents[1]
CASES = json.loads((ROOT / "tests" / "cases" / "articles.json").read_text("utf-8"))
PAGE = (ROOT / CASES["document"]).read_text("utf-8")


@pytest.fixture(scope="module")
def articles():
    return ordos_nlp.split_articles(PAGE)


def _summary(a: Article) -> dict:
    return {
        "start": a.start,
        "end": a.end,
        "headline": [h.text for h in a.headline],
        "subheads": len(a.subheads),
        "byline": a.byline and {"org": a.byline.org and a.byline.org.text, "persons": [p.text for p in a.byline.persons]},
        "dateline": a.dateline
        and {"text": a.dateline.text, "place": a.dateline.place and [a.dateline.place.text, a.dateline.place.name, a.dateline.place.adcode]},
        "body": [a.body.start, a.body.end],
        "author_mark": a.author_mark and [p.text for p in a.author_mark.persons],
        "photo_credit": a.photo_credit and [p.text for p in a.photo_credit.persons],
        "continuation": a.continuation and a.continuation.text,
    }


def test_seed_page_articles(articles):
    assert [_summary(a) for a in articles] == CASES["articles"]
    assert [a.index for a in articles] == list(range(len(articles)))


def test_every_part_has_exact_offsets(articles):
    def check(part):
        if part is None:
            return
        if hasattr(part, "text"):
            assert PAGE[part.start : part.end] == part.text
        for name in ("org", "place"):
            check(getattr(part, name, None))
        for p in getattr(part, "persons", ()):
            check(p)

    for a in articles:
        for part in (*a.headline, *a.subheads, a.byline, a.dateline, a.author_mark, a.photo_credit, a.continuation):
            check(part)
        assert a.start <= a.body.start < a.body.end <= a.end


def test_to_dict_is_json_and_complete(articles):
    d = json.loads(json.dumps(articles[3].to_dict(), ensure_ascii=False))
    assert set(d) == {"index", "start", "end", "headline", "subheads", "byline", "dateline", "body",
                      "author_mark", "photo_credit", "continuation"}
    assert d["dateline"]["place"] == {"text": "康巴什", "start": 2193, "end": 2196, "name": "康巴什区", "adcode": "150603"}
    assert d["author_mark"]["persons"] == [{"text": "贾宇", "start": 2745, "end": 2747}]


def test_sentences_carry_their_article(articles):
    sentences = ordos_nlp.extract(PAGE)
    for s in sentences:
        holding = [a.index for a in articles if a.start <= s.start < a.end]
        assert s.article == (holding[0] if holding else None)
    assert {s.article for s in sentences} == set(range(len(articles)))


def test_plain_text_is_one_article():
    [a] = ordos_nlp.split_articles("全年地区生产总值4263.9亿元,比上年增长10.2%。")
    assert a.headline == () and a.body.start == 0


def test_type_error_names_the_type():
    with pytest.raises(TypeError, match="bytes"):
        ordos_nlp.split_articles(b"x")
    assert ordos_nlp.split_articles("") == []
