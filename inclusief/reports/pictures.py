"""Pictures the project draws itself (Pillow): one pictogram per kind of work, and a weekly
schedule, for easy-read documents such as "Mijn werk".

Plain shapes in dark blue on white (contrast well above 7:1), thick lines, no text inside a
pictogram; every picture goes into a PDF with an alt text (the caller gives it).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from importlib import resources

from PIL import Image, ImageDraw, ImageFont

from inclusief.jobcarving.model import DAYS, PARTS

INK = (17, 24, 39)
BLUE = (15, 60, 120)
FILL = (214, 230, 245)
WHITE = (255, 255, 255)
SIZE = 240
W = 12  # line width, px

Draw = Callable[[ImageDraw.ImageDraw], None]


def _bucket(d: ImageDraw.ImageDraw) -> None:  # schoonmaken: a bucket and a mop
    d.polygon([(50, 110), (170, 110), (150, 210), (70, 210)], fill=FILL, outline=BLUE, width=W)
    d.arc((60, 70, 160, 150), 180, 360, fill=BLUE, width=W)
    d.line((200, 20, 150, 190), fill=BLUE, width=W)
    d.polygon([(135, 185), (175, 195), (165, 225), (125, 215)], fill=BLUE)


def _cup(d: ImageDraw.ImageDraw) -> None:  # eten en drinken: a cup on a plate
    d.ellipse((20, 180, 220, 225), fill=FILL, outline=BLUE, width=W)
    d.rectangle((60, 80, 160, 190), fill=WHITE, outline=BLUE, width=W)
    d.arc((140, 100, 200, 160), 270, 90, fill=BLUE, width=W)
    for x in (85, 110, 135):
        d.line((x, 20, x, 60), fill=BLUE, width=6)


def _chair(d: ImageDraw.ImageDraw) -> None:  # klaarzetten: a chair
    d.line((70, 30, 70, 215), fill=BLUE, width=W)
    d.rectangle((70, 120, 180, 140), fill=FILL, outline=BLUE, width=W)
    d.line((175, 140, 175, 215), fill=BLUE, width=W)
    d.rectangle((70, 30, 100, 120), fill=FILL, outline=BLUE, width=W)


def _paper(d: ImageDraw.ImageDraw) -> None:  # papier en post: a sheet with lines
    d.rectangle((55, 20, 185, 220), fill=WHITE, outline=BLUE, width=W)
    for y in (60, 95, 130, 165):
        d.line((80, y, 160, y), fill=BLUE, width=8)


def _phone(d: ImageDraw.ImageDraw) -> None:  # telefoon en balie: a desk phone
    d.rounded_rectangle((40, 110, 200, 210), radius=20, fill=FILL, outline=BLUE, width=W)
    d.arc((40, 40, 200, 160), 180, 360, fill=BLUE, width=W + 6)
    for x in (85, 120, 155):
        for y in (140, 175):
            d.ellipse((x - 9, y - 9, x + 9, y + 9), fill=BLUE)


def _box(d: ImageDraw.ImageDraw) -> None:  # voorraad: a box
    d.rectangle((40, 90, 200, 210), fill=FILL, outline=BLUE, width=W)
    d.polygon([(40, 90), (80, 40), (240 - 40, 40), (200, 90)], fill=WHITE, outline=BLUE, width=W)
    d.line((120, 90, 120, 150), fill=BLUE, width=W)


def _tree(d: ImageDraw.ImageDraw) -> None:  # buiten: a tree
    d.rectangle((105, 140, 135, 220), fill=BLUE)
    d.ellipse((40, 20, 200, 160), fill=FILL, outline=BLUE, width=W)
    d.line((20, 222, 220, 222), fill=BLUE, width=W)


def _person(d: ImageDraw.ImageDraw, x: int, scale: float) -> None:
    head = int(28 * scale)
    top = int(230 - 200 * scale)
    d.ellipse((x - head, top, x + head, top + 2 * head), fill=FILL, outline=BLUE, width=W)
    body_top = top + 2 * head + 8
    d.polygon(
        [(x, body_top), (x - int(50 * scale), 225), (x + int(50 * scale), 225)],
        fill=BLUE,
    )


def _child(d: ImageDraw.ImageDraw) -> None:  # met kinderen: a small figure and a ball
    _person(d, 95, 0.7)
    d.ellipse((160, 170, 210, 220), fill=FILL, outline=BLUE, width=W)


def _people(d: ImageDraw.ImageDraw) -> None:  # met mensen: two figures
    _person(d, 80, 0.95)
    _person(d, 170, 0.8)


def _washer(d: ImageDraw.ImageDraw) -> None:  # de was: a washing machine
    d.rectangle((45, 20, 195, 220), fill=WHITE, outline=BLUE, width=W)
    d.line((45, 65, 195, 65), fill=BLUE, width=W)
    d.ellipse((75, 90, 165, 180), fill=FILL, outline=BLUE, width=W)


def _computer(d: ImageDraw.ImageDraw) -> None:  # de computer: a screen and a stand
    d.rectangle((25, 30, 215, 160), fill=FILL, outline=BLUE, width=W)
    d.line((120, 160, 120, 200), fill=BLUE, width=W)
    d.line((70, 205, 170, 205), fill=BLUE, width=W)


def _star(d: ImageDraw.ImageDraw) -> None:  # any other task: a star
    pts = [(120, 20), (147, 90), (220, 92), (162, 136), (183, 210), (120, 167), (57, 210),
           (78, 136), (20, 92), (93, 90)]  # fmt: skip
    d.polygon(pts, fill=FILL, outline=BLUE, width=W)


PICTOGRAMS: dict[str, Draw] = {
    "schoonmaken": _bucket,
    "eten_drinken": _cup,
    "klaarzetten": _chair,
    "papier": _paper,
    "balie": _phone,
    "voorraad": _box,
    "buiten": _tree,
    "kinderen": _child,
    "mensen": _people,
    "was": _washer,
    "computer": _computer,
    "overig": _star,
}


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def pictogram(kind: str) -> bytes:
    """A PNG pictogram for one of our kinds of work (``overig``: a star)."""
    image = Image.new("RGB", (SIZE, SIZE), WHITE)
    PICTOGRAMS.get(kind, _star)(ImageDraw.Draw(image))
    return _png(image)


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    ref = resources.files("inclusief.reports") / "fonts" / name
    with resources.as_file(ref) as path:
        return ImageFont.truetype(str(path), size)


def week_picture(
    hours: Mapping[str, float],
    day_names: Mapping[str, str],
    part_names: Mapping[str, str],
    hours_label: Callable[[float], str],
) -> bytes:
    """The weekly schedule as a picture: days across, morning and afternoon down; a filled
    block with the hours where the candidate works, an empty one where not."""
    cell_w, cell_h, left, top = 300, 150, 330, 110
    image = Image.new(
        "RGB", (left + cell_w * len(DAYS) + 20, top + cell_h * len(PARTS) + 20), WHITE
    )
    d = ImageDraw.Draw(image)
    head, body = _font(52, bold=True), _font(56, bold=True)
    for i, day in enumerate(DAYS):
        x = left + i * cell_w
        d.text((x + cell_w / 2, top / 2), day_names[day], font=head, fill=INK, anchor="mm")
    for j, part in enumerate(PARTS):
        y = top + j * cell_h
        d.text((left - 20, y + cell_h / 2), part_names[part], font=head, fill=INK, anchor="rm")
        for i, day in enumerate(DAYS):
            x = left + i * cell_w
            value = hours.get(f"{day}-{part}", 0.0)
            box = (x + 8, y + 8, x + cell_w - 8, y + cell_h - 8)
            if value > 0:
                d.rounded_rectangle(box, radius=18, fill=BLUE)
                d.text(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), hours_label(value),
                       font=body, fill=WHITE, anchor="mm")  # fmt: skip
            else:
                d.rounded_rectangle(box, radius=18, outline=(120, 130, 145), width=4)
    return _png(image)
