#!/usr/bin/env python3
"""Side-by-side reference for PreprocessBenchmark: the same four fixture JPEGs to a 299x299 Inception input
(RGB, [-1, 1], float32, NCHW; another side length as the second argument) with OpenCV on one thread, the usual Python serving pipeline:
cv2.imdecode -> cvtColor(BGR2RGB) -> resize(INTER_LINEAR or INTER_AREA) -> x / 127.5 - 1 -> HWC to CHW.

    python3 -m pip install opencv-python-headless numpy
    python3 trt-bench/scripts/opencv_preprocess.py [fixtures/images [size]]

Prints images/s for the full pipeline and for decode alone: the best and the mean of 5 rounds of 2 s each (JMH
reports means: compare those on a noisy machine).
"""
import sys
import time
from pathlib import Path

import cv2
import numpy as np

JPEGS = ["dog.jpg", "eagle.jpg", "fruits.jpg", "baboon.jpg"]
SIZE = int(sys.argv[2]) if len(sys.argv) > 2 else 299


def pipeline(buf, interpolation):
    bgr = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    small = cv2.resize(rgb, (SIZE, SIZE), interpolation=interpolation)
    x = small.astype(np.float32) * (1 / 127.5) - 1.0
    return np.ascontiguousarray(x.transpose(2, 0, 1))


def rate(fn, buffers, seconds=2.0, rounds=5):
    """'best / mean' images/s over the rounds."""
    rates = []
    for _ in range(rounds):
        n = 0
        start = time.perf_counter()
        while time.perf_counter() - start < seconds:
            fn(buffers[n % len(buffers)])
            n += 1
        rates.append(n / (time.perf_counter() - start))
    return f"{max(rates):8.1f} / {sum(rates) / len(rates):6.1f}"


def main():
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".fixtures/images")
    buffers = [np.frombuffer((folder / f).read_bytes(), dtype=np.uint8) for f in JPEGS]
    cv2.setNumThreads(1)
    print(f"OpenCV {cv2.__version__}, one thread, {SIZE}x{SIZE}, images/s (best / mean of 5 x 2 s):")
    print(f"  decode only                      {rate(lambda b: cv2.imdecode(b, cv2.IMREAD_COLOR), buffers)}")
    print(f"  full pipeline, INTER_LINEAR      {rate(lambda b: pipeline(b, cv2.INTER_LINEAR), buffers)}")
    print(f"  full pipeline, INTER_AREA        {rate(lambda b: pipeline(b, cv2.INTER_AREA), buffers)}")


if __name__ == "__main__":
    main()
