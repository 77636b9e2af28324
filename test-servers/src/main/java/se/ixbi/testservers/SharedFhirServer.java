package se.ixbi.testservers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The local FHIR server's jar ({@code fhir-server/target/ixbi-fhir-server.jar}, a real HAPI JPA server), started
 * once per Maven run and shared by the tests of every module: it takes half a minute and a gigabyte to start.
 * Each JVM that takes the server over deletes the subscriptions left by the bridges of earlier JVMs, whose
 * endpoints are gone.
 */
public final class SharedFhirServer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final SharedServer SERVER = new SharedServer("shared-fhir-server", Duration.ofMinutes(4));

    private static String base;

    private SharedFhirServer() {
    }

    /** The server's FHIR base URL ({@code http://localhost:port/fhir}), starting it if this run has none yet. */
    public static synchronized String base() {
        if (base == null) {
            try {
                String url = SERVER.acquire(SharedFhirServer::launch, SharedFhirServer::answers);
                deleteSubscriptions(url);
                base = url;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the shared FHIR server", e);
            }
        }
        return base;
    }

    private static SharedServer.Started launch(int port, boolean firstOfRun) throws IOException {
        Path jar = SharedServer.root().resolve("fhir-server/target/ixbi-fhir-server.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the reactor packages fhir-server before its tests");
        }
        Path database = SERVER.dir().resolve("db");
        SharedServer.deleteTree(database);
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx768m",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + port,
                "--ixbi.fhir-server.jdbc-url=jdbc:h2:file:" + database.resolve("fhir"));
        return new SharedServer.Started(command, Map.of(), "http://localhost:" + port + "/fhir");
    }

    private static boolean answers(String url) {
        return url != null && SharedServer.answersOk(url + "/metadata", Duration.ofSeconds(30));
    }

    private static void deleteSubscriptions(String url) throws IOException {
        try {
            HttpResponse<String> found = HTTP.send(HttpRequest.newBuilder(URI.create(url
                    + "/Subscription?_elements=id&_count=1000")).header("Accept", "application/fhir+json")
                    .header("Cache-Control", "no-cache").build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode entry : JSON.readTree(found.body()).path("entry")) {
                String id = entry.path("resource").path("id").asText();
                HTTP.send(HttpRequest.newBuilder(URI.create(url + "/Subscription/" + id)).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
