package se.ixbi.processes.errors;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What is wrong with a request body or a parameter, in the words of the API rather than of its Java: "'modality'
 * must be one of XRAY, VEM, OMICS", not Jackson's "Cannot deserialize value of type `se.ixbi…Modality`".
 */
final class BodyProblems {

    private BodyProblems() {
    }

    static String describe(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException e) {
            return "'" + field(e) + "' is not a field of this request; it takes "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                            .collect(Collectors.joining(", "));
        }
        if (cause instanceof InvalidFormatException e) {
            return "'" + field(e) + "' must be " + kind(e.getTargetType()) + ", not '" + e.getValue() + "'";
        }
        if (cause instanceof MismatchedInputException e && e.getTargetType() != null && !e.getPath().isEmpty()) {
            return "'" + field(e) + "' must be " + kind(e.getTargetType());
        }
        if (cause instanceof JsonParseException e) {
            return "The request body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage().replaceAll("\\s*\\(code \\d+\\)",
                            "");
        }
        if (cause == null) {
            return "The request needs a JSON body";
        }
        return "The request body is not valid JSON for this endpoint";
    }

    /** What a value of this type looks like, to a person writing JSON. */
    static String kind(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.getName().startsWith("java.time.")) {
            return "a date or time in ISO 8601, such as 2026-12-01";
        }
        return "an object";
    }

    private static String field(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }
}
