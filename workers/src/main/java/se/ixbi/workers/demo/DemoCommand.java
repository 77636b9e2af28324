package se.ixbi.workers.demo;

import io.minio.MinioClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.ixbi.workers.storage.LocalObjectStore;
import se.ixbi.workers.storage.ObjectStore;
import se.ixbi.workers.storage.S3ObjectStore;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs one synthetic case against a running system with its demo users (over HTTP Basic, or "
                + "through Keycloak in that mode): registration, consent, "
                + "biopsy, custody, beamtime, a simulated scan uploaded to the object store, then data.verify, "
                + "xray.reconstruct and xray.qc by the workers. Prints each stage."})
public class DemoCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "http://localhost:8080", description = "the engine (default ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--issuer",
            description = "Keycloak mode: the realm's issuer; the demo users sign in there through the development "
                    + "client ixbi-cli (default: IXBI_IDENTITY_ISSUER_URI when IXBI_IDENTITY_MODE=keycloak)")
    String issuer;

    @Option(names = "--objects-root", defaultValue = "./data/objects",
            description = "the local object store the workers use (default ${DEFAULT-VALUE})")
    Path objectsRoot;

    @Option(names = "--bucket", defaultValue = "ixbi", description = "bucket or top folder (default ${DEFAULT-VALUE})")
    String bucket;

    @Option(names = "--s3-endpoint", description = "use this S3 service instead of the local folder")
    String s3Endpoint;

    @Option(names = "--s3-access-key")
    String s3AccessKey;

    @Option(names = "--s3-secret-key")
    String s3SecretKey;

    @Option(names = "--size", defaultValue = "96", description = "detector edge in pixels (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--angles", defaultValue = "180", description = "projections (default ${DEFAULT-VALUE})")
    int angles;

    @Option(names = "--timeout", defaultValue = "PT5M", description = "give up after (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        ObjectStore store = s3Endpoint == null ? new LocalObjectStore(objectsRoot, bucket)
                : new S3ObjectStore(MinioClient.builder().endpoint(s3Endpoint).credentials(s3AccessKey, s3SecretKey)
                        .build(), bucket);
        Map<String, String> demoUsers = Map.of("coordinator", "coordinator", "clinician", "clinician",
                "operator", "operator");
        Path work = Files.createTempDirectory("ixbi-demo");
        String issuer = issuer();
        System.out.println("demo against " + url + (issuer != null ? ", signed in through " + issuer : ""));
        try {
            var signIn = issuer != null ? DemoRun.keycloak(issuer, demoUsers) : DemoRun.passwords(demoUsers);
            DemoRun.Outcome outcome = new DemoRun(url, signIn, store, work, System.out, size, angles, timeout).run();
            System.out.println();
            System.out.println("case " + outcome.caseId() + ": " + (outcome.qcPassed() ? "QC passed" : "QC failed")
                    + "; now waiting for " + outcome.waitingFor());
            System.out.println("volume: " + outcome.reconstructedUri());
            if (outcome.reconstructedUri() != null && outcome.reconstructedUri().startsWith("file:")) {
                System.out.println("open it: python3 -c \"import zarr; z = zarr.open('"
                        + Path.of(java.net.URI.create(outcome.reconstructedUri())) + "', mode='r'); print(z['0'])\"");
            }
            return outcome.qcPassed() ? 0 : 1;
        } catch (PlatformClient.PlatformException | IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } finally {
            Files.deleteIfExists(work);
        }
    }

    /** The issuer given on the command line, or the environment's when it selects Keycloak mode; else none. */
    private String issuer() {
        if (issuer != null) {
            return issuer;
        }
        return "keycloak".equalsIgnoreCase(System.getenv("IXBI_IDENTITY_MODE"))
                ? System.getenv("IXBI_IDENTITY_ISSUER_URI") : null;
    }
}
