"""Labels of the web pages: Chinese first, English as the second language (`?lang=en`)."""

from __future__ import annotations

LANGUAGES = ("zh", "en")

# key -> (Chinese, English)
LABELS: dict[str, tuple[str, str]] = {
    "app": ("政策知识库", "Policy knowledge base"),
    "home": ("首页", "Home"),
    "search": ("检索", "Search"),
    "search_hint": (
        '繁体或简体；"短语"；OR 表示或；-词 表示排除',
        'traditional or simplified; "phrases"; OR; -word to exclude',
    ),
    "documents": ("文献", "Documents"),
    "document": ("文献", "Document"),
    "people": ("人物", "People"),
    "person": ("人物", "Person"),
    "formulations": ("提法", "Formulations"),
    "timeline": ("时间线", "Timeline"),
    "compare": ("比较", "Compare"),
    "tasks": ("任务", "Tasks"),
    "task": ("任务", "Task"),
    "unit": ("单位", "Unit"),
    "login": ("登录", "Log in"),
    "logout": ("退出", "Log out"),
    "username": ("用户名", "User name"),
    "password": ("密码", "Password"),
    "login_failed": ("用户名或密码不对", "Wrong user name or password"),
    "login_needed": ("请先登录", "Please log in first"),
    "results": ("条结果", "results"),
    "results_capped": ("（仅统计前 {n} 篇）", "(only the first {n} documents counted)"),
    "no_results": ("没有找到", "Nothing found"),
    "page": ("页", "Page"),
    "previous": ("上一页", "Previous"),
    "next": ("下一页", "Next"),
    "download": ("下载", "Download"),
    "participants_of_results": ("这些结果的与会人员", "Participants of these results"),
    "facet_year": ("年份", "Year"),
    "facet_kind": ("文种", "Document type"),
    "facet_place": ("地区", "Place"),
    "facet_region": ("区域", "Region"),
    "facet_person": ("人物", "Person"),
    "facet_speaker": ("讲话人", "Speaker"),
    "facet_theme": ("主题", "Theme"),
    "facet_formulation": ("提法", "Formulation"),
    "remove_filter": ("去掉", "remove"),
    "title": ("标题", "Title"),
    "date": ("日期", "Date"),
    "kind": ("文种", "Type"),
    "place": ("地点", "Place"),
    "source": ("来源", "Source"),
    "speaker": ("讲话人", "Speaker"),
    "outline": ("提纲", "Outline"),
    "text": ("正文", "Text"),
    "measures": ("措施", "Measures"),
    "targets": ("目标", "Targets"),
    "units": ("责任单位", "Responsible units"),
    "participants": ("与会人员", "Participants"),
    "not_participants": ("提及但未出席", "Named, not present"),
    "edits": ("修改记录", "Edits"),
    "edits_view": ("原文与规范文本对照", "Raw beside normalized"),
    "raw_text": ("原文", "Raw text"),
    "normalized_text": ("规范文本", "Normalized text"),
    "stage": ("环节", "Stage"),
    "before": ("修改前", "Before"),
    "after": ("修改后", "After"),
    "reason": ("原因", "Reason"),
    "confidence": ("置信度", "Confidence"),
    "guess": ("推测", "guess"),
    "guesses": ("推测修改", "Guesses"),
    "no_edits": ("没有修改", "No edits"),
    "legend": ("图例", "Legend"),
    "details": ("详情", "Details"),
    "click_fact": ("点击高亮文字查看详情", "Click highlighted text for its details"),
    "positions": ("职务", "Positions"),
    "role": ("角色", "Role"),
    "events": ("活动", "Events"),
    "first_date": ("最早", "First"),
    "last_date": ("最晚", "Last"),
    "named_not_present": ("提及未出席", "Named, not present"),
    "term": ("提法", "Term"),
    "first_seen": ("首次出现", "First seen"),
    "mentions": ("提及次数", "Mentions"),
    "known": ("词表", "Lexicon"),
    "discovered": ("新发现", "Discovered"),
    "terms": ("提法（逗号分隔）", "Terms (comma-separated)"),
    "by_month": ("按月", "By month"),
    "by_year": ("按年", "By year"),
    "raw_counts": ("篇数", "Documents"),
    "per_1000": ("每千篇", "Per 1,000 documents"),
    "show": ("显示", "Show"),
    "sides": (
        "比较对象（每行一个：文献编号，或 名称:place=黑龙江,from=2023）",
        "Sides (one per line: a document id, or LABEL:place=黑龙江,from=2023)",
    ),
    "presets": ("预设", "Presets"),
    "theme_profile": ("主题分布（段落）", "Theme profile (paragraphs)"),
    "measure_profile": ("主题分布（措施）", "Theme profile (measures)"),
    "only_here": ("仅此一方的措施", "Measures only here"),
    "shared_terms": ("共有提法", "Shared formulations"),
    "new_terms": ("新出现的提法", "New formulations"),
    "api_docs": ("接口文档", "API docs"),
    "language": ("English", "中文"),
    "summary": ("概况", "Summary"),
    "recent": ("最近的文献", "Recent documents"),
    "top_people": ("出席最多的人物", "People at most events"),
    "status": ("状态", "Status"),
    "light": ("灯", "Light"),
    "deadline": ("时限", "Deadline"),
    "lead_unit": ("牵头单位", "Lead unit"),
    "submit": ("提交", "Submit"),
    "error": ("出错了", "Error"),
    "count": ("数量", "Count"),
    "all": ("全部", "All"),
    "doc_tasks": ("本文献的任务", "Tasks of this document"),
    "examples": ("常用问题", "Common questions"),
    "example_attended": ("2024年座谈会的与会人员", "Who attended the 2024 symposiums"),
    "example_compare": (
        "黑龙江与重庆的议程比较",
        "Heilongjiang and Chongqing agendas side by side",
    ),
    "example_timeline": ("新质生产力与高质量发展的时间线", "Timeline of two formulations"),
    "light_red": ("红灯", "red"),
    "light_yellow": ("黄灯", "yellow"),
    "light_green": ("绿灯", "green"),
    "overdue": ("逾期", "Overdue"),
    "closed": ("已销号", "Closed"),
    "on_time_rate": ("未逾期率", "Share not overdue"),
    "days_left": ("剩余天数", "Days left"),
    "supporting_units": ("配合单位", "Supporting units"),
    "units_guessed": ("单位为推测", "units are a guess"),
    "task_text": ("任务内容", "Task"),
    "source_sentence": ("来源原文", "Source sentence"),
    "workflow": ("办理", "Workflow"),
    "note": ("说明", "Note"),
    "no_steps": ("当前没有可办理的步骤", "No step open to you now"),
    "report": ("报送进展", "Report progress"),
    "progress": ("进展情况", "Progress"),
    "value": ("指标数值（可选）", "Indicator value (optional)"),
    "reports": ("进展报告", "Reports"),
    "evidence": ("佐证材料", "Evidence"),
    "propose_evidence": ("从后续文献查找佐证", "Find evidence in later documents"),
    "accept": ("采纳", "Accept"),
    "reject": ("不采纳", "Reject"),
}


def label(lang: str, key: str) -> str:
    zh, en = LABELS.get(key, (key, key))
    return en if lang == "en" else zh


THEMES: dict[str, tuple[str, str]] = {
    "innovation_industry": ("科技创新与产业", "Innovation and industry"),
    "agriculture_food": ("农业与粮食", "Agriculture and food"),
    "ecology": ("生态环境", "Ecology"),
    "energy_resources": ("能源资源", "Energy and resources"),
    "infrastructure": ("基础设施", "Infrastructure"),
    "opening_cooperation": ("对外开放与合作", "Opening up and cooperation"),
    "reform_market": ("改革与市场", "Reform and markets"),
    "livelihood": ("民生", "Livelihood"),
    "urbanization_rural": ("城镇化与乡村", "Urbanization and rural areas"),
    "ethnic_border": ("民族与边疆", "Ethnic and border areas"),
    "party_building": ("党的建设", "Party building"),
    "disaster_safety": ("防灾与安全", "Disasters and safety"),
    "culture_tourism": ("文化旅游", "Culture and tourism"),
}

KINDS: dict[str, tuple[str, str]] = {
    "news": ("新闻", "News"),
    "meeting_report": ("会议报道", "Meeting report"),
    "policy_document": ("政策文件", "Policy document"),
    "programme_part": ("新闻联播节目段", "Programme segment"),
}


def theme_label(lang: str, theme: str | None) -> str:
    if not theme:
        return ""
    zh, en = THEMES.get(theme, (theme, theme))
    return en if lang == "en" else zh


def kind_label(lang: str, kind: str | None) -> str:
    if not kind:
        return ""
    zh, en = KINDS.get(kind, (kind, kind))
    return en if lang == "en" else zh
