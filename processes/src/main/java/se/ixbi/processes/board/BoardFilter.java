package se.ixbi.processes.board;

import se.ixbi.processes.cases.CaseStage;

/**
 * What the board shows: all filters are optional.
 *
 * @param sort {@code waiting} (longest in stage first, the default) or {@code case} (newest case first)
 * @param limit how many rows the page draws, the first in that order (the live refresh redraws them every few
 *     seconds, so a site with a thousand active cases narrows with the filters or asks for more)
 */
public record BoardFilter(CaseStage stage, String useCase, boolean lateOnly, String sort, int limit) {

    public static final String BY_WAITING = "waiting";
    public static final String BY_CASE = "case";
    public static final int PAGE = 100;
    private static final int MAX_LIMIT = 5000;

    public BoardFilter {
        useCase = useCase == null || useCase.isBlank() ? null : useCase;
        sort = BY_CASE.equals(sort) ? BY_CASE : BY_WAITING;
        limit = limit <= 0 ? PAGE : Math.min(limit, MAX_LIMIT);
    }

    public BoardFilter(CaseStage stage, String useCase, boolean lateOnly, String sort) {
        this(stage, useCase, lateOnly, sort, PAGE);
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
