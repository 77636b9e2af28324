package se.ixbi.processes.dataset;

import java.util.Locale;

public enum DataLevel {
    RAW, RECONSTRUCTED, REGISTERED, ANALYSED;

    /** The level as people name it for this modality: a volume EM stack is aligned rather than reconstructed. */
    public String label(Modality modality) {
        if (this == RECONSTRUCTED && modality == Modality.VEM) {
            return "Aligned";
        }
        String name = name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
