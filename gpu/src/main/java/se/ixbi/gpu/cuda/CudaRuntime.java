package se.ixbi.gpu.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * The CUDA device and its kernels, found once per JVM. Whether CUDA can be used is a fact with a reason: no PTX in
 * the jar (built without nvcc, or nvcc failed: {@code src/main/cuda/build-ptx.sh}), no driver, no device. Uses the device's primary context, which the driver shares
 * with every thread that makes it current.
 */
public final class CudaRuntime {

    private static final Availability AVAILABILITY = probe();

    private CudaRuntime() {
    }

    public record Availability(boolean available, String description, CUcontext context) {
    }

    public static Availability availability() {
        return AVAILABILITY;
    }

    private static Availability probe() {
        if (CudaRuntime.class.getResource("/cuda/backproject.ptx") == null) {
            return new Availability(false, "the kernels were not compiled into this build (no nvcc at build time, or "
                    + "nvcc failed: the build printed a warning with its reason)", null);
        }
        try {
            JCudaDriver.setExceptionsEnabled(true);
            cuInit(0);
            int[] count = {0};
            cuDeviceGetCount(count);
            if (count[0] == 0) {
                return new Availability(false, "the CUDA driver reports no device", null);
            }
            CUdevice device = new CUdevice();
            cuDeviceGet(device, 0);
            byte[] name = new byte[256];
            cuDeviceGetName(name, name.length, device);
            CUcontext context = new CUcontext();
            cuDevicePrimaryCtxRetain(context, device);
            String deviceName = new String(name, StandardCharsets.US_ASCII).trim().replace("\0", "");
            return new Availability(true, deviceName, context);
        } catch (Throwable e) {
            // UnsatisfiedLinkError where there is no driver library, CudaException where the driver refuses
            return new Availability(false, "no usable CUDA driver: " + firstCause(e), null);
        }
    }

    /**
     * JCuda's load failure is a page of both attempts' stack traces; the line that names the missing driver library
     * is the one a person needs.
     */
    static String firstCause(Throwable e) {
        String message = String.valueOf(e.getMessage());
        return message.lines()
                .filter(line -> line.contains("libcuda"))
                .map(line -> line.substring(line.indexOf("libcuda")))
                .findFirst()
                .orElse(message.lines().findFirst().orElse(e.getClass().getSimpleName()));
    }

    /** Makes the primary context current on the calling thread and loads a kernel from its PTX resource. */
    public static CUfunction kernel(String ptxResource, String name) {
        if (!AVAILABILITY.available()) {
            throw new IllegalStateException("CUDA is not available: " + AVAILABILITY.description());
        }
        cuCtxSetCurrent(AVAILABILITY.context());
        byte[] ptx;
        try (InputStream in = CudaRuntime.class.getResourceAsStream(ptxResource)) {
            ptx = (new String(in.readAllBytes(), StandardCharsets.US_ASCII) + "\0").getBytes(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CUmodule module = new CUmodule();
        cuModuleLoadData(module, ptx);
        CUfunction function = new CUfunction();
        cuModuleGetFunction(function, module, name);
        return function;
    }

    public static void makeCurrent() {
        cuCtxSetCurrent(AVAILABILITY.context());
    }
}
