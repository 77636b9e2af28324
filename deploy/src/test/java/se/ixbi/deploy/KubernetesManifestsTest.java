package se.ixbi.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The Kubernetes deployment as a site renders it ({@code kubectl kustomize}), held to the rules of the house: every
 * object a Kubernetes type with nothing the type does not know; every container with probes, requests and limits,
 * not root; secrets only ever referenced; several engine nodes with a disruption budget; worker pools that scale
 * on the engine's backlog, the GPU pool on GPU nodes.
 */
class KubernetesManifestsTest {

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|_KEY|CREDENTIALS)$");
    static final Path DEPLOY_DOC = Path.of("..", "docs", "deploy.md");
    private static final Map<String, Rendered> overlays = new HashMap<>();

    @BeforeAll
    static void render() throws Exception {
        assertThat(Rendered.overlays()).containsExactlyInAnyOrder("dev", "production");
        for (String name : Rendered.overlays()) {
            overlays.put(name, Rendered.overlay(name));
        }
    }

    @Test
    void bothOverlaysRenderWithoutAWarning() {
        overlays.values().forEach(r -> {
            assertThat(r.warnings()).as(r.overlay()).isBlank();
            assertThat(r.objects()).as(r.overlay()).hasSizeGreaterThan(10);
        });
    }

    @Test
    void everyObjectIsAKubernetesTypeWithNothingLeftOver() {
        for (Rendered r : overlays.values()) {
            for (HasMetadata o : r.objects()) {
                String name = r.overlay() + ": " + o.getKind() + "/" + o.getMetadata().getName();
                assertThat(o).as(name + " is not a core Kubernetes type").isNotInstanceOf(
                        GenericKubernetesResource.class);
                assertThat(LeftOvers.in(o, o.getKind())).as(name).isEmpty();
            }
        }
    }

    @Test
    void everyContainerHasProbesRequestsAndLimitsAndRunsAsAUserNotRoot() {
        for (Rendered r : overlays.values()) {
            for (Rendered.Workload w : r.workloads()) {
                PodSpec pod = w.template().getSpec();
                String name = r.overlay() + ": " + w.name();
                for (Container c : containers(pod)) {
                    String where = name + " container " + c.getName();
                    boolean init = pod.getInitContainers().contains(c);
                    if (!init) {
                        assertThat(c.getReadinessProbe()).as(where + " readiness").isNotNull();
                        assertThat(c.getLivenessProbe()).as(where + " liveness").isNotNull();
                    }
                    assertThat(c.getResources()).as(where).isNotNull();
                    for (Map<String, Quantity> bound : List.of(c.getResources().getRequests(),
                            c.getResources().getLimits())) {
                        assertThat(bound).as(where + " requests and limits").containsKeys("cpu", "memory");
                    }
                    assertThat(runsAsNonRoot(pod.getSecurityContext(), c.getSecurityContext())).as(where + " as root")
                            .isTrue();
                    SecurityContext security = c.getSecurityContext();
                    assertThat(security != null && Boolean.FALSE.equals(security.getAllowPrivilegeEscalation()))
                            .as(where + " allowPrivilegeEscalation: false").isTrue();
                    assertThat(c.getImage()).as(where + " image pinned").matches(".+:[^:/]+").doesNotEndWith(":latest");
                }
            }
        }
    }

    @Test
    void secretsAreReferencedNeverInlined() throws IOException {
        String doc = Files.readString(DEPLOY_DOC);
        for (Rendered r : overlays.values()) {
            Set<String> rendered = new TreeSet<>();
            r.all(Secret.class).forEach(s -> rendered.add(s.getMetadata().getName()));
            Set<String> referenced = new TreeSet<>();
            for (Rendered.Workload w : r.workloads()) {
                PodSpec pod = w.template().getSpec();
                pod.getVolumes().stream().filter(v -> v.getSecret() != null)
                        .forEach(v -> referenced.add(v.getSecret().getSecretName()));
                for (Container c : containers(pod)) {
                    c.getEnvFrom().stream().filter(e -> e.getSecretRef() != null)
                            .forEach(e -> referenced.add(e.getSecretRef().getName()));
                    for (EnvVar e : c.getEnv()) {
                        if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                            referenced.add(e.getValueFrom().getSecretKeyRef().getName());
                        }
                        assertThat(SECRET_NAME.matcher(e.getName()).matches() && e.getValue() != null)
                                .as(r.overlay() + ": " + w.name() + " has the secret " + e.getName() + " inline")
                                .isFalse();
                    }
                }
            }
            assertThat(referenced).as(r.overlay()).isNotEmpty();
            if (r.overlay().equals("production")) {
                // the site creates them; the repository holds none, and docs/deploy.md says which and how
                assertThat(rendered).as("production renders no Secret").isEmpty();
                assertThat(referenced).allSatisfy(s -> assertThat(doc).as("docs/deploy.md names " + s).contains(s));
            } else {
                assertThat(rendered).as(r.overlay() + ": every referenced Secret exists").containsAll(referenced);
            }
        }
    }

    @Test
    void severalEngineNodesWithADisruptionBudgetAndHealthProbes() {
        for (Rendered r : overlays.values()) {
            Deployment engine = r.named(Deployment.class, "ixbi-processes").orElseThrow();
            assertThat(engine.getSpec().getReplicas()).as(r.overlay()).isGreaterThanOrEqualTo(2);
            Container node = engine.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(node.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            assertThat(node.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            Map<String, String> labels = engine.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(r.all(PodDisruptionBudget.class)).as(r.overlay()).anySatisfy(pdb ->
                    assertThat(labels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels()));
            assertThat(env(node, "SPRING_PROFILES_ACTIVE")).contains("production");
        }
    }

    @Test
    void workerPoolsByTopicTheReconstructionOnGpuNodesEachScaledOnItsBacklog() {
        for (Rendered r : overlays.values()) {
            List<Deployment> pools = r.all(Deployment.class).stream()
                    .filter(d -> env(d.getSpec().getTemplate().getSpec().getContainers().get(0),
                            "IXBI_WORKERS_TOPICS") != null).toList();
            assertThat(pools).as(r.overlay() + " worker pools").hasSizeGreaterThanOrEqualTo(2);
            Deployment gpu = pools.stream().filter(d -> topics(d).contains("xray.reconstruct")).findFirst()
                    .orElseThrow();
            assertThat(topics(gpu)).containsExactly("xray.reconstruct");
            Container gpuNode = gpu.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(gpuNode.getResources().getLimits()).containsKey("nvidia.com/gpu");
            assertThat(gpu.getSpec().getTemplate().getSpec().getNodeSelector()).isNotEmpty();
            for (Deployment pool : pools) {
                HorizontalPodAutoscaler hpa = r.all(HorizontalPodAutoscaler.class).stream()
                        .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(pool.getMetadata().getName()))
                        .findFirst().orElseThrow(() -> new AssertionError(pool.getMetadata().getName()
                                + " has no autoscaler"));
                List<String> metrics = new ArrayList<>();
                for (MetricSpec m : hpa.getSpec().getMetrics()) {
                    if ("External".equals(m.getType())) {
                        metrics.add(m.getExternal().getMetric().getName());
                    }
                }
                assertThat(metrics).as(pool.getMetadata().getName() + " scales on the backlog")
                        .allMatch(n -> n.startsWith("ixbi_external_tasks_waiting")).isNotEmpty();
            }
        }
    }

    @Test
    void servicesFindTheirPodsAndTheIngressIsTlsWithStickySessions() {
        for (Rendered r : overlays.values()) {
            for (Service s : r.all(Service.class)) {
                Map<String, String> selector = s.getSpec().getSelector();
                assertThat(r.workloads()).as(r.overlay() + ": Service " + s.getMetadata().getName() + " selects")
                        .anySatisfy(w -> assertThat(w.template().getMetadata().getLabels())
                                .containsAllEntriesOf(selector));
            }
            List<Ingress> ingresses = r.all(Ingress.class);
            assertThat(ingresses).as(r.overlay()).isNotEmpty();
            for (Ingress i : ingresses) {
                assertThat(i.getSpec().getTls()).as(r.overlay() + ": TLS").isNotEmpty();
            }
            assertThat(ingresses).anySatisfy(i -> assertThat(i.getMetadata().getAnnotations())
                    .containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie"));
        }
    }

    private static List<Container> containers(PodSpec pod) {
        List<Container> all = new ArrayList<>(pod.getInitContainers());
        all.addAll(pod.getContainers());
        return all;
    }

    private static boolean runsAsNonRoot(PodSecurityContext pod, SecurityContext container) {
        Boolean nonRoot = container != null && container.getRunAsNonRoot() != null ? container.getRunAsNonRoot()
                : pod != null ? pod.getRunAsNonRoot() : null;
        Long user = container != null && container.getRunAsUser() != null ? container.getRunAsUser()
                : pod != null ? pod.getRunAsUser() : null;
        return Boolean.TRUE.equals(nonRoot) && (user == null || user != 0);
    }

    private static String env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElse(null);
    }

    private static List<String> topics(Deployment pool) {
        return List.of(env(pool.getSpec().getTemplate().getSpec().getContainers().get(0), "IXBI_WORKERS_TOPICS")
                .split("\\s*,\\s*"));
    }
}
