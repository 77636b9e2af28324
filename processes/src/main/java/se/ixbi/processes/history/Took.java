package se.ixbi.processes.history;

import java.time.Duration;

/** How long something took, to the precision people care for at that length: "0.4 s", "12 s", "3 min 5 s", "2 days 4 h". */
final class Took {

    private Took() {
    }

    static String of(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 10_000) {
            return String.format(java.util.Locale.ENGLISH, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 > 0 ? " " + s % 60 + " s" : "");
        }
        long h = s / 3600;
        if (h < 24) {
            return h + " h" + (s / 60 % 60 > 0 ? " " + s / 60 % 60 + " min" : "");
        }
        long days = h / 24;
        return days + (days == 1 ? " day" : " days") + (h % 24 > 0 ? " " + h % 24 + " h" : "");
    }
}
