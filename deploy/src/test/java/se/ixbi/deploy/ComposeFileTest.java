package se.ixbi.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The lab server's Compose file: the same system as the cluster (two engine nodes behind a TLS proxy that keeps
 * sessions sticky, worker nodes, the bridge, PostgreSQL, S3, Keycloak), every long-running container with a health
 * check, resource limits, a user not root and a pinned image, and secrets as files, never in its text.
 */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("compose", "compose.yaml");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|_KEY|CREDENTIALS)$");
    /** One-shot jobs allowed to run as root: no network, no restart, and why. */
    private static final Map<String, String> ROOT_JOBS = Map.of("minio-volume-init",
            "hands MinIO's new named volume to MinIO's user once; Docker creates named volumes owned by root");
    private static JsonNode services;

    @BeforeAll
    static void read() throws Exception {
        // SnakeYAML, as Compose does, resolves the file's anchors and merge keys (<<: *engine)
        Object compose = new org.yaml.snakeyaml.Yaml().load(Files.readString(COMPOSE));
        services = new ObjectMapper().valueToTree(compose).path("services");
    }

    @Test
    void twoEngineNodesOnOnePostgresBehindAStickyTlsProxy() throws Exception {
        List<String> engines = names(s -> s.path("image").asText().contains("/ixbi-processes:"));
        assertThat(engines).hasSizeGreaterThanOrEqualTo(2);
        for (String engine : engines) {
            assertThat(services.path(engine).path("environment").path("SPRING_DATASOURCE_URL").asText())
                    .startsWith("jdbc:postgresql://postgres:");
        }
        assertThat(names(s -> s.path("image").asText().contains("/ixbi-workers"))).isNotEmpty();
        assertThat(names(s -> s.path("image").asText().contains("/ixbi-fhir-bridge:"))).hasSize(1);
        assertThat(names(s -> s.path("image").asText().startsWith("postgres:"))).hasSize(1);
        assertThat(names(s -> s.path("image").asText().contains("keycloak"))).hasSize(1);
        assertThat(names(s -> s.path("image").asText().contains("minio/minio"))).hasSize(1);
        String caddyfile = Files.readString(Path.of("compose", "Caddyfile"));
        assertThat(caddyfile).contains("lb_policy cookie");
        for (String engine : engines) {
            assertThat(caddyfile).contains(engine + ":8080");
        }
        assertThat(caddyfile).contains("tls ");
    }

    @Test
    void everyLongRunningContainerIsCheckedLimitedPinnedAndNotRoot() {
        services.fields().forEachRemaining(e -> {
            String name = e.getKey();
            JsonNode s = e.getValue();
            String image = s.path("image").asText();
            assertThat(image).as(name + " image pinned").matches(".+:[^:/]+").doesNotEndWith(":latest");
            String user = s.path("user").asText();
            if (ROOT_JOBS.containsKey(name)) {
                assertThat(s.path("network_mode").asText()).as(name).isEqualTo("none");
                assertThat(s.path("restart").asText()).as(name).isEqualTo("no");
                return;
            }
            assertThat(user).as(name + " user").isNotBlank().doesNotStartWith("0").isNotEqualTo("root");
            assertThat(s.path("healthcheck").path("test").isMissingNode()).as(name + " health check").isFalse();
            JsonNode limits = s.path("deploy").path("resources").path("limits");
            assertThat(limits.has("cpus") && limits.has("memory")).as(name + " limits").isTrue();
        });
    }

    @Test
    void secretsAreFilesNeverText() {
        services.fields().forEachRemaining(e -> e.getValue().path("environment").fields().forEachRemaining(v -> {
            if (SECRET_NAME.matcher(v.getKey()).matches()) {
                assertThat(v.getValue().asText()).as(e.getKey() + " " + v.getKey()).matches("\\$\\{[^}]+\\}");
            }
        }));
        // the engine reads its secrets from files that Compose mounts, named after the properties they set
        JsonNode engine = services.path(names(s -> s.path("image").asText().contains("/ixbi-processes:")).get(0));
        assertThat(engine.path("environment").path("SPRING_CONFIG_IMPORT").asText())
                .isEqualTo("optional:configtree:/run/secrets/");
        assertThat(engine.path("secrets").findValuesAsText("target")).contains("spring.datasource.password",
                "ixbi.metrics.password");
    }

    private static List<String> names(java.util.function.Predicate<JsonNode> test) {
        List<String> found = new java.util.ArrayList<>();
        services.fields().forEachRemaining(e -> {
            if (test.test(e.getValue())) {
                found.add(e.getKey());
            }
        });
        return found;
    }
}
