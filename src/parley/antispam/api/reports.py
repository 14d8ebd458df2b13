"""The bodies of /1.2/key-sites (JSON and CSV) and /1.2/usage-limit, in Akismet's shapes."""

import csv
import io
import re

from django.db.models import F, Sum
from django.utils import timezone

from parley.antispam.api import usage
from parley.antispam.api.models import ApiUsage
from parley.antispam.models import ApiKey

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
ORDERS = {
    "total": "calls",
    "spam": "spam",
    "ham": "ham",
    "missed_spam": "missed_spam",
    "false_positives": "false_positives",
}
CSV_HEADER = [
    "Site",
    "Total API Calls",
    "Spam",
    "Ham",
    "Missed Spam",
    "False Positives",
    "Is Revoked",
]


def this_month() -> str:
    return timezone.now().strftime("%Y-%m")


def _int(value: str, default: int, lowest: int, highest: int) -> int:
    try:
        return min(max(int(value), lowest), highest)
    except (TypeError, ValueError):
        return default


def key_sites(key: ApiKey, params) -> dict:
    """Per-site counters for one month: Akismet's JSON shape (counts are strings there too).

    Parley revokes keys, not sites, and a revoked key cannot ask, so is_revoked is false.
    """
    usage.flush()
    month = params.get("month").strip()
    if not MONTH.match(month):
        month = this_month()
    limit = _int(params.get("limit"), 500, 1, 500)
    offset = _int(params.get("offset"), 0, 0, 10**9)
    order = ORDERS.get(params.get("order").strip(), "calls")
    rows = ApiUsage.objects.for_month(key, month).annotate(calls=F("spam") + F("ham"))
    if params.get("filter").strip():
        rows = rows.filter(site__icontains=params.get("filter").strip())
    total = rows.count()
    page = rows.order_by(f"-{order}", "site")[offset : offset + limit]
    sites = [
        {
            "site": row.site,
            "api_calls": str(row.calls),
            "spam": str(row.spam),
            "ham": str(row.ham),
            "missed_spam": str(row.missed_spam),
            "false_positives": str(row.false_positives),
            "is_revoked": False,
        }
        for row in page
    ]
    return {month: sites, "limit": limit, "offset": offset, "total": total}


def key_sites_csv(key: ApiKey, report: dict) -> str:
    """The CSV form: a title line, a header line, one line per site; no trailing newline."""
    month = next(name for name in report if MONTH.match(name))
    out = io.StringIO()
    out.write(
        f"Active sites for {key.key} during {month} "
        f"(limit:{report['limit']}, offset: {report['offset']}, total: {report['total']})\n"
    )
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for site in report[month]:
        writer.writerow(
            [
                site["site"],
                site["api_calls"],
                site["spam"],
                site["ham"],
                site["missed_spam"],
                site["false_positives"],
                "true" if site["is_revoked"] else "false",
            ]
        )
    return out.getvalue().rstrip("\n")


def usage_limit(key: ApiKey, throttled: bool) -> dict:
    """This month's calls. Parley has no paid plan: the limit is "none" (unlimited)."""
    usage.flush()
    totals = ApiUsage.objects.for_month(key, this_month()).aggregate(
        spam=Sum("spam"), ham=Sum("ham")
    )
    calls = (totals["spam"] or 0) + (totals["ham"] or 0)
    return {"limit": "none", "usage": calls, "percentage": "0.00", "throttled": throttled}
