package se.ixbi.processes.cases;

import java.util.regex.Pattern;

import se.ixbi.processes.errors.ErrorCode;
import se.ixbi.processes.errors.IxbiException;

/**
 * Refuses values that look like a national patient identifier (Swedish personnummer or samordningsnummer,
 * YYMMDD-NNNN or YYYYMMDDNNNN), so that a mistyped pseudonym cannot carry one into the engine.
 */
final class PatientIdentifierGuard {

    private static final Pattern PERSONNUMMER = Pattern.compile("(?<!\\d)(\\d{2})?\\d{2}[01]\\d[0-9]\\d[-+_]?\\d{4}(?!\\d)");

    private PatientIdentifierGuard() {
    }

    static void requireNone(String field, String value) {
        if (value != null && PERSONNUMMER.matcher(value).find()) {
            throw new IxbiException(ErrorCode.PATIENT_IDENTIFIER, field
                    + " looks like a personal identity number; only research pseudonyms may enter IXBI");
        }
    }
}
