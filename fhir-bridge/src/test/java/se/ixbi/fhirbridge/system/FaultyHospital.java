package se.ixbi.fhirbridge.system;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * A hospital FHIR server that misbehaves on purpose, built on HAPI's own server framework: it refuses content
 * with a 422 and an OperationOutcome, answers too slowly, or is not there at all; or it takes transactions. It may
 * demand an access token, as a hospital's server does, and answer 401 to a request without a valid one.
 */
public final class FaultyHospital implements AutoCloseable {

    public enum Mode { ACCEPT, REFUSE, SLOW, FAIL }

    /** Checks a bearer token and names its holder, or throws with the reason it is refused. */
    @FunctionalInterface
    public interface TokenCheck {
        String holder(String token);
    }

    public static final String REFUSAL = "Consent.patient: the hospital's profile requires a patient known to the "
            + "master patient index";

    private final int port = ServerProcess.freePort();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Mode mode = Mode.ACCEPT;
    private volatile long slowMillis = 3000;
    private volatile BaseServerResponseException failure;
    private volatile TokenCheck tokens;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> holders = new CopyOnWriteArrayList<>();
    private Tomcat tomcat;

    public FaultyHospital start() {
        tomcat = new Tomcat();
        try {
            tomcat.setBaseDir(Files.createTempDirectory("faulty-hospital").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tomcat.setPort(port);
        tomcat.getConnector();
        Context context = tomcat.addContext("", null);
        RestfulServer server = new RestfulServer(FhirContext.forR4Cached());
        server.registerProvider(new TransactionProvider());
        server.registerInterceptor(new Gate());
        Tomcat.addServlet(context, "fhir", server);
        context.addServletMappingDecoded("/fhir/*", "fhir");
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Down: the port refuses connections until {@link #start()}. */
    public void stop() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** Answers every transaction with this error (its status and OperationOutcome), as a server in trouble does. */
    public void failWith(BaseServerResponseException failure) {
        this.failure = failure;
        this.mode = Mode.FAIL;
    }

    /** From now on, only requests with a bearer token that passes this check get in; the others are answered 401. */
    public void requireTokens(TokenCheck check) {
        this.tokens = check;
    }

    /** The Authorization header of every request so far ({@code "null"} where there was none), in order. */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** The holders of the tokens let in so far, in order. */
    public List<String> holders() {
        return List.copyOf(holders);
    }

    public String base() {
        return "http://localhost:" + port + "/fhir";
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        stop();
    }

    /** The door: notes the credentials of every request and, when tokens are required, checks them. */
    @Interceptor
    public class Gate {

        @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
        public void check(RequestDetails request) {
            String authorization = request.getHeader("Authorization");
            authorizations.add(String.valueOf(authorization));
            TokenCheck check = tokens;
            if (check == null) {
                return;
            }
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                throw new AuthenticationException("this server requires a bearer token");
            }
            try {
                holders.add(check.holder(authorization.substring("Bearer ".length())));
            } catch (RuntimeException e) {
                throw new AuthenticationException("the access token was refused: " + e.getMessage());
            }
        }
    }

    /** Transactions: refused, late, or answered with a location for every entry. */
    public class TransactionProvider {

        @Transaction
        public Bundle transaction(@TransactionParam Bundle in) throws InterruptedException {
            requests.incrementAndGet();
            switch (mode) {
                case REFUSE -> {
                    OperationOutcome outcome = new OperationOutcome();
                    outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                            .setCode(OperationOutcome.IssueType.BUSINESSRULE).setDiagnostics(REFUSAL)
                            .addExpression("Consent.patient");
                    throw new UnprocessableEntityException(FhirContext.forR4Cached(), outcome);
                }
                case SLOW -> Thread.sleep(slowMillis);
                case FAIL -> throw failure;
                default -> { }
            }
            Bundle out = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
            int n = 0;
            for (Bundle.BundleEntryComponent entry : in.getEntry()) {
                out.addEntry().getResponse().setStatus("201 Created")
                        .setLocation(entry.getResource().fhirType() + "/" + (++n) + "/_history/1");
            }
            return out;
        }
    }
}
