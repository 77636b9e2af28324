package se.ixbi.gpu.reconstruction;

import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;

import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import se.ixbi.gpu.cuda.CudaRuntime;

/**
 * The CUDA twin of {@link CpuBackProjector}: the same contract and the same interpolation (kernel in
 * {@code src/main/cuda/backproject.cu}). Device buffers are allocated once per geometry and reused; data crosses to
 * the device once per call. Not thread-safe: one instance per thread.
 */
public final class CudaBackProjector implements BackProjector, AutoCloseable {

    private static final int BLOCK = 16;

    private final CUfunction kernel;
    private ParallelGeometry geometry;
    private int n;
    private CUdeviceptr filtered;
    private CUdeviceptr cos;
    private CUdeviceptr sin;
    private CUdeviceptr slice;

    public CudaBackProjector() {
        this.kernel = CudaRuntime.kernel("/cuda/backproject.ptx", "backproject");
    }

    @Override
    public void backproject(float[] sinogram, ParallelGeometry g, float[] out, int size) {
        CudaRuntime.makeCurrent();
        prepare(g, size);
        cuMemcpyHtoD(filtered, Pointer.to(sinogram), (long) g.angles() * g.width() * Sizeof.FLOAT);
        Pointer parameters = Pointer.to(
                Pointer.to(filtered), Pointer.to(new int[] {g.angles()}), Pointer.to(new int[] {g.width()}),
                Pointer.to(cos), Pointer.to(sin), Pointer.to(new float[] {(float) g.center()}),
                Pointer.to(new int[] {size}), Pointer.to(new float[] {(float) (Math.PI / g.angles())}),
                Pointer.to(slice));
        int blocks = (size + BLOCK - 1) / BLOCK;
        cuLaunchKernel(kernel, blocks, blocks, 1, BLOCK, BLOCK, 1, 0, null, parameters, null);
        cuCtxSynchronize();
        cuMemcpyDtoH(Pointer.to(out), slice, (long) size * size * Sizeof.FLOAT);
    }

    private void prepare(ParallelGeometry g, int size) {
        if (g == geometry && size == n) {
            return;
        }
        close();
        geometry = g;
        n = size;
        filtered = alloc((long) g.angles() * g.width());
        slice = alloc((long) size * size);
        float[] c = new float[g.angles()];
        float[] s = new float[g.angles()];
        for (int a = 0; a < g.angles(); a++) {
            c[a] = (float) Math.cos(g.anglesRad()[a]);
            s[a] = (float) Math.sin(g.anglesRad()[a]);
        }
        cos = alloc(g.angles());
        sin = alloc(g.angles());
        cuMemcpyHtoD(cos, Pointer.to(c), (long) c.length * Sizeof.FLOAT);
        cuMemcpyHtoD(sin, Pointer.to(s), (long) s.length * Sizeof.FLOAT);
    }

    private static CUdeviceptr alloc(long floats) {
        CUdeviceptr p = new CUdeviceptr();
        cuMemAlloc(p, floats * Sizeof.FLOAT);
        return p;
    }

    @Override
    public void close() {
        for (CUdeviceptr p : new CUdeviceptr[] {filtered, cos, sin, slice}) {
            if (p != null) {
                cuMemFree(p);
            }
        }
        filtered = null;
        cos = null;
        sin = null;
        slice = null;
        geometry = null;
    }
}
