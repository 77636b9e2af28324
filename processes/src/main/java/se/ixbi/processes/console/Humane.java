package se.ixbi.processes.console;

import java.time.Duration;

import org.springframework.stereotype.Component;

/** Durations as people read them ("3 days 4 h", "within 21 days"), never as ISO-8601; for the pages' templates. */
@Component("humane")
public class Humane {

    public String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long minutes = Math.max(0, d.toMinutes());
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        if (days > 0) {
            return days + (days == 1 ? " day" : " days") + (hours > 0 ? " " + hours + " h" : "");
        }
        if (minutes >= 60) {
            return hours + " h" + (minutes % 60 > 0 ? " " + minutes % 60 + " min" : "");
        }
        return minutes < 1 ? "under a minute" : minutes + " min";
    }

    /** A target: "21 days", "36 h". */
    public String target(Duration d) {
        if (d == null) {
            return "no target";
        }
        return d.toHours() % 24 == 0 ? days(d.toDays()) : d.toHours() + " h";
    }

    /** A size: "91.2 MiB". */
    public String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ENGLISH, "%.1f %s", value, units[unit]);
    }

    private static String days(long days) {
        return days + (days == 1 ? " day" : " days");
    }
}
