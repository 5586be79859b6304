"""Regular expressions for the newspaper furniture around articles.

Shared by the layout (which makes each mark its own sentence) and the entity
rules (which read the people, places and newsrooms inside them). Named groups:
``names`` (people, space-separated), ``org`` (the newsroom before 记者),
``place`` (the place of a dateline).
"""

from __future__ import annotations

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A personal name or pen name in a byline: 2–4 Han characters (· for transliterations), or
# two or three characters written with spaces between them (王  丽), the last not 摄, and
# nothing but 摄 glued after them (贺 勇摄).
NAME = rf"(?:[{HAN}](?:[ \u3000]{{1,3}}(?!摄|供图)[{HAN}]){{1,2}}(?!(?!摄|供图)[{HAN}])|(?!供图|摄影)[{HAN}·]{{2,4}})"
NAMES = rf"(?P<names>{NAME}(?:[ \u3000]+{NAME})*)"
ROLE = r"(?:特约记者|见习记者|实习记者|首席记者|记者|通讯员|实习生)"

# □王彦卿 王婷婷 / □市融媒体中心记者 吴晓慧 董雷 / 本报记者 张三
BYLINE_LINE = re.compile(
    rf"^[□■◎]?[ \u3000]*(?:(?P<org>[{HAN}]{{0,16}}?)[ \u3000]*{ROLE}[ \u3000]*)?{NAMES}[ \u3000]*$"
)
BYLINE_MARK = re.compile(r"^[□■◎]")
# 教体轩 摄 / 摄影 张三 / 新华社记者 连振 摄 (the newsroom and role before the names)
CREDIT_LINE = re.compile(
    rf"^(?=摄影|.*(?:摄|摄影|供图)$)(?:摄影[：: \u3000]*)?(?:(?P<org>[{HAN}]{{0,16}}?)[ \u3000]*{ROLE}[ \u3000]*)?"
    rf"{NAMES}[ \u3000]*(?:摄影?|供图)?$"
)
# (贾宇) (鄂琛博 郝晨洋) (记者马芳) (诸葛瑞雪 摄) (支茂盛摄) at the end of a paragraph or on
# its own line (a role before the names and 摄 or 供图 after them stay outside them)
AUTHOR_MARK = re.compile(rf"[（(][ \u3000]*(?:{ROLE}[ \u3000]*)?{NAMES}(?<!摄)[ \u3000]*(?:摄影?|供图)?[ \u3000]*[)）]$")
# 康巴什讯 / 本报讯 / 新华社北京4月1日电 / 中广网呼和浩特7月14日消息 (agency: the outlet)
DATELINE = re.compile(
    rf"^(?:(?P<agency>本报|本台|新华社|中新社|人民网|新华网|[{HAN}]{{1,6}}?(?:网|社|台|报))(?P<place>[{HAN}]{{2,8}}?)?"
    rf"(?:[0-9０-９]{{1,2}}月[0-9０-９]{{1,2}}日)?(?:电|消息)|(?P<dplace>[{HAN}]{{2,8}}?)讯)(?=[ \u3000，,：:(（]|$)"
)
# 市融媒体中心记者王佳璇 陈素德 (inside a paragraph, right after a dateline)
INLINE_BYLINE = re.compile(
    rf"(?P<org>[{HAN}]{{0,16}}?){ROLE}[ \u3000]*(?P<names>{NAME}(?=[ \u3000])(?:[ \u3000]+{NAME}(?=[ \u3000]|$))*)"
)
# (上接第一版) / (下转第三版) / (紧接第2版): where an article runs on from or to
CONTINUATION = re.compile(
    r"^[（(][ \u3000]*(?:上接|下转|紧接|接|转|续)[ \u3000]*第?[0-9０-９一二三四五六七八九十百A-Za-z]+版[ \u3000]*[)）]$"
)
NOT_NAME_CHARS = set("第版接转续见上下完")


def clean_names(names: str) -> list[tuple[int, str]]:
    """``(offset, name)`` for each name in a ``names`` group, offsets relative to it."""
    out = []
    for m in re.finditer(NAME, names):
        if not NOT_NAME_CHARS.intersection(m.group()):
            out.append((m.start(), m.group()))
    return out
