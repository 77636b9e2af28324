#!/usr/bin/env python3
"""Rewrite a DXchange scan the way beamline writers lay it out: /exchange/data as uint16, chunked
(all angles x 8 rows x all columns), flats, darks and theta as they were. For `bench --scan`: the simulator's files
are contiguous, and a user's file is not. Needs h5py (Debian: apt-get install python3-h5py).

    tools/beamline-chunks.py sim.h5 beamline.h5
"""
import sys

import h5py
import numpy as np

ROWS_PER_CHUNK = 8


def main(source, target):
    with h5py.File(source, "r") as src, h5py.File(target, "w") as dst:
        exchange = dst.create_group("exchange")
        data = src["/exchange/data"]
        angles, rows, cols = data.shape
        out = exchange.create_dataset("data", shape=data.shape, dtype=np.uint16,
                                      chunks=(angles, min(ROWS_PER_CHUNK, rows), cols))
        for r0 in range(0, rows, ROWS_PER_CHUNK):
            band = data[:, r0:r0 + ROWS_PER_CHUNK, :]
            out[:, r0:r0 + ROWS_PER_CHUNK, :] = np.clip(band, 0, 65535).astype(np.uint16)
        for name in ("data_white", "data_dark"):
            frames = src["/exchange/" + name][...]
            exchange.create_dataset(name, data=np.clip(frames, 0, 65535).astype(np.uint16))
        exchange.create_dataset("theta", data=src["/exchange/theta"][...])
    print(f"{target}: {angles} x {rows} x {cols} uint16, chunks {out.chunks}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
