package se.ixbi.fhirbridge.fhir;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * The hospital's FHIR server as the bridge uses it: transactions in, resources found by identifier out. Every
 * failure comes back as one of two kinds: {@link FhirRefusedException} (the content was refused: a person must
 * look) or {@link FhirUnavailableException} (try again later), both with the server's own words.
 */
@Component
public class ClinicalRecord {

    private static final int MAX_DETAIL = 900;
    /**
     * Servers may answer a repeated search from a cache (HAPI for a minute): the bridge searches to decide what to
     * write, so it always asks for the current state.
     */
    private static final CacheControlDirective FRESH = new CacheControlDirective().setNoCache(true);

    private final IGenericClient client;

    ClinicalRecord(IGenericClient client) {
        this.client = client;
    }

    /** Sends the transaction; returns the versionless id of each entry, in the bundle's order. */
    public List<IdType> transact(Transaction transaction, String what) {
        Bundle response = call(what, () -> client.transaction().withBundle(transaction.bundle()).execute());
        List<IdType> ids = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : response.getEntry()) {
            ids.add(new IdType(entry.getResponse().getLocation()).toUnqualifiedVersionless());
        }
        if (ids.size() != transaction.size()) {
            throw new FhirUnavailableException(what + ": the server answered " + ids.size() + " entries for "
                    + transaction.size(), null);
        }
        return ids;
    }

    /** The one resource of the type with the identifier, if there is one. */
    public <T extends Resource> Optional<T> find(Class<T> type, Identifier identifier) {
        Bundle found = call("search " + type.getSimpleName(), () -> client.search().forResource(type)
                .where(new TokenClientParam("identifier")
                        .exactly().systemAndIdentifier(identifier.getSystem(), identifier.getValue()))
                .cacheControl(FRESH).returnBundle(Bundle.class).execute());
        return found.getEntry().stream().map(e -> type.cast(e.getResource())).findFirst();
    }

    public <T extends Resource> T read(Class<T> type, IdType id) {
        return call("read " + id.getValue(), () -> client.read().resource(type).withId(id).execute());
    }

    /** Search by URL relative to the base, e.g. {@code Consent?status=inactive&_lastUpdated=gt...}. */
    public Bundle search(String url) {
        return call("search " + url, () -> client.search().byUrl(url).cacheControl(FRESH).returnBundle(Bundle.class)
                .execute());
    }

    public Bundle nextPage(Bundle page) {
        return call("next page", () -> client.loadPage().next(page).execute());
    }

    public IdType upsertByUrl(Resource resource, String conditionalUrl, String what) {
        var outcome = call(what, () -> client.update().resource(resource).conditionalByUrl(conditionalUrl).execute());
        return new IdType(outcome.getId().getValue()).toUnqualifiedVersionless();
    }

    private static <T> T call(String what, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (FhirClientConnectionException e) {
            // a connection failure is a server response exception too in HAPI, with no status: caught first
            throw new FhirUnavailableException(what + ": the clinical record did not answer: "
                    + rootMessage(e), e);
        } catch (BaseServerResponseException e) {
            int status = e.getStatusCode();
            String detail = detail(e);
            if (status == 400 || status == 422) {
                throw new FhirRefusedException(what + " refused by the clinical record (HTTP " + status + "): "
                        + detail);
            }
            throw new FhirUnavailableException(what + ": the clinical record answered HTTP " + status + ": "
                    + detail, e);
        }
    }

    /** The server's reasons: the OperationOutcome's issues where it sent one, else the start of its answer. */
    static String detail(BaseServerResponseException e) {
        IBaseOperationOutcome outcome = e.getOperationOutcome();
        String text;
        if (outcome instanceof OperationOutcome oo && !oo.getIssue().isEmpty()) {
            text = oo.getIssue().stream()
                    .map(i -> i.getSeverity().toCode() + ": " + (i.hasDiagnostics() ? i.getDiagnostics()
                            : i.getDetails().getText())
                            + (i.hasExpression() ? " at " + i.getExpression().get(0).getValue() : ""))
                    .collect(Collectors.joining("; "));
        } else if (e.getResponseBody() != null && !e.getResponseBody().isBlank()) {
            text = e.getResponseBody();
        } else {
            text = e.getMessage();
        }
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
