#!/usr/bin/env python3
"""Writes the OME-Zarr images that OmeZarrImageTest reads, with zarr-python (Debian python3-zarr 2.13) as the
reference writer: Blosc, zlib, gzip, zstd and no compression, several dtypes and both byte orders, 3D and 5D axes,
units other than micrometres. Values follow v(z, y, x) = (7z + 3y + x) mod 251. Run it from this folder."""
import json
import shutil

import numpy as np
import zarr
from numcodecs import Blosc, GZip, Zlib, Zstd

SHAPE = (10, 9, 8)
z, y, x = np.indices(SHAPE)
VALUES = (7 * z + 3 * y + x) % 251


def image(name, dtype, compressor, axes, scale, translation, separator="/", five_d=False, drop_chunk=None,
          fill=0):
    shutil.rmtree(name, ignore_errors=True)
    root = zarr.open_group(zarr.NestedDirectoryStore(name) if separator == "/" else zarr.DirectoryStore(name),
                           mode="w")
    data = VALUES.astype(dtype)
    datasets = []
    for level in range(2):
        level_data = data[:: 2 ** level, :: 2 ** level, :: 2 ** level]
        if five_d:
            level_data = level_data[np.newaxis, np.newaxis]
        chunks = (1, 1, 4, 4, 4) if five_d else (4, 4, 4)
        root.create_dataset(str(level), data=level_data, chunks=chunks, compressor=compressor, fill_value=fill,
                            dimension_separator=separator, overwrite=True)
        s = [v * 2 ** level for v in scale]
        t = list(translation)
        if five_d:
            s = [1.0, 1.0] + s
            t = [0.0, 0.0] + t
        datasets.append({"path": str(level), "coordinateTransformations": [
            {"type": "scale", "scale": s}, {"type": "translation", "translation": t}]})
    root.attrs["multiscales"] = [{"version": "0.4", "name": name, "axes": axes, "datasets": datasets}]
    if drop_chunk:
        shutil.os.remove(f"{name}/0/{drop_chunk}")


space = lambda unit: [{"name": a, "type": "space", "unit": unit} for a in "zyx"]
image("blosc-u16-5d.zarr", "<u2", Blosc(cname="lz4", clevel=5, shuffle=Blosc.SHUFFLE),
      [{"name": "t", "type": "time"}, {"name": "c", "type": "channel"}] + space("nanometer"),
      [50.0, 10.0, 10.0], [100.0, 0.0, -20.0], five_d=True)
image("zlib-f4-be.zarr", ">f4", Zlib(level=3), space("micrometer"), [2.0, 1.5, 1.5], [0.0, 3.0, 0.0],
      separator=".")
image("gzip-i16.zarr", "<i2", GZip(level=5), space("micrometer"), [1.0, 1.0, 1.0], [0.0, 0.0, 0.0])
image("zstd-f8.zarr", "<f8", Zstd(level=3), space("millimeter"), [0.001, 0.001, 0.001], [0.0, 0.0, 0.0])
image("raw-u8-missing-chunk.zarr", "|u1", None, space("micrometer"), [1.0, 1.0, 1.0], [0.0, 0.0, 0.0],
      drop_chunk="1/1/1", fill=7)
print(json.dumps(zarr.open_group("blosc-u16-5d.zarr").attrs.asdict())[:200])
