package se.ixbi.gpu.reconstruction;

import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemAllocHost;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import se.ixbi.gpu.cuda.CudaRuntime;

/**
 * The CUDA twin of {@link CpuBackProjector}: the same contract and the same interpolation (kernel in
 * {@code src/main/cuda/backproject.cu}). A slab of filtered sinograms crosses to the device in chunks on two streams:
 * while one chunk is back-projected, the next is copied in and the one before copied out, so the copies overlap the
 * kernels and the host waits only for a buffer it is about to reuse. Device and page-locked host buffers are
 * allocated once per geometry and slice size, and reused for every slab. Not thread-safe: one instance per thread.
 */
public final class CudaBackProjector implements BackProjector, AutoCloseable {

    private static final int BLOCK = 16;
    /** Slices per chunk: the unit that is copied in, back-projected and copied out on one stream. */
    static final int CHUNK = 8;
    private static final int STREAMS = 2;

    private final CUfunction kernel;
    private final CUstream[] streams = new CUstream[STREAMS];
    private final CUdeviceptr[] filtered = new CUdeviceptr[STREAMS];
    private final CUdeviceptr[] slices = new CUdeviceptr[STREAMS];
    private final Pointer[] hostFiltered = new Pointer[STREAMS];
    private final Pointer[] hostSlices = new Pointer[STREAMS];
    /** Which chunk each stream is working on, -1 for none. */
    private final int[] inFlight = {-1, -1};
    private ParallelGeometry geometry;
    private int n;
    private CUdeviceptr cos;
    private CUdeviceptr sin;

    public CudaBackProjector() {
        this.kernel = CudaRuntime.kernel("/cuda/backproject.ptx", "backproject");
    }

    @Override
    public void backproject(float[] sinogram, ParallelGeometry g, float[] out, int size) {
        System.arraycopy(backprojectSlab(sinogram, 1, g, size)[0], 0, out, 0, size * size);
    }

    /**
     * Back-projects a slab of filtered sinograms ({@code count × angles × width}) into {@code count} slices of
     * {@code size × size}, as {@link #backproject} does one.
     */
    public float[][] backprojectSlab(float[] filteredSinograms, int count, ParallelGeometry g, int size) {
        CudaRuntime.makeCurrent();
        prepare(g, size);
        int length = g.angles() * g.width();
        float[][] out = new float[count][];
        int chunks = (count + CHUNK - 1) / CHUNK;
        for (int c = 0; c < chunks; c++) {
            int s = c % STREAMS;
            collect(s, count, out);
            int first = c * CHUNK;
            int k = Math.min(CHUNK, count - first);
            floats(hostFiltered[s], (long) k * length).put(filteredSinograms, first * length, k * length);
            cuMemcpyHtoDAsync(filtered[s], hostFiltered[s], (long) k * length * Sizeof.FLOAT, streams[s]);
            Pointer parameters = Pointer.to(
                    Pointer.to(filtered[s]), Pointer.to(new int[] {g.angles()}), Pointer.to(new int[] {g.width()}),
                    Pointer.to(cos), Pointer.to(sin), Pointer.to(new float[] {(float) g.center()}),
                    Pointer.to(new int[] {size}), Pointer.to(new float[] {(float) (Math.PI / g.angles())}),
                    Pointer.to(slices[s]));
            int blocks = (size + BLOCK - 1) / BLOCK;
            cuLaunchKernel(kernel, blocks, blocks, k, BLOCK, BLOCK, 1, 0, streams[s], parameters, null);
            cuMemcpyDtoHAsync(hostSlices[s], slices[s], (long) k * size * size * Sizeof.FLOAT, streams[s]);
            inFlight[s] = c;
        }
        for (int s = 0; s < STREAMS; s++) {
            collect(s, count, out);
        }
        return out;
    }

    /** Waits for the stream's chunk, if any, and takes its slices from the page-locked buffer. */
    private void collect(int s, int count, float[][] out) {
        if (inFlight[s] < 0) {
            return;
        }
        cuStreamSynchronize(streams[s]);
        int first = inFlight[s] * CHUNK;
        int k = Math.min(CHUNK, count - first);
        int area = n * n;
        FloatBuffer done = floats(hostSlices[s], (long) k * area);
        for (int i = 0; i < k; i++) {
            out[first + i] = new float[area];
            done.get(out[first + i]);
        }
        inFlight[s] = -1;
    }

    private static FloatBuffer floats(Pointer pageLocked, long count) {
        return pageLocked.getByteBuffer(0, count * Sizeof.FLOAT).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private void prepare(ParallelGeometry g, int size) {
        if (g == geometry && size == n) {
            return;
        }
        close();
        geometry = g;
        n = size;
        long length = (long) g.angles() * g.width();
        for (int s = 0; s < STREAMS; s++) {
            streams[s] = new CUstream();
            cuStreamCreate(streams[s], CUstream_flags.CU_STREAM_NON_BLOCKING);
            filtered[s] = alloc(CHUNK * length);
            slices[s] = alloc((long) CHUNK * size * size);
            hostFiltered[s] = new Pointer();
            cuMemAllocHost(hostFiltered[s], CHUNK * length * Sizeof.FLOAT);
            hostSlices[s] = new Pointer();
            cuMemAllocHost(hostSlices[s], (long) CHUNK * size * size * Sizeof.FLOAT);
        }
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
        for (int s = 0; s < STREAMS; s++) {
            if (streams[s] != null) {
                cuStreamSynchronize(streams[s]);
                cuStreamDestroy(streams[s]);
                streams[s] = null;
            }
            for (CUdeviceptr p : new CUdeviceptr[] {filtered[s], slices[s]}) {
                if (p != null) {
                    cuMemFree(p);
                }
            }
            filtered[s] = null;
            slices[s] = null;
            for (Pointer p : new Pointer[] {hostFiltered[s], hostSlices[s]}) {
                if (p != null) {
                    cuMemFreeHost(p);
                }
            }
            hostFiltered[s] = null;
            hostSlices[s] = null;
            inFlight[s] = -1;
        }
        for (CUdeviceptr p : new CUdeviceptr[] {cos, sin}) {
            if (p != null) {
                cuMemFree(p);
            }
        }
        cos = null;
        sin = null;
        geometry = null;
    }
}
