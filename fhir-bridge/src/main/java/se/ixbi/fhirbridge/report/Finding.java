package se.ixbi.fhirbridge.report;

/**
 * One figure of the report, as an Observation: an IXBI finding code, what it means, its value and UCUM unit.
 *
 * @param code stable per case and figure, e.g. {@code tissue-volume} or {@code cell-type-fraction-T2}
 * @param ucum the unit's UCUM code ({@code mm3}, {@code %}, {@code um}, {@code {count}}, {@code 1})
 * @param unit the unit as people read it
 * @param source where the figure comes from: {@code xray}, {@code omics}, {@code qc}
 */
record Finding(String code, String display, double value, String ucum, String unit, String source) {
}
