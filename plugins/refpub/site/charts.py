"""Geometry of the inline SVG charts (no JavaScript library): computed here, drawn by templates."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class RadarAxis:
    label: str     # short, on the chart: the sub-criterion's number (1.1)
    title: str     # the full name, as in the référentiel, for the tooltip and screen readers
    value: float
    x: float       # end of the axis (100 %)
    y: float
    label_x: float
    label_y: float
    anchor: str    # text-anchor of the label


@dataclass(frozen=True)
class Radar:
    size: int
    center: float
    radius: float
    axes: list[RadarAxis]
    polygon: str             # the notes, as SVG points
    rings: list[tuple[float, str]]   # (percent, SVG points)
    threshold: float | None
    threshold_ring: str


def _point(center: float, radius: float, index: int, count: int, percent: float
           ) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = radius * percent / 100
    return center + distance * math.cos(angle), center + distance * math.sin(angle)


def _ring(center: float, radius: float, count: int, percent: float) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in
                    (_point(center, radius, i, count, percent) for i in range(count)))


def radar(values: list[tuple[str, float]], threshold: float | None = None, size: int = 420,
          titles: list[str] | None = None) -> Radar:
    """A radar of percentages (0–100), one axis per value, clockwise from the top; ``titles``
    name each axis in full (default: its label)."""
    center, radius, count = size / 2, size / 2 - 60, len(values)
    axes = []
    for index, (label, value) in enumerate(values):
        x, y = _point(center, radius, index, count, 100)
        lx, ly = _point(center, radius + 22, index, count, 100)
        anchor = "middle" if abs(lx - center) < 8 else ("start" if lx > center else "end")
        title = titles[index] if titles else label
        axes.append(RadarAxis(label, title, value, round(x, 1), round(y, 1), round(lx, 1),
                              round(ly + 4, 1), anchor))
    polygon = " ".join(f"{x:.1f},{y:.1f}" for x, y in
                       (_point(center, radius, i, count, v) for i, (_, v) in enumerate(values)))
    rings = [(p, _ring(center, radius, count, p)) for p in (25, 50, 75, 100)]
    ring = _ring(center, radius, count, threshold) if threshold is not None else ""
    return Radar(size, center, radius, axes, polygon, rings, threshold, ring)


@dataclass(frozen=True)
class LinePoint:
    x: float
    y: float
    label: str
    value: float

    @property
    def value_y(self) -> float:
        """Where the value is written, just above the point."""
        return self.y - 8


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    points: list[LinePoint]
    path: str
    gridlines: list[tuple[float, int]]   # (y, percent)

    @property
    def grid_right(self) -> int:
        """Right end of the gridlines (the plot's right margin is 32)."""
        return self.width - 32

    @property
    def label_y(self) -> int:
        """Baseline of the audit dates under the plot."""
        return self.height - 22

    @property
    def ticks(self) -> list[tuple[float, float, int]]:
        """(line y, label baseline, percent) of each gridline."""
        return [(y, y + 4, percent) for y, percent in self.gridlines]


def evolution(values: list[tuple[str, float]], width: int = 560, height: int = 220
              ) -> LineChart:
    """A line of percentages over successive audits (left to right, oldest first)."""
    left, right, top, bottom = 64, 32, 18, 40
    span = max(len(values) - 1, 1)
    points = [LinePoint(round(left + (width - left - right) * i / span, 1),
                        round(top + (height - top - bottom) * (1 - v / 100), 1), label, v)
              for i, (label, v) in enumerate(values)]
    path = " ".join(f"{'M' if i == 0 else 'L'}{p.x},{p.y}" for i, p in enumerate(points))
    gridlines = [(round(top + (height - top - bottom) * (1 - p / 100), 1), p)
                 for p in (0, 25, 50, 75, 100)]
    return LineChart(width, height, points, path, gridlines)
