package se.ixbi.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * One Kustomize overlay as {@code kubectl kustomize} renders it, each object read into Kubernetes' own model types.
 *
 * @param warnings what kubectl wrote on its error stream (deprecations included)
 */
record Rendered(String overlay, String yaml, String warnings, List<HasMetadata> objects) {

    static final Path KUBERNETES = Path.of("kubernetes");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static List<String> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(KUBERNETES.resolve("overlays"))) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static Rendered overlay(String name) throws IOException, InterruptedException {
        Path dir = KUBERNETES.resolve("overlays").resolve(name);
        Path err = Files.createTempFile("kustomize", ".err");
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("kubectl is not on this machine's PATH (.ci/run installs it); it renders "
                    + "the Kustomize overlays as a site does", e);
        }
        String yaml = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kubectl.waitFor(2, TimeUnit.MINUTES) || kubectl.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + Files.readString(err));
        }
        String warnings = Files.readString(err);
        Files.delete(err);
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---$")) {
            if (!document.isBlank()) {
                KubernetesResource read = SERIALIZATION.unmarshal(document, KubernetesResource.class);
                objects.add((HasMetadata) read);
            }
        }
        return new Rendered(name, yaml, warnings, objects);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    /** Every workload's pod template, by the workload's kind and name. */
    List<Workload> workloads() {
        List<Workload> found = new ArrayList<>();
        for (HasMetadata o : objects) {
            PodTemplateSpec template = o instanceof Deployment d ? d.getSpec().getTemplate()
                    : o instanceof StatefulSet s ? s.getSpec().getTemplate()
                    : o instanceof DaemonSet s ? s.getSpec().getTemplate()
                    : o instanceof Job j ? j.getSpec().getTemplate()
                    : o instanceof CronJob c ? c.getSpec().getJobTemplate().getSpec().getTemplate() : null;
            if (template != null) {
                found.add(new Workload(o.getKind() + "/" + o.getMetadata().getName(), template));
            }
        }
        return found;
    }

    record Workload(String name, PodTemplateSpec template) {
    }
}
