package se.ixbi.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CudaRuntimeTest {

    @Test
    void aMissingDriverIsDescribedByTheLibraryItNames() {
        var jcudaFailure = new UnsatisfiedLinkError("""
                Error while loading native library "JCudaDriver-12.6.0-linux-x86_64"
                Operating system name: Linux
                Stack trace from the attempt to load the library as a resource:
                java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open \
                shared object file: No such file or directory
                """);

        assertEquals("libcuda.so.1: cannot open shared object file: No such file or directory",
                CudaRuntime.firstCause(jcudaFailure));
    }

    @Test
    void otherFailuresKeepTheirFirstLine() {
        assertEquals("CUDA_ERROR_NO_DEVICE", CudaRuntime.firstCause(new RuntimeException("CUDA_ERROR_NO_DEVICE\nmore")));
    }
}
