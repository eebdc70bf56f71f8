"""Geometry of the inline SVG charts (no JavaScript library): computed here, drawn by templates."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class RadarAxis:
    label: str  # short, on the chart: the sub-criterion's number (1.1)
    title: str  # the full name, as in the référentiel, for the tooltip and screen readers
    value: float
    label_x: str  # where the label is written, as SVG numbers
    label_y: str
    anchor: str  # text-anchor of the label


@dataclass(frozen=True)
class Radar:
    """What one radar draws. Its fixed strokes (rings, axes) are one path and its styles live
    in the stylesheet: a register holds thousands of audit pages, each with its radars."""

    size: int
    axes: list[RadarAxis]
    grid: str  # rings at 25, 50, 75 and 100 % and the axes, one SVG path
    polygon: str  # the notes, as SVG points
    threshold: float | None
    threshold_ring: str  # the minimum note, as SVG points ("" without a minimum)


def svg_number(value: float) -> str:
    """A coordinate with one decimal at most and no useless ``.0`` (180.0 → 180)."""
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _point(
    center: float, radius: float, index: int, count: int, percent: float
) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = radius * percent / 100
    return center + distance * math.cos(angle), center + distance * math.sin(angle)


def _points(center: float, radius: float, percents: Sequence[float]) -> str:
    count = len(percents)
    return " ".join(
        f"{svg_number(x)},{svg_number(y)}"
        for x, y in (_point(center, radius, i, count, p) for i, p in enumerate(percents))
    )


@functools.cache
def _ring(center: float, radius: float, count: int, percent: float) -> str:
    """A polygon at ``percent`` on every axis: the same on every audit page, computed once."""
    return _points(center, radius, (percent,) * count)


@functools.cache
def _grid(center: float, radius: float, count: int) -> str:
    """The same for every radar of a référentiel section: computed once."""
    rings = [
        f"M{_ring(center, radius, count, percent).replace(' ', 'L')}Z"
        for percent in (25, 50, 75, 100)
    ]
    middle = svg_number(center)
    axes = [
        f"M{middle} {middle}L{svg_number(x)} {svg_number(y)}"
        for x, y in (_point(center, radius, i, count, 100) for i in range(count))
    ]
    return "".join(rings + axes).replace(",", " ")


def radar(
    values: list[tuple[str, float]],
    threshold: float | None = None,
    size: int = 420,
    titles: list[str] | None = None,
) -> Radar:
    """A radar of percentages (0–100), one axis per value, clockwise from the top; ``titles``
    name each axis in full (default: its label)."""
    center, radius, count = size / 2, size / 2 - 60, len(values)
    axes = []
    for index, (label, value) in enumerate(values):
        lx, ly = _point(center, radius + 22, index, count, 100)
        anchor = "middle" if abs(lx - center) < 8 else ("start" if lx > center else "end")
        title = titles[index] if titles else label
        axes.append(RadarAxis(label, title, value, svg_number(lx), svg_number(ly + 4), anchor))
    polygon = _points(center, radius, [value for _, value in values])
    ring = _ring(center, radius, count, threshold) if threshold is not None else ""
    return Radar(size, axes, _grid(center, radius, count), polygon, threshold, ring)


@dataclass(frozen=True)
class LinePoint:
    x: str  # SVG numbers
    y: str
    value_y: str  # where the value is written, just above the point
    label: str
    value: float


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    points: list[LinePoint]
    path: str
    grid: str  # the gridlines, one SVG path
    ticks: list[tuple[str, int]]  # (label baseline, percent) of each gridline

    @property
    def label_y(self) -> int:
        """Baseline of the audit dates under the plot."""
        return self.height - 22


def evolution(values: list[tuple[str, float]], width: int = 560, height: int = 220) -> LineChart:
    """A line of percentages over successive audits (left to right, oldest first)."""
    left, right, top, bottom = 64, 32, 18, 40
    span = max(len(values) - 1, 1)

    def y_of(percent: float) -> float:
        return top + (height - top - bottom) * (1 - percent / 100)

    xs = [left + (width - left - right) * i / span for i in range(len(values))]
    points = [
        LinePoint(svg_number(x), svg_number(y_of(v)), svg_number(y_of(v) - 8), label, v)
        for x, (label, v) in zip(xs, values, strict=True)
    ]
    path = "".join(f"{'M' if i == 0 else 'L'}{p.x} {p.y}" for i, p in enumerate(points))
    percents = (0, 25, 50, 75, 100)
    grid = "".join(f"M{left} {svg_number(y_of(p))}H{width - right}" for p in percents)
    ticks = [(svg_number(y_of(p) + 4), p) for p in percents]
    return LineChart(width, height, points, path, grid, ticks)
