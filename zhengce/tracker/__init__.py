"""The tracker: from a policy text to an accountable task list (分工方案), tracked and supervised.

accounts.py  users, roles, argon2 passwords; `Actor`
plan.py      draft a 分工方案 from a Document (tasks, units, deadlines, indicators)
forms.py     read existing 分工方案 (bracket style, key-value lines, docx/html/xlsx tables)
service.py   the Python API: every call takes an Actor, checks role and unit, logs writes
store.py     all the tracker's SQL, its own migrations, the hash-chained event log
"""
