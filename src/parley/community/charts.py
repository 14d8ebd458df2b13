"""Geometry for server-rendered SVG charts: plain data the templates draw, no JS, no CDN."""

from dataclasses import dataclass

WIDTH, HEIGHT = 720, 220
LEFT, BOTTOM, TOP = 36, 24, 10


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


def css_name(series: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in series.lower()).split()
    return "series-" + "-".join(words)


def nice_max(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 4:
            return step * 4
    return value


def stacked_bars(table: dict, series: list[str]) -> dict:
    """A stacked bar per day (key of `table`), one colour class per series."""
    days = list(table)
    peak = max([sum(table[d].get(s, 0) for s in series) for d in days] or [0])
    top = nice_max(max(peak, 1))
    plot_w, plot_h = WIDTH - LEFT - 4, HEIGHT - BOTTOM - TOP
    slot = plot_w / max(len(days), 1)
    bars, labels = [], []
    for i, day in enumerate(days):
        x = LEFT + i * slot + slot * 0.15
        y = TOP + plot_h
        for name in series:
            count = table[day].get(name, 0)
            if not count:
                continue
            h = plot_h * count / top
            y -= h
            title = f"{day:%Y-%m-%d}: {count} {name}"
            bars.append(
                Bar(
                    round(x, 1),
                    round(y, 1),
                    round(slot * 0.7, 1),
                    round(h, 1),
                    css_name(name),
                    title,
                )
            )
        if i % 7 == len(days) % 7 or len(days) <= 10:
            labels.append(Tick(round(x + slot * 0.35, 1), f"{day:%d %b}"))
    ticks = [Tick(round(TOP + plot_h - plot_h * f, 1), str(round(top * f))) for f in (0, 0.5, 1)]
    legend = [(name, css_name(name), sum(table[d].get(name, 0) for d in days)) for name in series]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "axis_y": TOP + plot_h,
        "bars": bars,
        "x_labels": labels,
        "y_ticks": ticks,
        "legend": legend,
        "empty": peak == 0,
    }


def horizontal_bars(rows: list[tuple[str, str, int]]) -> dict:
    """One bar per (label, group, count) row, longest first."""
    label_w, row_h = 230, 22
    width = WIDTH
    peak = max([n for _, _, n in rows] or [1])
    bars = []
    for i, (label, group, n) in enumerate(rows):
        w = (width - label_w - 50) * n / peak
        bars.append(
            {
                "label": label,
                "count": n,
                "y": i * row_h + 4,
                "text_y": i * row_h + 17,
                "width": round(w, 1),
                "x": label_w,
                "count_x": round(label_w + w + 6, 1),
                "css": css_name(group),
            }
        )
    return {
        "width": width,
        "height": max(len(rows), 1) * row_h + 8,
        "bars": bars,
        "label_x": label_w - 8,
        "empty": not rows,
    }
