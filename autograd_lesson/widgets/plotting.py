"""The one plotting helper of the widgets: a figure drawn once, then only what moves.

Drawing a whole matplotlib figure takes 15 to 30 ms (laying out ticks, labels, legend);
a slider move must cost a few. So a `Plot` draws the still parts once into a
*background* image (one per `key`, e.g. per range of the axes, kept), and a move
pastes the background back and draws only the moving artists on it (blitting).
Text that changes on every move (a title with the numbers, tick labels that follow
the data) is drawn by Pillow onto the finished image, in the font matplotlib uses:
about 0.1 ms a line, where matplotlib renders every glyph anew (3 to 4 ms a line).

    plot = Plot((6, 3.5))
    ax = plot.figure.add_subplot()
    (line,) = ax.plot([], [], animated=True)      # animated: never part of the background
    plot.frame()                                  # the background (drawn the first time)
    line.set_data(xs, ys)
    plot.draw(line)
    plot.text(*plot.pixel(ax, 0.5, 1.02, "axes"), "title", size=11, anchor="ms")
    png = plot.png()

The PNG has a palette of 256 colours (a plot has few): a third of the bytes of a full-colour
one, and quicker to encode. `png()` remembers the last picture for its `state`: a move that changes nothing in it
(a slider that only changes the readout) costs nothing and sends nothing.
"""

from io import BytesIO

from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image, ImageDraw, ImageFont

MINUS = "\u2212"  # matplotlib writes negative tick labels with a real minus sign


class Plot:
    """A figure, its Agg canvas, its backgrounds, and the PNG of its current frame."""

    def __init__(self, figsize, dpi=80, colours=()):
        self.colours = list(colours)  # colours a later frame may show that the first may not
        self._palette = None
        self.figure = Figure(figsize=figsize, dpi=dpi)
        self.canvas = FigureCanvasAgg(self.figure)  # no pyplot: nothing leaks into the notebook
        self.dpi = dpi
        self._backgrounds, self._layers = {}, {}
        self._texts = []
        self._state, self._png = object(), b""

    def finish_axes(self, ax, xlabel, ylabel, title, legend, size=12, title_size=None):
        """What every lesson plot with one axes sets up once its lines exist: axis labels and
        a title (`size` points, or `title_size`), a legend at `legend` ("upper right", ...), a
        light grid, and the figure laid out to fit them."""
        ax.set_xlabel(xlabel, fontsize=size)
        ax.set_ylabel(ylabel, fontsize=size)
        ax.set_title(title, fontsize=title_size or size)
        ax.legend(loc=legend, fontsize=9)
        ax.grid(alpha=0.3)
        self.figure.tight_layout()

    def frame(self, key=None, layout=None):
        """Start a frame on the background for `key`, drawing it the first time.

        `layout(key)`, if given, sets the axes for that key (limits, scale) before the one full
        draw; it runs again whenever the key is reused, so the axes match the picture.
        """
        if layout is not None:
            layout(key)
        if key not in self._backgrounds:
            self.canvas.draw()
            self._backgrounds[key] = self.canvas.copy_from_bbox(self.figure.bbox)
        self.canvas.restore_region(self._backgrounds[key])
        self._texts = []

    def keep(self, name, state):
        """Keep the frame drawn so far as layer `name`, valid while `state` is unchanged."""
        self._layers[name] = (state, self.canvas.copy_from_bbox(self.figure.bbox))

    def resume(self, name, state):
        """Start a frame from layer `name` if it was kept for `state` (else False)."""
        kept = self._layers.get(name)
        if kept is None or kept[0] != state:
            return False
        self.canvas.restore_region(kept[1])
        self._texts = []
        return True

    def draw(self, *artists):
        """Draw moving (animated) artists on the current frame."""
        for artist in artists:
            (artist.axes or self.figure).draw_artist(artist)

    def pixel(self, ax, x, y, coords="data"):
        """Where (x, y) of `ax` lands in the image, in pixels from its top left corner."""
        transform = ax.transAxes if coords == "axes" else ax.transData
        px, py = transform.transform((x, y))
        return px, self.figure.bbox.height - py

    def text(self, x, y, text, size=10, anchor="ms", color="black"):
        """Text at pixel (x, y) of this frame: `size` in points, Pillow's `anchor` ("ms":
        middle of the baseline, "rm": right middle, "mt": middle top)."""
        self._texts.append((x, y, text, size, anchor, color))

    def png(self, state=None):
        """The current frame as PNG bytes; the same bytes again while `state` is unchanged
        (pass `state=None` to always encode)."""
        if state is not None and state == self._state:
            return self._png
        c = self.canvas
        image = Image.frombuffer(
            "RGBA", c.get_width_height(), c.buffer_rgba(), "raw", "RGBA", 0, 1
        ).convert("RGB")
        if self._texts:
            pen = ImageDraw.Draw(image)
            for x, y, text, size, anchor, color in self._texts:
                pen.text((x, y), text, font=_font(size * self.dpi / 72), fill=color, anchor=anchor)
        # 256 colours are plenty for a plot, and a third of the bytes; quicker to encode too.
        # The palette is chosen once, from the first frame and the colours the plot may use
        # later (method 2: Pillow's fast octree); later frames are mapped onto it (0.4 ms,
        # where choosing a palette takes 2 to 3). compress_type 3: zlib's run-length strategy.
        if self._palette is None:
            sample = Image.new("RGB", (image.width, image.height + 8), "white")
            sample.paste(image, (0, 0))
            pen = ImageDraw.Draw(sample)
            for i, colour in enumerate(self.colours):
                pen.rectangle([8 * i, image.height, 8 * i + 7, image.height + 7], fill=colour)
            self._palette = sample.quantize(256, method=2)
        buffer = BytesIO()
        image.quantize(palette=self._palette, dither=0).save(
            buffer, format="png", compress_level=1, compress_type=3
        )
        self._state, self._png = state, buffer.getvalue()
        return self._png

    def is_current(self, state):
        """Whether the last picture was made for `state` (then there is nothing to draw)."""
        return state is not None and state == self._state


_FONTS = {}


def _font(pixels):
    if pixels not in _FONTS:
        path = font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans"))
        try:
            _FONTS[pixels] = ImageFont.truetype(path, pixels)
        except TypeError:  # Pillow before 10.1 takes whole pixels only
            _FONTS[pixels] = ImageFont.truetype(path, round(pixels))
    return _FONTS[pixels]


def tick_label(value, decimals):
    """A tick label as matplotlib writes it: a real minus sign, never "-0"."""
    text = f"{value:.{decimals}f}" if abs(value) < 1e6 else f"{value:.3g}"
    if text.lstrip("-").strip("0.") == "":
        text = text.lstrip("-")
    return text.replace("-", MINUS)


def nice_steps(smallest):
    """Tick spacings 1, 2, 2.5, 5 × 10^k from the first at least `smallest` upwards."""
    exponent = -12
    while True:
        for mantissa in (1, 2, 2.5, 5):
            step = mantissa * 10.0**exponent
            if step >= smallest * (1 - 1e-9):
                yield step
        exponent += 1


class HistoryPlot(Plot):
    """A value after each nudge, with a dashed line where it started (both nudgers).

    The axes never change: the data are mapped onto a fixed grid of 5 horizontal and 6
    vertical lines, and only the tick labels (round numbers, as matplotlib would pick
    them) move with the data. So every frame is a blit, whatever the history.
    """

    ROWS, COLUMNS = 4, 5  # spaces between the grid lines
    LOW, HIGH = 0.06, 0.94  # the grid's extent, as a fraction of the axes

    def __init__(
        self,
        figsize,
        ylabel,
        title=None,
        min_step=0.05,
        line=None,
        start=None,
        legend=False,
        margins=(0.16, 0.97, 0.18, 0.88),
    ):
        super().__init__(figsize)
        self.title, self.min_step = title, min_step
        ax = self.axes = self.figure.add_subplot()
        left, right, bottom, top = margins
        self.figure.subplots_adjust(left=left, right=right, bottom=bottom, top=top)
        grid = [self._fraction(k, self.ROWS) for k in range(self.ROWS + 1)]
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_yticks(grid)
        ax.set_xticks([self._fraction(k, self.COLUMNS) for k in range(self.COLUMNS + 1)])
        ax.tick_params(labelleft=False, labelbottom=False)
        ax.grid(alpha=0.3)
        ax.set_xlabel("number of nudges", fontsize=12)
        ax.xaxis.set_label_coords(0.5, -0.14)
        ax.set_ylabel(ylabel, fontsize=12)
        ax.yaxis.set_label_coords(-0.12, 0.5)
        if title:
            ax.set_title(title, fontsize=11)
        (self.line,) = ax.plot([], [], animated=True, **(line or {}))
        (self.start,) = ax.plot([0, 1], [0, 0], animated=True, **(start or {}))
        self.legend = legend
        for where in ("upper right", "lower right") if legend else (None,):
            self._background(where)  # every background now, so no move draws the whole figure

    def _background(self, where):
        if self.legend:  # the legend goes where the data are not
            self.axes.legend(handles=[self.line, self.start], loc=where, fontsize=9)
        self.frame(where)

    def _fraction(self, k, n):
        return self.LOW + (self.HIGH - self.LOW) * k / n

    def _scale(self, values):
        """The tick spacing and the value at the lowest grid line, data centred."""
        low, high = min(values), max(values)
        middle = (low + high) / 2
        for step in nice_steps(self.min_step):
            base = round(middle / step - self.ROWS / 2) * step
            for b in (base, base - step, base + step):
                if b <= low + 1e-12 * abs(low) and b + self.ROWS * step >= high - 1e-12 * abs(high):
                    return step, b

    def show(self, history, title=None):
        """PNG bytes of the plot of `history` (its first entry is the start)."""
        state = (tuple(history), title)
        if self.is_current(state):
            return self._png
        step, base = self._scale(history)
        nudges = len(history) - 1
        width = next(
            w
            for w in (5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10**4, 10**5, 10**6, 10**9)
            if w >= nudges
        )
        y = [self.LOW + (self.HIGH - self.LOW) * (v - base) / (self.ROWS * step) for v in history]
        x = [self.LOW + (self.HIGH - self.LOW) * k / width for k in range(len(history))]
        where = "upper right" if history[-1] <= history[0] else "lower right"

        self.frame(where if self.legend else None)
        self.line.set_data(x, y)
        self.start.set_ydata([y[0], y[0]])
        self.draw(self.start, self.line)
        ax = self.axes
        decimals = next(d for d in range(15) if abs(round(step, d) - step) < 1e-9 * step)
        pad = 3.5 * 2 * self.dpi / 72  # tick length and padding, as matplotlib leaves them
        for k in range(self.ROWS + 1):
            px, py = self.pixel(ax, 0, self._fraction(k, self.ROWS), "axes")
            self.text(px - pad, py, tick_label(base + k * step, decimals), anchor="rm")
        for k in range(self.COLUMNS + 1):
            px, py = self.pixel(ax, self._fraction(k, self.COLUMNS), 0, "axes")
            self.text(px, py + pad, tick_label(k * width / self.COLUMNS, 0), anchor="mt")
        if title:
            px, py = self.pixel(ax, 0.5, 1.0, "axes")
            self.text(px, py - 6 * self.dpi / 72, title, size=11, anchor="ms")
        return self.png(state)
