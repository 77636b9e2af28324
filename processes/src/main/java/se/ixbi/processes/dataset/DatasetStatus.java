package se.ixbi.processes.dataset;

/** Where a dataset stands in its case; every dataset stays on record whatever its status. */
public enum DatasetStatus {
    /** a raw upload the platform was told of, not yet read and checked by its worker */
    VERIFYING,
    /** part of the case's result */
    CURRENT,
    /** an upload that verification refused (BAD_UPLOAD) */
    REFUSED,
    /** replaced by a rescan after failed QC */
    SUPERSEDED
}
