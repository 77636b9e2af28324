package se.ixbi.fhirbridge.fhir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A transaction bundle in which every entry is conditional on an IXBI identifier: found if it exists
 * ({@link #findOrCreate}) or written over ({@link #upsert}). Entries refer to each other by {@code urn:uuid}
 * placeholders, which the server replaces with the ids it finds or assigns.
 */
public final class Transaction {

    private final Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    private final List<String> written = new ArrayList<>();

    /** Creates the resource unless one with the identifier exists; either way the returned reference points at it. */
    public Reference findOrCreate(Resource resource, Identifier identifier) {
        return add(resource, Bundle.HTTPVerb.POST, type(resource),
                "identifier=" + encode(Identifiers.token(identifier)));
    }

    /** Creates the resource, or replaces the one with the identifier. */
    public Reference upsert(Resource resource, Identifier identifier) {
        return add(resource, Bundle.HTTPVerb.PUT, type(resource) + "?identifier="
                + encode(Identifiers.token(identifier)), null);
    }

    /** As {@link #upsert}, keyed by a tag, for resources without an identifier element (Provenance). */
    public Reference upsertTagged(Resource resource, Coding tag) {
        resource.getMeta().addTag(tag);
        return add(resource, Bundle.HTTPVerb.PUT, type(resource) + "?_tag=" + encode(tag.getSystem() + "|"
                + tag.getCode()), null);
    }

    private Reference add(Resource resource, Bundle.HTTPVerb verb, String url, String ifNoneExist) {
        String placeholder = "urn:uuid:" + UUID.randomUUID();
        Bundle.BundleEntryComponent entry = bundle.addEntry().setFullUrl(placeholder).setResource(resource);
        entry.getRequest().setMethod(verb).setUrl(url).setIfNoneExist(ifNoneExist);
        written.add(type(resource));
        return new Reference(placeholder);
    }

    /** Placeholders of every resource written so far, for a Provenance that covers them all. */
    public List<Reference> targets() {
        List<Reference> targets = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            targets.add(new Reference(e.getFullUrl()));
        }
        return targets;
    }

    public Bundle bundle() {
        return bundle;
    }

    int size() {
        return bundle.getEntry().size();
    }

    /** Search values are URL-encoded: identifier values hold slashes, which a server must not read as a path. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String type(Resource resource) {
        return resource.fhirType();
    }
}
