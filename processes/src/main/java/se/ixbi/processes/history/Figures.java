package se.ixbi.processes.history;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Named values as a sentence: "Energy (keV) 22; Estimated dose (Gy) 12,000; Within dose envelope yes". */
final class Figures {

    private Figures() {
    }

    static String of(Map<String, Object> named) {
        return named.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + " " + value(e.getValue())).collect(Collectors.joining("; "));
    }

    private static String value(Object value) {
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (value instanceof Number n) {
            NumberFormat format = NumberFormat.getNumberInstance(Locale.ENGLISH);
            format.setMaximumFractionDigits(4);
            return format.format(new BigDecimal(n.toString()));
        }
        return value.toString();
    }
}
