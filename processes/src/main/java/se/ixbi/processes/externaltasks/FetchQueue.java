package se.ixbi.processes.externaltasks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.cmd.FetchExternalTasksCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;

/**
 * Fetches on one node, taking turns and sharing them. Concurrent fetches would pick the same waiting task and all
 * but one come back empty, so fetches take turns ({@code turns} at a time). A fetch that arrives while others wait
 * does not wait for a turn of its own: the first in line takes every waiting request that picks from the same tasks
 * ({@link FetchRequest#picksLike}) into its turn and serves them with one query ({@link SharedFetchCmd}). Sixteen
 * workers asking at once then wait for one turn, not fifteen. Requests are served in the order they came; the thread
 * that serves a turn is always one of the callers in it, so the query runs with their authentication.
 */
final class FetchQueue {

    /** At most this many requests share one query and one transaction. */
    static final int MOST_PER_TURN = 32;

    /** Runs one command in a transaction of its own, again if it lost a race. */
    interface Attempts {
        <T> T run(Command<T> command);
    }

    private final int turns;
    private final Supplier<Authentication> caller;
    private final Attempts attempts;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private int running;

    FetchQueue(int turns, Supplier<Authentication> caller, Attempts attempts) {
        this.turns = turns;
        this.caller = caller;
        this.attempts = attempts;
    }

    List<LockedExternalTask> fetch(FetchExternalTasksCmd command) {
        Waiting mine = new Waiting(FetchRequest.of(command, caller.get()));
        List<Waiting> turn = null;
        boolean interrupted = false;
        synchronized (this) {
            waiting.add(mine);
            while (!mine.served && (running >= turns || waiting.peekFirst() != mine)) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // a fetch in line is not abandoned half-way: it keeps its place and tells its caller afterwards
                    interrupted = true;
                }
            }
            if (!mine.served) {
                turn = takeTurn(mine);
                running++;
                notifyAll();
            }
        }
        if (turn != null) {
            serve(turn);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return mine.result();
    }

    synchronized int inLine() {
        return waiting.size();
    }

    /** The first in line, with every waiting request that picks from the same tasks. */
    private List<Waiting> takeTurn(Waiting first) {
        List<Waiting> turn = new ArrayList<>();
        for (Iterator<Waiting> line = waiting.iterator(); line.hasNext() && turn.size() < MOST_PER_TURN; ) {
            Waiting next = line.next();
            if (next == first || first.request.picksLike(next.request)) {
                turn.add(next);
                line.remove();
            }
        }
        return turn;
    }

    private void serve(List<Waiting> turn) {
        List<List<LockedExternalTask>> locked = null;
        RuntimeException failure = null;
        try {
            if (turn.size() == 1) {
                locked = List.of(attempts.run(turn.get(0).request.command()));
            } else {
                locked = attempts.run(new SharedFetchCmd(turn.stream().map(w -> w.request).toList()));
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            synchronized (this) {
                for (int i = 0; i < turn.size(); i++) {
                    turn.get(i).serve(locked == null ? null : locked.get(i), failure);
                }
                running--;
                notifyAll();
            }
        }
    }

    private static final class Waiting {
        final FetchRequest request;
        boolean served;
        List<LockedExternalTask> locked;
        RuntimeException failure;

        Waiting(FetchRequest request) {
            this.request = request;
        }

        void serve(List<LockedExternalTask> locked, RuntimeException failure) {
            this.locked = locked;
            this.failure = failure == null && locked == null
                    ? new IllegalStateException("the fetch's turn ended without an answer") : failure;
            this.served = true;
        }

        List<LockedExternalTask> result() {
            if (failure != null) {
                throw failure;
            }
            return locked;
        }
    }
}
