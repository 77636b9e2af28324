package se.ixbi.workers.demo;

/**
 * The pause between two looks at the engine: short at first, then longer, so that many cases waiting on slow work (a
 * queue of reconstructions, the clinical record) do not keep the engine busy answering the same question. A case
 * page is not cheap: 200 cases followed every 300 ms made the reliability test's drivers the engine's main load.
 */
final class PollInterval {

    private static final long FIRST_MILLIS = 200;
    private static final long LONGEST_MILLIS = 2000;

    private long next = FIRST_MILLIS;

    void pause() throws InterruptedException {
        Thread.sleep(next);
        next = Math.min(LONGEST_MILLIS, next * 3 / 2);
    }
}
