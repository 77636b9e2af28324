package se.ixbi.fhirbridge.pseudonym;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.math.BigInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Keyed pseudonyms: HMAC-SHA-256 of the patient's identifier, the use case and the clinic's order, so the same
 * order always gives the same pseudonym (a request sent twice registers one case) and nobody without the key can
 * go from a pseudonym back to the patient, or from the patient to the pseudonym.
 */
@Component
public class Pseudonyms {

    /** letters only: a pseudonym can never hold a run of digits that looks like a personal identity number */
    private static final char[] LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    /** 20 letters of 24: about 91 bits, far beyond any number of cases */
    private static final int LENGTH = 20;

    private final SecretKeySpec key;

    Pseudonyms(PseudonymProperties properties) {
        this.key = PseudonymKey.load(properties);
    }

    public String of(PatientIdentifier patient, String useCase, String order) {
        String input = String.join("\n", patient.system(), patient.value(), useCase, order == null ? "" : order);
        byte[] mac;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            mac = hmac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
        StringBuilder out = new StringBuilder("PSN-");
        BigInteger rest = new BigInteger(1, mac);
        BigInteger base = BigInteger.valueOf(LETTERS.length);
        for (int i = 0; i < LENGTH; i++) {
            BigInteger[] qr = rest.divideAndRemainder(base);
            out.append(LETTERS[qr[1].intValue()]);
            rest = qr[0];
        }
        return out.toString();
    }
}
