package se.ixbi.gpu.tomography;

/** Where back projection runs; gridrec and phase retrieval run on the CPU in this version. */
public enum Backend {
    CPU, CUDA
}
