"""The sections of the review report: each returns its flowables (tables, charts, text)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reportlab.platypus import Paragraph, Spacer

if TYPE_CHECKING:
    from warroom.analysis.review import ReviewData

MAX_TIMELINE = 90
LESSON_TITLES = {
    "went_well": "What went well",
    "to_improve": "What to improve",
    "action": "Actions decided",
    "lesson": "Lessons",
}


def _pdf() -> Any:
    from warroom.report import review_pdf

    return review_pdf


def timeline(data: ReviewData, styles: Any) -> list[Any]:
    pdf = _pdf()
    items = data.timeline
    if not items:
        return [Paragraph("Nothing was recorded yet.", styles.body)]
    note = ""
    if len(items) > MAX_TIMELINE:
        keep = {"decision", "statement", "rumor", "phase"}
        items = [i for i in items if i[1] in keep][:MAX_TIMELINE]
        note = f"{len(data.timeline)} milestones; decisions, statements, rumors and phases shown."
    rows = [["When", "What", ""]] + [[pdf.local(data, at), kind, txt] for at, kind, txt in items]
    flow: list[Any] = [pdf.table(rows, [0.14, 0.13, 0.73], styles)]
    if note:
        flow.insert(0, Paragraph(pdf.text(note), styles.small))
    return flow


def volume(data: ReviewData, styles: Any) -> list[Any]:
    pdf = _pdf()
    if not data.totals.get("posts"):
        return [Paragraph("No post was collected.", styles.body)]
    channels = data.channels
    phases = list(data.volume_by_phase)
    rows = [["Channel", *phases, "Total"]]
    for channel in channels:
        counts = [data.volume_by_phase[p].get(channel, 0) for p in phases]
        rows.append([channel, *[f"{n:,}" for n in counts], f"{sum(counts):,}"])
    totals = [sum(data.volume_by_phase[p].values()) for p in phases]
    rows.append(["All channels", *[f"{n:,}" for n in totals], f"{sum(totals):,}"])
    width = 0.7 / (len(phases) + 1)
    return [
        pdf.chart_volume(data),
        Spacer(1, 3),
        Paragraph("Posts by channel and crisis phase", styles.small),
        pdf.table(rows, [0.3] + [width] * (len(phases) + 1), styles),
    ]


def responses(data: ReviewData, styles: Any) -> list[Any]:
    pdf = _pdf()

    def minutes(value: float | None) -> str:
        if value is None:
            return "—"
        return f"{value:.0f} min" if value < 120 else f"{value / 60:.1f} h"

    rows = [["Channel", "Target", "Answered", "Not answered", "Median", "90th pct", "In target"]]
    for r in data.responses:
        share = "—" if r.within_target is None else f"{r.within_target:.0%}"
        rows.append(
            [
                r.channel,
                r.target,
                str(r.answered),
                str(r.unanswered),
                minutes(r.median_minutes),
                minutes(r.p90_minutes),
                share,
            ]
        )
    if not data.responses:
        return [Paragraph("No reply from our accounts and no customer post recorded.", styles.body)]
    intro = Paragraph(
        "Posts answered by our own accounts: time from the post to our reply, against the "
        "crisis's reply target for the channel (as the feed counts it; same day: by the end "
        "of the post's day in the crisis time zone). "
        "Not answered: customer posts (not reposts) without a reply.",
        styles.small,
    )
    return [
        intro,
        pdf.table(rows, [0.16, 0.12, 0.12, 0.14, 0.15, 0.15, 0.16], styles),
    ] + (
        [Spacer(1, 3), pdf.chart_responses(data)]
        if any(r.median_minutes is not None for r in data.responses)
        else []
    )


def statements(data: ReviewData, styles: Any) -> list[Any]:
    pdf = _pdf()
    rows = [["Published", "Statement", "Status", "Channels", "Targets", "Reach", "Re-shares"]]
    for s in data.statements:
        rows.append(
            [
                pdf.local(data, s["published_at"]),
                s["title"],
                s["status"].replace("_", " "),
                ", ".join(s["channels"]) + f" ({'/'.join(s['languages'])})",
                ", ".join(s["targets"]) or "—",
                f"{s['reach']:,}",
                s["reshares"],
            ]
        )
    if len(rows) == 1:
        return [Paragraph("No statement was recorded.", styles.body)]
    return [pdf.table(rows, [0.11, 0.26, 0.1, 0.15, 0.19, 0.1, 0.09], styles)]


def rumors(data: ReviewData, styles: Any) -> list[Any]:
    pdf = _pdf()
    rows = [["First seen", "Claim", "Posts", "Status", "Rebutted", "Corrected at source"]]
    for r in data.rumors:
        rebut = r["rebutted_at"]
        fixed = r["corrected_at"]
        rows.append(
            [
                pdf.local(data, r["first_seen"]),
                r["claim"],
                r["posts"],
                r["status"].replace("_", " "),
                f"{pdf.local(data, rebut)} (+{pdf.duration(rebut - r['first_seen'])})"
                if rebut
                else "—",
                f"{r['corrected_by'] or ''} {pdf.local(data, fixed)} "
                f"(+{pdf.duration(fixed - r['first_seen'])})"
                if fixed
                else "no",
            ]
        )
    if len(rows) == 1:
        return [Paragraph("No rumor was registered.", styles.body)]
    return [pdf.table(rows, [0.11, 0.3, 0.07, 0.14, 0.17, 0.21], styles)]


def coverage(data: ReviewData, styles: Any) -> list[Any]:
    pdf = _pdf()
    rows = [["Group", "Power / interest", "Their posts", "Statements", "Covered", "Gaps"]]
    for g in data.coverage:
        rows.append(
            [
                g["name"],
                f"{g['power']} / {g['interest']}",
                g["posts"],
                g["statements"],
                ", ".join(g["covered"]) or "—",
                ", ".join(g["gaps"]) or "none",
            ]
        )
    intro = Paragraph(
        "Gaps: channels where the group is present and no statement aimed at it was published.",
        styles.small,
    )
    return [intro, pdf.table(rows, [0.24, 0.12, 0.1, 0.1, 0.22, 0.22], styles)]


def accounts(data: ReviewData, styles: Any) -> list[Any]:
    pdf = _pdf()
    rows = [["Account", "Channel", "Kind", "Group", "Followers", "Reshares/replies got"]]
    for a in data.top_accounts:
        rows.append(
            [
                f"@{a['handle']} — {a['name']}",
                a["channel"],
                a["kind"],
                a["group"] or "—",
                f"{a['followers']:,}",
                a["received"],
            ]
        )
    if not data.top_accounts and not data.communities:
        return [Paragraph("No account took part yet.", styles.body)]
    groups = [["Community (stakeholder group)", "Accounts", "Posts", "Most followed"]]
    for c in data.communities:
        groups.append([c["group"], c["accounts"], f"{c['posts']:,}", c["top"] or "—"])
    return [
        Paragraph(
            "Hubs: ranked by the reposts, replies and quotes their posts received.", styles.small
        ),
        pdf.table(rows, [0.32, 0.1, 0.11, 0.21, 0.11, 0.15], styles),
        Spacer(1, 6),
        pdf.table(groups, [0.45, 0.15, 0.15, 0.25], styles),
    ]


def decisions(data: ReviewData, styles: Any) -> list[Any]:
    pdf = _pdf()
    rows = [["#", "When", "Who", "Decision"]]
    for e in data.decisions:
        prefix = f"[corrects #{e.amends}] " if e.amends else ""
        rows.append([str(e.seq), pdf.local(data, e.event_time), e.operator, prefix + e.text])
    if len(rows) == 1:
        return [Paragraph("No decision was recorded in the logbook.", styles.body)]
    return [pdf.table(rows, [0.07, 0.13, 0.18, 0.62], styles)]


def score(data: ReviewData, styles: Any) -> list[Any]:
    if data.score is None:
        return []
    pdf = _pdf()
    sheet = data.score
    summary = Paragraph(
        pdf.text(
            f"{sheet.responded} of {len(sheet.rows)} injects answered; rumors rebutted "
            f"{sheet.rumors_rebutted}/{sheet.rumors_total}; statements approved by the cell "
            f"{sheet.statements_approved}."
        ),
        styles.body,
    )
    rows = [["Inject", "At", "Response time", "Detail"]]
    for r in sheet.rows:
        rows.append([r.summary, pdf.local(data, r.at), pdf.duration(r.response), r.detail])
    return [summary, pdf.table(rows, [0.45, 0.13, 0.12, 0.3], styles)]


def lessons(data: ReviewData, styles: Any) -> list[Any]:
    pdf = _pdf()
    if not data.lessons:
        return [
            Paragraph(
                "No lesson recorded yet. The cell fills this section in "
                "(File → Export review, or warroom review --lesson).",
                styles.body,
            )
        ]
    flow: list[Any] = []
    for section, title in LESSON_TITLES.items():
        items = [lesson for lesson in data.lessons if lesson.section == section]
        if not items:
            continue
        flow.append(Paragraph(f"<b>{pdf.text(title)}</b>", styles.body))
        for lesson in items:
            flow.append(
                Paragraph(
                    f"• {pdf.text(lesson.text, 2000)} "
                    f"<font size=6.5>({pdf.text(lesson.author)})</font>",
                    styles.body,
                )
            )
        flow.append(Spacer(1, 3))
    return flow


SECTIONS: list[tuple[str, Callable[[ReviewData, Any], list[Any]]]] = [
    ("Timeline of the crisis", timeline),
    ("Volume by channel and phase", volume),
    ("Response times per channel against targets", responses),
    ("Statements and their reach", statements),
    ("Rumors and time to rebuttal", rumors),
    ("Stakeholder coverage and gaps", coverage),
    ("Top accounts and communities", accounts),
    ("Decisions recorded in the logbook", decisions),
    ("Exercise score sheet", score),
    ("Lessons learned", lessons),
]
