package se.ixbi.gpu.tomography;

/** The scan cannot be reconstructed as asked: rows outside the detector, or distances whose scans differ. */
public class UnusableScanException extends IllegalArgumentException {

    public UnusableScanException(String message) {
        super(message);
    }
}
