"""Reading back what the plots wrote: a PNG as pixels, an SVG as XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib.colors
import matplotlib.image
import numpy as np


def png_pixels(path: Path) -> np.ndarray:
    """The PNG's pixels (height x width x channels), asserted not blank: several distinct
    colours and nonzero variance (a blank or single-colour picture has neither)."""
    pixels = np.asarray(matplotlib.image.imread(path))
    assert pixels.ndim == 3
    flat = pixels.reshape(-1, pixels.shape[2])
    assert len(np.unique(flat, axis=0)) >= 8, "hardly any distinct colours: blank?"
    assert float(pixels.var()) > 1e-3
    return pixels


def ink(pixels: np.ndarray, colour: str) -> int:
    """How many pixels are (nearly) ``colour``: the drawn data, which axes, ticks and text
    alone never have (an empty plot of the same size has 0 pixels of tab:blue)."""
    rgb = np.array(matplotlib.colors.to_rgb(colour))
    return int((np.abs(pixels[..., :3] - rgb).max(axis=2) < 0.1).sum())


def svg_root(path: Path) -> ET.Element:
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg", root.tag
    return root
