package se.ixbi.workers.demo;

import io.minio.MinioClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    @Option(names = "--size", description = "detector edge in pixels (default 96; 64 with --full)")
    Integer size;

    @Option(names = "--angles", defaultValue = "180", description = "projections (default ${DEFAULT-VALUE})")
    int angles;

    @Option(names = "--timeout", defaultValue = "PT5M", description = "give up after (default ${DEFAULT-VALUE}); "
            + "with --full, for the X-ray part and again for the rest")
    Duration timeout;

    @Option(names = "--full", description = "every scope consented, to COMPLETED: after the X-ray volume, a "
            + "simulated FIB-SEM block and spatial-omics section of the same tissue, both registrations and the "
            + "findings reviewed, and the report to the clinic (the FHIR bridge must run); --size 64 by default")
    boolean full;

    @Override
    public Integer call() throws Exception {
        ObjectStore store = s3Endpoint == null ? new LocalObjectStore(objectsRoot, bucket)
                : new S3ObjectStore(MinioClient.builder().endpoint(s3Endpoint).credentials(s3AccessKey, s3SecretKey)
                        .build(), bucket);
        Path work = Files.createTempDirectory("ixbi-demo");
        String issuer = DemoUsers.issuer(this.issuer);
        System.out.println("demo against " + url + (issuer != null ? ", signed in through " + issuer : ""));
        try {
            var signIn = DemoUsers.signIn(issuer);
            int edge = size != null ? size : full ? 64 : 96;
            DemoRun demo = new DemoRun(url, signIn, store, work, System.out, edge, angles, timeout);
            if (full) {
                FullCase.Result result = new FullCase(demo.withVolumeEm().withSpatialOmics()
                        .withCells(FullCase.CELLS)).run();
                System.out.println();
                System.out.println("case " + result.caseId() + ": " + result.status());
                result.figures().forEach(f -> System.out.println("  " + f));
                return "COMPLETED".equals(result.status()) ? 0 : 1;
            }
            DemoRun.Outcome outcome = demo.run();
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
}
