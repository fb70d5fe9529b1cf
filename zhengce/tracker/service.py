"""The tracker's Python API.  Every call takes the acting `Actor`; role and unit are checked
here, every write is one transaction that also appends to the hash-chained event log, and a
refused call raises `Forbidden` (or `TrackerError`) with a one-line message, writing nothing.

    from zhengce.tracker.service import Tracker
    tr = Tracker("kb.db")                         # a path or an open sqlite3 connection
    plan = tr.plan_from_file("方案.txt")            # or plan_from_document(doc) / _stored(kb, id)
    plan_id = tr.save_plan(supervisor, plan)        # supervisor | admin
    tr.list_tasks(actor, plan=, unit=, state=, light=) -> Table (a unit sees its own tasks)
    tr.get_task(actor, task_id) -> dict (with reports, evidence, events)
    tr.advance(actor, task_id, action, note, new_deadline=, new_text=)   # rules.TRANSITIONS
    tr.report(actor, task_id, text, evidence=[paths], value=)            # 进展情况 + files
    tr.propose_evidence(actor, task_id, kb_path) / tr.decide_evidence(actor, id, accept, note)
    tr.lights(actor) -> Table;  tr.notices(actor) -> Table (催办单 / 督办单)
    tr.export_ledger(actor, path) / tr.import_ledger(actor, path)     # Excel 台账 (ledger.py)
    tr.supervision_report(actor, path) / tr.notice_docx(actor, task_id, path)  (documents.py)
    tr.link_cascade(actor, central_plan, provincial_plan) / tr.coverage(actor, central_plan)
    tr.verify() -> list of problems in the event log (empty when intact)

Actions (rules.TRANSITIONS): sign 签收, start 开始推进, request_close 申请办结 (lead unit);
close 销号, return 退回整改 (supervisor); request_extension 延期申请 (lead unit) decided by
approve_extension / refuse_extension; appeal 表述调整申诉 (lead unit) decided by
accept_appeal / reject_appeal (supervisor).  The clock is injectable (`clock=`), so a
simulation can run a year of reporting in seconds.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from os import PathLike
from pathlib import Path
from typing import Any

from zhengce.model import Document
from zhengce.table import Table
from zhengce.tracker import plan as planning
from zhengce.tracker import rules, store
from zhengce.tracker.accounts import Actor

PathOrConn = store.Connection | str | PathLike[str]


class TrackerError(Exception):
    """A call the tracker cannot carry out (one line: what and why)."""


class Forbidden(TrackerError):
    """The actor's role or unit does not allow this."""


class NotFound(TrackerError):
    """No such task (or not one the actor may see)."""


TASK_TABLE_COLUMNS = [
    "id",
    "plan_id",
    "seq",
    "number",
    "outline_path",
    "title",
    "text",
    "lead_units",
    "supporting_units",
    "units_from",
    "guess",
    "deadline",
    "state",
    "light",
    "progress",
]


class Tracker:
    def __init__(
        self,
        db: PathOrConn,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        if isinstance(db, store.Connection):
            self.conn = db
            store.migrate(db)
        else:
            self.conn = store.open_db(db)
        self.clock = clock or datetime.now

    def close(self) -> None:
        self.conn.close()

    # time ------------------------------------------------------------------------------------
    def _now(self) -> str:
        return self.clock().isoformat(timespec="seconds")

    def today(self) -> date:
        return self.clock().date()

    # permissions -----------------------------------------------------------------------------
    @staticmethod
    def _require(actor: Actor, *roles: str, what: str) -> None:
        if actor.role not in roles:
            raise Forbidden(f"{actor.name} ({actor.role}) may not {what}")

    @staticmethod
    def _units_of(task: dict[str, Any]) -> tuple[list[str], list[str]]:
        return list(task["lead_units"]), list(task["supporting_units"])

    @staticmethod
    def _unit(actor: Actor) -> str | None:
        """The actor's unit under its canonical name (国家发展改革委 -> 国家发展和改革委员会)."""
        return planning.canonical(actor.unit) if actor.unit else None

    def _visible(self, actor: Actor, task: dict[str, Any]) -> bool:
        if actor.sees_all:
            return True
        leads, supports = self._units_of(task)
        return actor.role == "unit" and self._unit(actor) in leads + supports

    def _task_for(self, actor: Actor, task_id: int) -> dict[str, Any]:
        task = store.get_task(self.conn, task_id)
        if task is None or not self._visible(actor, task):
            # The same answer for a task that is not there and one the actor may not see.
            raise NotFound(f"no task {task_id} for {actor.name}")
        return task

    # plans -----------------------------------------------------------------------------------
    def plan_from_document(self, doc: Document) -> dict[str, Any]:
        return planning.plan_from_document(doc)

    def plan_from_file(self, path: str) -> dict[str, Any]:
        return planning.plan_from_file(path)

    def plan_from_stored(self, kb: Any, doc_id: str) -> dict[str, Any]:
        """The plan of a document stored in `kb` (a zhengce.api.KnowledgeBase)."""
        try:
            return planning.plan_from_stored(kb, doc_id)
        except KeyError:
            raise NotFound(f"no document {doc_id} in the knowledge base") from None

    def save_plan(
        self,
        actor: Actor,
        plan: dict[str, Any],
        *,
        cycle: str = "monthly",
        cycle_day: int = 28,
        region: str | None = None,
    ) -> int:
        """Store a drafted plan's tasks (state 待签收), logging one event per task."""
        self._require(actor, "supervisor", "admin", what="save a plan")
        if cycle not in rules.CYCLES:
            raise TrackerError(f"unknown reporting cycle {cycle!r} ({', '.join(rules.CYCLES)})")
        if not 1 <= cycle_day <= 31:
            raise TrackerError(f"report day {cycle_day} is not a day of the month")
        now = self._now()
        with store.transaction(self.conn):
            plan_id = store.insert_plan(
                self.conn,
                str(plan.get("title") or "分工方案"),
                plan.get("doc_id"),
                str(plan.get("source") or ""),
                now,
                actor.name,
                region,
            )
            store.append_event(
                self.conn,
                at=now,
                actor=actor.name,
                task_id=None,
                action="save_plan",
                payload={"plan_id": plan_id, "title": plan.get("title"), "region": region},
            )
            for ord_, task in enumerate(plan["tasks"], 1):
                record = {
                    **task,
                    "lead_units": _canonical_units(task.get("lead_units", [])),
                    "supporting_units": _canonical_units(task.get("supporting_units", [])),
                    "cycle": task.get("cycle", cycle),
                    "cycle_day": task.get("cycle_day", cycle_day),
                    "state": rules.STATES[0],
                    "region": task.get("region", region),
                    "created_on": self.today().isoformat(),
                }
                task_id = store.insert_task(self.conn, plan_id, ord_, record)
                store.append_event(
                    self.conn,
                    at=now,
                    actor=actor.name,
                    task_id=task_id,
                    action="create",
                    to_state=rules.STATES[0],
                    payload=_task_payload(record, plan_id),
                )
        return plan_id

    def units(self, actor: Actor) -> Table:
        """Units met in plans: canonical name and each way it was written."""
        self._require(actor, "supervisor", "admin", "reader", "unit", what="list units")
        return Table(store.units(self.conn), ["canonical", "alias", "first_plan"])

    def plans(self, actor: Actor) -> Table:
        self._require(actor, *("supervisor", "admin", "reader", "unit"), what="list plans")
        return Table(store.plans(self.conn))

    # reading ---------------------------------------------------------------------------------
    def _all_visible(self, actor: Actor, **filters: Any) -> list[dict[str, Any]]:
        unit = planning.canonical(filters["unit"]) if filters.get("unit") else None
        if actor.role == "unit":
            if unit not in (None, self._unit(actor)):
                raise Forbidden(f"{actor.name} may only see tasks of {actor.unit}")
            unit = self._unit(actor)
        elif actor.role not in ("supervisor", "admin", "reader"):
            raise Forbidden(f"{actor.name} ({actor.role}) may not read tasks")
        return store.list_tasks(
            self.conn, plan_id=filters.get("plan"), unit=unit, state=filters.get("state")
        )

    def list_tasks(
        self,
        actor: Actor,
        *,
        plan: int | None = None,
        unit: str | None = None,
        state: str | None = None,
        light: str | None = None,
        today: date | None = None,
    ) -> Table:
        tasks = self._all_visible(actor, plan=plan, unit=unit, state=state)
        status = self._status(tasks, today or self.today())
        rows = []
        for seq, task in enumerate(tasks, 1):
            info = status[task["id"]]
            if light is not None and info["light"] != light:
                continue
            rows.append(
                {
                    "id": task["id"],
                    "plan_id": task["plan_id"],
                    "seq": seq,
                    "number": task["number"],
                    "outline_path": task["outline_path"],
                    "title": task["title"],
                    "text": task["text"],
                    "lead_units": "、".join(task["lead_units"]),
                    "supporting_units": "、".join(task["supporting_units"]),
                    "units_from": task["units_from"],
                    "guess": task["guess"],
                    "deadline": task["deadline"]["date"] or task["deadline"]["text"],
                    "state": task["state"],
                    "light": info["light"],
                    "progress": task["progress"],
                }
            )
        return Table(rows, TASK_TABLE_COLUMNS)

    def get_task(self, actor: Actor, task_id: int) -> dict[str, Any]:
        task = self._task_for(actor, task_id)
        task["reports"] = store.reports(self.conn, task_id)
        task["evidence"] = store.evidence(self.conn, task_id)
        task["events"] = store.events(self.conn, task_id)
        task.update(self._status([task], self.today())[task_id])
        return task

    # workflow --------------------------------------------------------------------------------
    def advance(
        self,
        actor: Actor,
        task_id: int,
        action: str,
        note: str = "",
        *,
        new_deadline: str | None = None,
        new_text: str | None = None,
    ) -> dict[str, Any]:
        """Carry out one workflow action; refused actions raise and write nothing."""
        transition = rules.TRANSITIONS.get(action)
        if transition is None:
            known = ", ".join(rules.TRANSITIONS)
            raise TrackerError(f"unknown action {action!r} (one of: {known})")
        task = self._task_for(actor, task_id)
        self._check_actor(actor, task, transition)
        state = task["state"]
        if state not in transition.from_states:
            raise TrackerError(
                f"task {task_id}: cannot {transition.label} ({action}) in state {state}"
            )
        if transition.needs_note and not note.strip():
            raise TrackerError(f"task {task_id}: {transition.label} needs a reason (--note)")
        pending = dict(task["pending"] or {})
        counts = dict(task["counts"] or {})
        changes: dict[str, Any] = {}
        payload: dict[str, Any] = {}
        if action in rules.REQUESTS:
            kind = rules.REQUESTS[action]
            if kind in pending:
                raise TrackerError(f"task {task_id}: a {transition.label} is already waiting")
            if kind == "extension":
                if new_deadline is None:
                    raise TrackerError(f"task {task_id}: 延期申请 needs the new deadline")
                _check_date(new_deadline)
                old = task["deadline"]["date"]
                if old is not None and new_deadline <= old:
                    raise TrackerError(f"task {task_id}: the new deadline is not later than {old}")
                pending[kind] = {"date": new_deadline, "note": note}
            else:
                if not new_text or not new_text.strip():
                    raise TrackerError(f"task {task_id}: 表述调整申诉 needs the proposed wording")
                pending[kind] = {"text": new_text.strip(), "note": note}
            payload = {"request": pending[kind]}
        elif action in rules.DECIDES:
            kind = rules.DECIDES[action]
            request = pending.pop(kind, None)
            if request is None:
                raise TrackerError(f"task {task_id}: no request waiting for {transition.label}")
            payload = {"request": request}
            counts[action] = counts.get(action, 0) + 1
            if action == "approve_extension":
                changes.update(
                    deadline_kind="date", deadline_date=request["date"], deadline_text="延期至"
                )
                payload["deadline"] = request["date"]
            elif action == "accept_appeal":
                changes["text"] = request["text"]
                payload["old_text"] = task["text"]
        elif action == "request_close" and pending:
            waiting = "、".join(
                rules.TRANSITIONS[f"request_{k}" if k == "extension" else k].label for k in pending
            )
            raise TrackerError(f"task {task_id}: {waiting} is waiting for a decision first")
        elif action == "return":
            counts["return"] = counts.get("return", 0) + 1
        to_state = transition.to_state or state
        now = self._now()
        with store.transaction(self.conn):
            store.update_task(
                self.conn, task_id, state=to_state, pending=pending, counts=counts, **changes
            )
            event = store.append_event(
                self.conn,
                at=now,
                actor=actor.name,
                task_id=task_id,
                action=action,
                from_state=state,
                to_state=to_state,
                reason=note,
                payload=payload,
            )
        return event

    def _check_actor(
        self, actor: Actor, task: dict[str, Any], transition: rules.Transition
    ) -> None:
        if transition.role == "supervisor":
            if actor.role != "supervisor":
                raise Forbidden(
                    f"{actor.name} ({actor.role}) may not {transition.label}: "
                    "only the supervising office (督查) may"
                )
            return
        if actor.role != "unit":
            raise Forbidden(
                f"{actor.name} ({actor.role}) may not {transition.label}: the lead unit does"
            )
        leads, _ = self._units_of(task)
        if transition.lead_only and self._unit(actor) not in leads:
            raise Forbidden(
                f"{actor.name} ({actor.unit}) may not {transition.label} task {task['id']}:"
                f" only its lead unit ({'、'.join(leads) or 'none'}) may"
            )

    def report(
        self,
        actor: Actor,
        task_id: int,
        text: str,
        evidence: Iterable[str | PathLike[str]] = (),
        *,
        value: float | None = None,
    ) -> dict[str, Any]:
        """A progress report (进展情况) from a lead or supporting unit, with files kept by hash."""
        task = self._task_for(actor, task_id)
        if actor.role != "unit":
            raise Forbidden(f"{actor.name} ({actor.role}) may not report: units report")
        if task["state"] not in rules.REPORT_STATES:
            raise TrackerError(
                f"task {task_id}: no reports in state {task['state']} "
                f"(only in {'、'.join(rules.REPORT_STATES)})"
            )
        if not text.strip():
            raise TrackerError(f"task {task_id}: an empty report")
        files = []
        for path in evidence:
            data = Path(path).read_bytes()
            files.append((Path(path).name, hashlib.sha256(data).hexdigest(), data))
        now = self._now()
        to_state = "推进中"
        with store.transaction(self.conn):
            report_id = store.insert_report(self.conn, task_id, actor.name, now, text, value)
            store.update_task(self.conn, task_id, progress=text, state=to_state)
            for name, digest, data in files:
                store.insert_evidence(
                    self.conn,
                    task_id,
                    now,
                    kind="file",
                    file_name=name,
                    sha256=digest,
                    content=data,
                    status="attached",
                    decided_by=actor.name,
                )
            event = store.append_event(
                self.conn,
                at=now,
                actor=actor.name,
                task_id=task_id,
                action="report",
                from_state=task["state"],
                to_state=to_state,
                reason="",
                payload={
                    "report_id": report_id,
                    "text": text,
                    "value": value,
                    "files": [{"name": n, "sha256": d} for n, d, _ in files],
                },
            )
        return event

    # evidence found for you ------------------------------------------------------------------
    def propose_evidence(
        self, actor: Actor, task_id: int, kb: Any, *, limit: int = 5
    ) -> list[dict[str, Any]]:
        """Later documents of the knowledge base that report on the task: proposals to decide."""
        self._require(actor, "supervisor", "unit", what="look for evidence")
        task = self._task_for(actor, task_id)
        from zhengce.tracker.evidence import find_evidence

        found = find_evidence(task, kb, limit=limit)
        known = {(e["doc_id"], e["start"]) for e in store.evidence(self.conn, task_id)}
        fresh = [f for f in found if (f["doc_id"], f["start"]) not in known]
        now = self._now()
        with store.transaction(self.conn):
            for item in fresh:
                item["id"] = store.insert_evidence(
                    self.conn, task_id, now, kind="span", status="proposed", **item
                )
                store.append_event(
                    self.conn,
                    at=now,
                    actor=actor.name,
                    task_id=task_id,
                    action="propose_evidence",
                    payload={k: item[k] for k in ("id", "doc_id", "start", "end", "score")},
                )
        return fresh

    def decide_evidence(
        self, actor: Actor, evidence_id: int, accept: bool, note: str = ""
    ) -> dict[str, Any]:
        item = store.evidence_item(self.conn, evidence_id)
        if item is None:
            raise NotFound(f"no evidence {evidence_id}")
        task = self._task_for(actor, item["task_id"])
        if actor.role not in ("supervisor", "unit"):
            raise Forbidden(f"{actor.name} ({actor.role}) may not decide on evidence")
        if actor.role == "unit" and self._unit(actor) not in task["lead_units"]:
            raise Forbidden(f"{actor.name}: only the lead unit or the supervising office decides")
        if item["status"] != "proposed":
            raise TrackerError(f"evidence {evidence_id} was decided already ({item['status']})")
        status = "accepted" if accept else "rejected"
        with store.transaction(self.conn):
            store.set_evidence_status(self.conn, evidence_id, status, actor.name)
            event = store.append_event(
                self.conn,
                at=self._now(),
                actor=actor.name,
                task_id=item["task_id"],
                action=f"evidence_{status}",
                reason=note,
                payload={"evidence_id": evidence_id},
            )
        return event

    # lights and notices ----------------------------------------------------------------------
    def _status(self, tasks: list[dict[str, Any]], today: date) -> dict[int, dict[str, Any]]:
        by_task: dict[int, list[dict[str, Any]]] = {}
        for rep in store.reports(self.conn):
            by_task.setdefault(rep["task_id"], []).append(rep)
        status: dict[int, dict[str, Any]] = {}
        for task in tasks:
            facts = task_facts(task, by_task.get(task["id"], []), today)
            colour, why = rules.light(facts)
            kind, notice_why = rules.notice(facts)
            status[task["id"]] = {
                "light": colour,
                "light_reasons": why,
                "notice": kind,
                "notice_reasons": notice_why,
                "days_left": facts.days_left,
                "missed_reports": facts.missed,
                "behind": facts.behind,
            }
        return status

    def lights(self, actor: Actor, *, today: date | None = None, plan: int | None = None) -> Table:
        tasks = self._all_visible(actor, plan=plan)
        status = self._status(tasks, today or self.today())
        rows = [
            {
                "id": t["id"],
                "number": t["number"],
                "title": t["title"],
                "lead_units": "、".join(t["lead_units"]),
                "state": t["state"],
                "deadline": t["deadline"]["date"],
                "light": status[t["id"]]["light"],
                "days_left": status[t["id"]]["days_left"],
                "missed_reports": status[t["id"]]["missed_reports"],
                "reasons": "；".join(status[t["id"]]["light_reasons"]),
            }
            for t in tasks
        ]
        return Table(
            rows,
            [
                "id",
                "number",
                "title",
                "lead_units",
                "state",
                "deadline",
                "light",
                "days_left",
                "missed_reports",
                "reasons",
            ],
        )

    def notices(self, actor: Actor, *, today: date | None = None, plan: int | None = None) -> Table:
        """催办单 and 督办单 due today: the overdue and unreported tasks."""
        self._require(actor, "supervisor", "admin", "reader", what="list notices")
        tasks = self._all_visible(actor, plan=plan)
        day = today or self.today()
        status = self._status(tasks, day)
        rows = []
        for task in tasks:
            info = status[task["id"]]
            if info["notice"] is None:
                continue
            days_left = info["days_left"]
            rows.append(
                {
                    "id": task["id"],
                    "notice": info["notice"],
                    "number": task["number"],
                    "title": task["title"],
                    "lead_units": "、".join(task["lead_units"]),
                    "deadline": task["deadline"]["date"],
                    "overdue_days": -days_left if days_left is not None and days_left < 0 else 0,
                    "missed_reports": info["missed_reports"],
                    "reasons": "；".join(info["notice_reasons"]),
                }
            )
        columns = [
            "id",
            "notice",
            "number",
            "title",
            "lead_units",
            "deadline",
            "overdue_days",
            "missed_reports",
            "reasons",
        ]
        return Table(rows, columns)

    def overdue(self, actor: Actor, *, today: date | None = None) -> Table:
        """Open tasks past their deadline."""
        lights = self.lights(actor, today=today)
        rows = [r for r in lights if (r["days_left"] or 0) < 0 and r["state"] != rules.CLOSED]
        return Table(rows, lights.columns)

    def summary(self, actor: Actor, *, today: date | None = None) -> dict[str, Any]:
        """Counts by state, by light and by lead unit: the figures of the supervision report."""
        day = today or self.today()
        tasks = self._all_visible(actor)
        status = self._status(tasks, day)
        by_state: dict[str, int] = {s: 0 for s in rules.STATES}
        by_light: dict[str, int] = {"red": 0, "yellow": 0, "green": 0}
        by_unit: dict[str, dict[str, int]] = {}
        for task in tasks:
            info = status[task["id"]]
            by_state[task["state"]] += 1
            by_light[info["light"]] += 1
            for unit in task["lead_units"] or ["(未明确)"]:
                row = by_unit.setdefault(
                    unit,
                    {"tasks": 0, "closed": 0, "overdue": 0, "red": 0, "yellow": 0, "green": 0},
                )
                row["tasks"] += 1
                row["closed"] += task["state"] == rules.CLOSED
                row["overdue"] += (info["days_left"] or 0) < 0 and task["state"] != rules.CLOSED
                row[info["light"]] += 1
        return {
            "today": day.isoformat(),
            "tasks": len(tasks),
            "by_state": by_state,
            "by_light": by_light,
            "by_unit": by_unit,
        }

    # outputs -----------------------------------------------------------------------------------
    def export_ledger(self, actor: Actor, path: str | PathLike[str], **filters: Any) -> int:
        from zhengce.tracker.ledger import write_ledger

        rows = self.list_tasks(actor, **filters)
        write_ledger(Path(path), rows.rows)
        return len(rows)

    def import_ledger(
        self, actor: Actor, path: str | PathLike[str], *, plan_title: str | None = None
    ) -> dict[str, Any]:
        """Apply an edited 台账: every row validated first; one bad row and nothing changes."""
        from zhengce.tracker.ledger import LedgerError, read_ledger

        self._require(actor, "supervisor", "admin", what="import a ledger")
        rows = read_ledger(Path(path))
        problems: list[str] = []
        updates: list[tuple[int, dict[str, Any], dict[str, Any]]] = []
        new: list[tuple[int, dict[str, Any]]] = []
        seen: set[int] = set()
        for row in rows:
            where = f"{Path(path).name}: row {row['row']}"
            problems.extend(f"{where}: {p}" for p in row["problems"])
            if row["problems"]:
                continue
            if row["id"] is None:
                new.append((row["row"], row))
                continue
            if row["id"] in seen:
                problems.append(f"{where}: task {row['id']} appears twice")
                continue
            seen.add(row["id"])
            task = store.get_task(self.conn, row["id"])
            if task is None:
                problems.append(f"{where}: no task {row['id']} in this database")
                continue
            if row["state"] and row["state"] != task["state"]:
                problems.append(
                    f"{where}: 状态 {row['state']} differs from {task['state']}; states change"
                    " through the workflow (zhengce tasks advance), not the ledger"
                )
                continue
            change = _ledger_changes(task, row)
            if change:
                updates.append((row["id"], task, change))
        if problems:
            raise LedgerError(problems)
        now = self._now()
        with store.transaction(self.conn):
            for task_id, task, change in updates:
                _apply_ledger_change(self.conn, task_id, task, change)
                store.append_event(
                    self.conn,
                    at=now,
                    actor=actor.name,
                    task_id=task_id,
                    action="ledger_edit",
                    reason=f"imported from {Path(path).name}",
                    payload={"changes": change},
                )
            plan_id = None
            if new:
                plan_id = store.insert_plan(
                    self.conn, plan_title or Path(path).stem, None, str(path), now, actor.name
                )
                for ord_, (_row_no, row) in enumerate(new, 1):
                    record = {
                        "number": row["number"],
                        "title": row["text"][:40],
                        "text": row["text"],
                        "lead_units": _canonical_units(row["lead_units"]),
                        "supporting_units": _canonical_units(row["supporting_units"]),
                        "units_from": "import",
                        "deadline": row["deadline"],
                        "progress": row["progress"],
                        "state": rules.STATES[0],
                        "cycle": "monthly",
                        "cycle_day": 28,
                        "created_on": self.today().isoformat(),
                    }
                    task_id = store.insert_task(self.conn, plan_id, ord_, record)
                    store.append_event(
                        self.conn,
                        at=now,
                        actor=actor.name,
                        task_id=task_id,
                        action="create",
                        to_state=rules.STATES[0],
                        reason=f"imported from {Path(path).name}",
                        payload=_task_payload(record, plan_id),
                    )
        return {
            "updated": [u[0] for u in updates],
            "changes": {u[0]: u[2] for u in updates},
            "created": len(new),
            "plan_id": plan_id,
        }

    def supervision_report(
        self, actor: Actor, path: str | PathLike[str], *, today: date | None = None
    ) -> dict[str, Any]:
        from zhengce.tracker.documents import write_supervision_report

        self._require(actor, "supervisor", "admin", "reader", what="write a supervision report")
        day = today or self.today()
        summary = self.summary(actor, today=day)
        write_supervision_report(
            Path(path), summary, self.notices(actor, today=day).rows, self.lights(actor, today=day)
        )
        return summary

    def notice_docx(
        self, actor: Actor, task_id: int, path: str | PathLike[str], *, today: date | None = None
    ) -> dict[str, Any]:
        """The 催办单 or 督办单 of one late task as a Word file."""
        from zhengce.tracker.documents import write_notice

        self._require(actor, "supervisor", what="issue a 催办单 or 督办单")
        task = self._task_for(actor, task_id)
        day = today or self.today()
        row = next((n for n in self.notices(actor, today=day) if n["id"] == task_id), None)
        if row is None:
            raise TrackerError(f"task {task_id} is not late: no notice to issue")
        write_notice(Path(path), row, task, day)
        with store.transaction(self.conn):
            store.append_event(
                self.conn,
                at=self._now(),
                actor=actor.name,
                task_id=task_id,
                action="notice",
                payload={"notice": row["notice"], "file": Path(path).name},
            )
        return row

    # cascade ---------------------------------------------------------------------------------
    def link_cascade(
        self, actor: Actor, central_plan: int, provincial_plan: int, *, min_score: float = 0.25
    ) -> list[dict[str, Any]]:
        """Link each provincial task to the central task it takes up (承接), by shared words."""
        from zhengce.tracker.cascade import best_links

        self._require(actor, "supervisor", "admin", what="link plans")
        central = store.list_tasks(self.conn, plan_id=central_plan)
        local = store.list_tasks(self.conn, plan_id=provincial_plan)
        if not central or not local:
            raise TrackerError("both plans need tasks to be linked")
        links = best_links(central, local, min_score)
        with store.transaction(self.conn):
            for link in links:
                store.update_task(self.conn, link["task_id"], parent_id=link["parent_id"])
                store.append_event(
                    self.conn,
                    at=self._now(),
                    actor=actor.name,
                    task_id=link["task_id"],
                    action="link",
                    payload=link,
                )
        return links

    def coverage(self, actor: Actor, central_plan: int) -> Table:
        """Which regions' plans take up each central task: one row per central task."""
        tasks = self._all_visible(actor)
        central = [t for t in tasks if t["plan_id"] == central_plan]
        regions = {p["id"]: p["region"] or p["title"] for p in store.plans(self.conn)}
        columns = sorted({regions[t["plan_id"]] for t in tasks if t["parent_id"] is not None})
        rows = []
        for task in central:
            taken = {regions[t["plan_id"]] for t in tasks if t["parent_id"] == task["id"]}
            row: dict[str, Any] = {
                "id": task["id"],
                "number": task["number"],
                "title": task["title"],
            }
            row.update({region: region in taken for region in columns})
            row["covered_by"] = len(taken)
            rows.append(row)
        return Table(rows, ["id", "number", "title", *columns, "covered_by"])

    # integrity -------------------------------------------------------------------------------
    def events(self, actor: Actor, task_id: int | None = None) -> Table:
        if task_id is not None:
            self._task_for(actor, task_id)
        else:
            self._require(actor, "supervisor", "admin", "reader", what="read the whole log")
        return Table(store.events(self.conn, task_id))

    def verify(self) -> list[str]:
        return store.verify_chain(self.conn)


def task_facts(task: dict[str, Any], reports: list[dict[str, Any]], today: date) -> rules.Facts:
    deadline = task["deadline"]["date"]
    days_left = (rules.parse_day(deadline) - today).days if deadline else None
    start = rules.parse_day(task["created_on"]) if task.get("created_on") else today
    report_days = [rules.parse_day(r["at"]) for r in reports if rules.parse_day(r["at"]) <= today]
    due = rules.parse_day(deadline) if deadline else None
    missed = rules.missed_reports(task["cycle"], task["cycle_day"], start, today, report_days, due)
    indicator = task.get("indicator") or {}
    values = [r["value"] for r in reports if r["value"] is not None]
    behind = rules.indicator_behind(
        indicator.get("value"),
        indicator.get("comparator"),
        indicator.get("year"),
        values[-1] if values else None,
        today,
    )
    return rules.Facts(task["state"] == rules.CLOSED, days_left, missed, behind)


def _canonical_units(units: list[Any]) -> list[dict[str, str]]:
    """Units under their canonical names, keeping how each was written."""
    out: list[dict[str, str]] = []
    for unit in units:
        written = unit if isinstance(unit, str) else unit.get("as_written", unit["name"])
        name = planning.canonical(unit if isinstance(unit, str) else unit["name"])
        if all(u["name"] != name for u in out):
            out.append({"name": name, "as_written": written})
    return out


def _task_payload(record: dict[str, Any], plan_id: int) -> dict[str, Any]:
    """What the log keeps of a new task: enough to recompute lights from the log alone."""

    def names(units: list[Any]) -> list[str]:
        return [u if isinstance(u, str) else u["name"] for u in units]

    return {
        "plan_id": plan_id,
        "number": record.get("number", ""),
        "text": record["text"],
        "lead_units": names(record.get("lead_units", [])),
        "supporting_units": names(record.get("supporting_units", [])),
        "deadline": (record.get("deadline") or {}).get("date"),
        "cycle": record.get("cycle"),
        "cycle_day": record.get("cycle_day"),
        "indicator": record.get("indicator"),
        "created_on": record.get("created_on"),
        "source": record.get("source"),
    }


def _check_date(text: str) -> None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise TrackerError(f"{text!r} is not a date (YYYY-MM-DD)")
    try:
        date.fromisoformat(text)
    except ValueError:
        raise TrackerError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _ledger_changes(task: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    change: dict[str, Any] = {}
    if row["text"] != task["text"]:
        change["text"] = row["text"]
    leads = [u["name"] for u in _canonical_units(row["lead_units"])]
    supports = [u["name"] for u in _canonical_units(row["supporting_units"])]
    if (leads, supports) != (task["lead_units"], task["supporting_units"]):
        change["lead_units"] = leads
        change["supporting_units"] = supports
    old_deadline = task["deadline"]["date"] or task["deadline"]["text"] or ""
    new_deadline = row["deadline"]["date"] or row["deadline"]["text"] or ""
    if new_deadline != old_deadline:
        change["deadline"] = row["deadline"]
    if row["progress"] != task["progress"]:
        change["progress"] = row["progress"]
    return change


def _apply_ledger_change(
    conn: store.Connection, task_id: int, task: dict[str, Any], change: dict[str, Any]
) -> None:
    if "text" in change:
        store.update_task(conn, task_id, text=change["text"])
    if "lead_units" in change:
        store.set_assignments(conn, task_id, change["lead_units"], change["supporting_units"])
        store.update_task(conn, task_id, units_from="import", guess=0)
    if "deadline" in change:
        d = change["deadline"]
        store.update_task(
            conn, task_id, deadline_kind=d["kind"], deadline_date=d["date"], deadline_text=d["text"]
        )
    if "progress" in change:
        store.update_task(conn, task_id, progress=change["progress"])
