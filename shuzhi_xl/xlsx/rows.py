"""The model laid out as sheet values keyed by schema field: the inverse of the reader's assembly."""

from __future__ import annotations

from .. import schema
from ..model import Part, Report

SheetValues = dict[str, dict]


def report_to_rows(report: Report) -> dict[str, SheetValues]:
    """Return ``{sheet key: {"form": {field: value}, "rows": [{field: value}, …]}}`` for *report*."""
    info = report.info
    info_form = {f.key: getattr(info, f.key, None) for f in schema.INFO.form}
    for n, key in enumerate(("work", "problems", "plans"), start=1):
        part = report.part(key)
        info_form[f"part{n}"] = part.heading if part else schema.INFO.field(f"part{n}").default
    out: dict[str, SheetValues] = {"info": {"form": info_form}}

    work = report.part("work") or Part("")
    for section in work.sections:
        if section.key:
            out[section.key] = {
                "form": {"heading": section.heading, "lead": section.lead, "layout": section.layout},
                "rows": [{"order": i, "lead": p.lead, "body": p.body} for i, p in enumerate(section.points, 1)],
            }
    for key in ("problems", "plans"):
        part = report.part(key) or Part("")
        out[key] = {"rows": [{"order": i, "heading": s.heading, "body": s.lead}
                             for i, s in enumerate(part.sections, 1)]}

    extras = [(schema.EXTRA_PLACES[0], "", s) for s in work.sections if not s.key]
    place = schema.PLACE_AFTER["work"]
    for part in report.parts:
        if part.key:
            place = schema.PLACE_AFTER.get(part.key, place)
        else:
            extras += [(place, part.heading, s) for s in part.sections]
    out["extras"] = {"rows": [{"order": i, "place": place, "part": heading or None,
                               "heading": s.heading or None, "body": s.lead}
                              for i, (place, heading, s) in enumerate(extras, 1)]}
    out["ledger"] = {"rows": [{"date": e.date, "kind": e.kind, "topic": e.topic,
                               "participants": e.participants, "note": e.note} for e in report.ledger]}
    out["metrics"] = {"rows": [{"name": m.name, "value": m.value, "unit": m.unit, "note": m.note}
                               for m in report.metrics]}
    return out
