"""The line shapes segmentation recognizes: page metadata, datelines, photo captions, bylines.

Each is one compiled pattern with a comment saying which real shape it covers, so a
newcomer can add a shape without reading the classifier.
"""

from __future__ import annotations

import re
from functools import cache

from zhengce import dates
from zhengce.lexicon import load_table

HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
NAME = rf"[{HAN}·]{{2,5}}"  # a Chinese personal name (with · for transcribed names)

# Publication date and time as pages print them: 2023-09-09 16:14, 2024-04-24 09:13:41,
# 2018年02月07日 10:30.
DATETIME = dates.DATETIME

# Labelled page metadata: 发布时间：… | 来源：… | 作者：… | 责任编辑：… (any order, any subset).
LABELLED = re.compile(r"(?:发布时间|发布日期|发表时间|来源|作者|责任编辑|编辑|字号)\s*[:：]")

# A bare "source date time" line under a headline: 新华网 2023-09-09 16:14.
SOURCE_AND_DATE = re.compile(
    rf"^(?P<source>[{HAN}A-Za-z]{{1,16}}?(?:网|社|报|台|客户端|政府|办公厅|新闻|频道))\s+"
    r"(?:19|20)\d\d-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d\d(?::\d\d)?)?$"
)

# A date line, perhaps followed by labelled fields: 2018-02-07 来源:国务院办公厅.  Only the
# numeric form: a line "2022年12月6日" is the date under a letter, part of the text.
DATE_FIRST = re.compile(
    r"^(?:19|20)\d\d[-/]\d{1,2}[-/]\d{1,2}(?:\s+\d{1,2}:\d\d(?::\d\d)?)?(?:\s|$)"
)

# Page chrome that is neither text nor publication data: breadcrumbs, footers, share bars.
CHROME = re.compile(
    r"当前位置|您现在的位置|首页\s*[>＞»]|主办单位\s*[:：]|承办单位\s*[:：]|协办单位\s*[:：]|访问统计|"
    r"版权所有|ICP备|网站地图|联系我们|【字体|打印本页|关闭窗口|分享到|扫一扫"
)

# Markdown scaffolding of the 新闻联播 transcripts: [查看原文](address), 更新时间：…


@cache
def source_link_line() -> re.Pattern[str]:
    """A line that is only a link back to the page the text was copied from: [查看原文](url).

    The link texts are the rows of data/source_links.tsv, which the markup stage reads too.
    """
    texts = "|".join(map(re.escape, sorted(row["text"] for row in load_table("source_links"))))
    return re.compile(rf"^\[(?:{texts})\]\((?P<url>[^)\s]+)\)[ \t]*$", re.MULTILINE)


UPDATED = re.compile(r"^更新时间[:：]")
MARKUP_ONLY = re.compile(r"^(?:<!--.*-->|-{3,}|\*{3,}|_{3,})$")
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+")
BOLD_ONLY = re.compile(r"^\*\*(?P<text>[^*]+)\*\*$")

# A dateline opens a news report: 新华社哈尔滨9月9日电, 本报北京3月5日电, 本报讯,
# **央视网消息**（新闻联播）：, 中新网上海6月1日电.  The agency ends in 社/网/报/台.
DATELINE = re.compile(
    rf"^(?P<head>(?:\*\*)?(?:据)?(?P<agency>[{HAN}]{{1,5}}?(?:社|网|报|台))"
    r"(?:(?P<kind>讯|消息)(?:\*\*)?"
    rf"|(?P<city>[{HAN}]{{2,8}}?)?(?:(?P<month>\d{{1,2}})月)?(?:(?P<day>\d{{1,2}})日)?电))"
    rf"(?P<credit>\s*[（(][^（）()\n]{{0,40}}[）)])?\s*[:：]?\s*"
)

# A byline naming reporters and correspondents: （记者 曹忠义）, (记者 张三 李四),
# （记者张三、李四 通讯员 王五）.  BYLINE_PART splits it into role words and names.
BYLINE = re.compile(
    rf"[（(](?P<names>\s*(?:本报|新华社|央视)?(?:记者|通讯员|通信员)[{HAN}·、，,\s]{{2,40}})[）)]"
)
BYLINE_PART = re.compile(rf"(?P<role>(?:本报|新华社|央视)?(?:记者|通讯员|通信员|实习生))|{NAME}")

# A photo caption ends with its credit: 新华社记者 鞠鹏 摄, （记者 张三 摄）, 新华社发.
CAPTION_CREDIT = re.compile(
    rf"(?:(?:[{HAN}]{{0,6}}记者|摄影)\s*(?P<names>{NAME}(?:\s*[、，,\s]\s*{NAME})*)\s*摄"
    r"|新华社发(?:\s*[（(][^）)]{0,30}[）)])?)[）)]?\s*$"
)

# A document number on its own line under a title: 国发〔2019〕3号.
DOC_NUMBER = re.compile(
    rf"(?P<number>[{HAN}]{{1,10}}\s*[〔［\[]\s*(?:19|20)\d\d\s*[〕］\]]\s*\d{{1,4}}\s*号)"
)
DOC_NUMBER_LINE = re.compile(rf"^[（(]?{DOC_NUMBER.pattern}[）)]?$")

# Editors and authors in a labelled metadata line.  Written so that every branch starts with
# a plain character (责任编辑|编辑, not (?:责任)?编辑; the lookbehind after 作者): `re` then skips
# ahead to those characters instead of trying the pattern at every position.
EDITOR = re.compile(rf"(?:责任编辑|编辑)\s*[:：]\s*(?P<name>[{HAN}·]{{2,}})")
AUTHOR = re.compile(rf"作者(?<!责任作者)\s*[:：]\s*(?P<name>[{HAN}·]{{2,}})")
SOURCE_LABEL = re.compile(rf"来源\s*[:：]\s*(?P<source>[{HAN}A-Za-z0-9·]{{2,30}})")

# The opening of an outline heading (一、 （一） 第一章 第一条): body text, never a headline.
OUTLINE_START = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十\d]+[章节条])"
)

# Subtitle lines of a headline: 李强蔡奇丁薛祥出席, 丁薛祥陪同, 王沪宁蔡奇参加汇报会, ——记….
SUBTITLE = re.compile(
    rf"^(?:[—－-]{{1,2}}|[{HAN}、，,\s]{{2,40}}(?:出席|陪同|参加|会见|主持)[{HAN}]{{0,3}}$)"
)

# The line under a law's title that says when and by which meeting it was adopted, revised or
# amended: "2022年6月24日 第十三届全国人民代表大会常务委员会第三十五次会议通过", also in
# brackets ((2020年9月25日山东省…会议通过)).  Metadata, never part of the title.
ADOPTION = re.compile(
    rf"^[（(]?\s*(?P<date>(?:19|20)\d\d年\d{{1,2}}月\d{{1,2}}日)\s*(?:根据)?"
    rf"(?P<by>[{HAN}（）()]{{2,60}}?会议)(?P<what>.{{0,80}}?)"
    r"(?P<verb>通过|修订|修正|批准|公布)[）)]?$"
)

# A heading of a law's or document's structure (第一编, 第一章, 第一节, 一、, （一）, 序言, 附则)
# written as a Markdown heading: it is part of the outline, not a subtitle.
STRUCTURE_HEADING = re.compile(
    r"^(?:第[一二三四五六七八九十百零\d]+[编章节]|[一二三四五六七八九十]+、"
    r"|[（(][一二三四五六七八九十]+[）)]|序\s*言$|附\s*则$)"
)
