package se.ixbi.processes.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Requests refused with 401 or 403, counted per source address and minute in memory and written once a minute:
 * a flood of anonymous requests costs a counter, not a row each, and never waits on the audit chain's head.
 */
@Component
class RefusedRequests {

    record Key(Instant minute, String source, int status) {
    }

    /** One minute's count of refusals from one source. */
    public record Count(Instant minute, String source, int status, long requests) {
    }

    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();
    private final JdbcTemplate jdbc;
    private final Clock clock;

    RefusedRequests(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void count(String source, int status) {
        Instant minute = Instant.now(clock).truncatedTo(ChronoUnit.MINUTES);
        counts.computeIfAbsent(new Key(minute, source, status), k -> new LongAdder()).increment();
    }

    /** Writes the counts of every minute that has ended (all of them with {@code everything}). */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void flush() {
        flush(false);
    }

    @Transactional
    public void flush(boolean everything) {
        Instant current = Instant.now(clock).truncatedTo(ChronoUnit.MINUTES);
        for (Key key : List.copyOf(counts.keySet())) {
            if (!everything && !key.minute().isBefore(current)) {
                continue;
            }
            long requests = counts.remove(key).sum();
            Timestamp minute = Timestamp.from(key.minute());
            int updated = jdbc.update("update refused_request set requests = requests + ? "
                    + "where minute_start = ? and source = ? and status = ?", requests, minute, key.source(),
                    key.status());
            if (updated == 0) {
                jdbc.update("insert into refused_request (minute_start, source, status, requests) "
                        + "values (?, ?, ?, ?)", minute, key.source(), key.status(), requests);
            }
        }
    }

    /** The counts written since a time, newest first. */
    @Transactional(readOnly = true)
    public List<Count> since(Instant from) {
        return jdbc.query("select minute_start, source, status, requests from refused_request "
                + "where minute_start >= ? order by minute_start desc, source, status",
                (row, i) -> new Count(row.getTimestamp(1).toInstant(), row.getString(2), row.getInt(3),
                        row.getLong(4)), Timestamp.from(from));
    }
}
