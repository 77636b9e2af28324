package se.ixbi.processes.board;

import se.ixbi.processes.cases.CaseStage;

/**
 * What the board shows: all filters are optional.
 *
 * @param sort {@code waiting} (longest in stage first, the default) or {@code case} (newest case first)
 */
public record BoardFilter(CaseStage stage, String useCase, boolean lateOnly, String sort) {

    public static final String BY_WAITING = "waiting";
    public static final String BY_CASE = "case";

    public BoardFilter {
        useCase = useCase == null || useCase.isBlank() ? null : useCase;
        sort = BY_CASE.equals(sort) ? BY_CASE : BY_WAITING;
    }

    boolean admits(BoardRow row) {
        return (stage == null || stage == row.stage()) && (useCase == null || useCase.equals(row.useCase()))
                && (!lateOnly || row.sla() == SlaState.LATE);
    }

    /** Whether any filter narrows the board (an empty board then says so, rather than "no cases"). */
    public boolean narrows() {
        return stage != null || useCase != null || lateOnly;
    }
}
