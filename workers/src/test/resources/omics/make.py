#!/usr/bin/env python3
"""Writes the spatial-omics files that CellTableTest reads, with anndata (Debian python3-anndata 0.8) as the reference
writer: the same six cells × four genes as a sparse (CSR) .h5ad, a dense .h5ad and a CSV cell table. Counts follow
c(i, j) = (3i + 2j) mod 7, positions x = 10 + 5i, y = 20 - 2i (micrometres). Run it from this folder."""
import anndata
import numpy as np
import pandas as pd
import scipy.sparse as sp

cells, genes = 6, 4
counts = np.array([[(3 * i + 2 * j) % 7 for j in range(genes)] for i in range(cells)], dtype=np.float32)
obs = pd.DataFrame(index=[f"cell-{i}" for i in range(cells)])
var = pd.DataFrame(index=["EPCAM", "PTPRC", "PECAM1", "COL1A1"])
spatial = np.array([[10 + 5 * i, 20 - 2 * i] for i in range(cells)], dtype=np.float64)

sparse = anndata.AnnData(X=sp.csr_matrix(counts), obs=obs, var=var)
sparse.obsm["spatial"] = spatial
sparse.write_h5ad("cells-csr.h5ad")

dense = anndata.AnnData(X=counts, obs=obs, var=var)
dense.obsm["spatial"] = spatial
dense.write_h5ad("cells-dense.h5ad")

table = pd.DataFrame(counts, index=obs.index, columns=var.index)
table.insert(0, "y", spatial[:, 1])
table.insert(0, "x", spatial[:, 0])
table.index.name = "cell_id"
table.to_csv("cells.csv")

# a section image the way scanpy keeps Visium's: uns/spatial/<library>/images/hires (uint8, height × width × 3) and
# scalefactors/tissue_hires_scalef (image pixels per unit of obsm/spatial: 0.5 → pixels of 2 µm); colour of pixel
# (r, c) = ((3r + c) mod 256, (r + 5c) mod 256, 7 (r + c) mod 256)
rows, cols = 40, 50
r, c = np.meshgrid(np.arange(rows), np.arange(cols), indexing="ij")
image = np.stack([(3 * r + c) % 256, (r + 5 * c) % 256, (7 * (r + c)) % 256], axis=-1).astype(np.uint8)
with_image = anndata.AnnData(X=counts, obs=obs, var=var)
with_image.obsm["spatial"] = spatial
with_image.uns["spatial"] = {"section-1": {"images": {"hires": image},
                                           "scalefactors": {"tissue_hires_scalef": 0.5}}}
with_image.write_h5ad("cells-image.h5ad")

two = anndata.AnnData(X=counts, obs=obs, var=var)
two.obsm["spatial"] = spatial
two.uns["spatial"] = {name: {"images": {"hires": image}, "scalefactors": {"tissue_hires_scalef": 0.5}}
                      for name in ("section-1", "section-2")}
two.write_h5ad("cells-two-libraries.h5ad")
